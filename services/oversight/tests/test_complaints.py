from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from kit import clock
from kit.auth import Role
from kit.crypto import cipher
from kit.testing import KEYS
from oversight.complaints import rules
from oversight.models import outbox
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession
from streams import pages

SUPERVISION = KEYS.headers(Role.SUPERVISION, "sup-wang", name="王监督")
SOCIETY = KEYS.headers(Role.SOCIETY_ADMIN, "ciesc-li", society="ciesc")
OTHER_SOCIETY = KEYS.headers(Role.SOCIETY_ADMIN, "cces-zhao", society="cces")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

PUBLIC_COMPLAINT = {
    "kind": "complaint", "about_kind": "case", "about_ref": "case-42", "society_code": "ciesc",
    "title": "面试评分不公", "body": "我认为 2026 年 11 月的面试评分没有依据。",
    "contact": {"name": "赵公众", "email": "zhao@example.com", "phone": "+8613812345678"},
}


async def events(session: AsyncSession) -> list[dict[str, Any]]:
    rows = (await session.scalars(select(outbox.c.envelope).order_by(outbox.c.seq))).all()
    return list(rows)


def test_moves_follow_the_committee_procedure() -> None:
    assert rules.next_state("register", "complaint", "received") == "registered"
    assert rules.next_state("answer", "complaint", "investigating") is None
    assert rules.next_state("answer", "suggestion", "registered") == "answered"
    assert rules.next_state("request_statement", "complaint", "registered") is None
    assert rules.allowed_actions("complaint", "answered") == []
    assert rules.is_overdue(date(2026, 1, 1), date(2026, 1, 2), "investigating")
    assert not rules.is_overdue(date(2026, 1, 1), date(2026, 1, 2), "answered")


def test_tracking_codes_are_distinct_and_forgiving() -> None:
    codes = {rules.new_tracking_code() for _ in range(200)}
    assert len(codes) == 200
    code = next(iter(codes))
    assert rules.normalise_tracking_code(f" {code.lower()} ") == code


async def test_public_complaint_followed_to_its_answer(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    sent = await client.post("/v1/complaints", json=PUBLIC_COMPLAINT)
    assert sent.status_code == 201, sent.text
    code = sent.json()["tracking_code"]
    assert code.startswith("YJ-")

    # The contact details and the text are stored encrypted.
    raw = (await session.execute(text(
        "SELECT contact_email, contact_phone, body FROM complaints WHERE tracking_code = :c"
    ), {"c": code})).one()
    assert "zhao@example.com" not in str(raw)
    assert "13812345678" not in str(raw)
    assert "面试评分" not in str(raw)
    assert cipher().decrypt(raw[0]) == "zhao@example.com"

    attached = await client.post(f"/v1/complaints/track/{code}/attachments",
                                 files={"file": ("scores.png", PNG, "application/pdf")})
    assert attached.status_code == 201, attached.text
    assert attached.json()["content_type"] == "image/png"
    fake = await client.post(f"/v1/complaints/track/{code}/attachments",
                             files={"file": ("x.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")})
    assert fake.status_code == 415
    assert fake.headers["content-type"] == "application/problem+json"

    listed = (await client.get("/v1/complaints", headers=SUPERVISION)).json()["items"]
    complaint_id = next(c["id"] for c in listed if c["tracking_code"] == code)
    assert (await client.get("/v1/complaints", headers=SOCIETY)).status_code == 403
    # Nothing is asked of the society yet, so it sees nothing.
    assert (await client.get(f"/v1/complaints/{complaint_id}", headers=SOCIETY)).status_code == 404

    early = await client.post(f"/v1/complaints/{complaint_id}/answer", headers=SUPERVISION,
                              json={"answer": "x"})
    assert early.status_code == 409
    base = f"/v1/complaints/{complaint_id}"
    assert (await client.post(f"{base}/register", headers=SUPERVISION,
                              json={"note": "已登记"})).status_code == 200
    assert (await client.post(f"{base}/investigators", headers=SUPERVISION,
                              json={"investigators": ["expert-1", "expert-2"]})).status_code == 200
    asked = await client.post(f"{base}/statement-request", headers=SUPERVISION,
                              json={"request": "请说明案件 case-42 面试评分的依据。"})
    assert asked.status_code == 200, asked.text

    # The society concerned sees the request, and nothing about the sender.
    view = (await client.get(base, headers=SOCIETY)).json()
    assert view["statement_request"] == "请说明案件 case-42 面试评分的依据。"
    assert "contact" not in view
    assert "body" not in view
    assert "赵公众" not in str(view)
    assert (await client.get(base, headers=OTHER_SOCIETY)).status_code == 404
    assert (await client.get("/v1/complaints/statement-requests",
                             headers=OTHER_SOCIETY)).json() == {"items": [], "next_cursor": None}
    wrong = await client.post(f"{base}/statement", headers=OTHER_SOCIETY,
                              json={"statement": "x"})
    assert wrong.status_code == 404
    stated = await client.post(f"{base}/statement", headers=SOCIETY,
                               json={"statement": "评分依据见评分表。"})
    assert stated.status_code == 200, stated.text

    assert (await client.post(f"{base}/findings", headers=SUPERVISION,
                              json={"findings": "评分有据。"})).status_code == 200
    answered = await client.post(f"{base}/answer", headers=SUPERVISION,
                                 json={"answer": "经调查，评分有据，维持原结果。"})
    assert answered.status_code == 200, answered.text
    full = answered.json()
    assert full["contact"]["email"] == "zhao@example.com"
    assert [s["action"] for s in full["history"]] == [
        "submit", "attach", "register", "assign_investigators", "request_statement",
        "submit_statement", "record_findings", "answer",
    ]
    assert full["allowed_actions"] == []

    # The sender follows it with the code and reads the answer; no staff notes are shown.
    tracked = (await client.get(f"/v1/complaints/track/{code.lower()}")).json()
    assert tracked["status"] == "answered"
    assert tracked["answer"] == "经调查，评分有据，维持原结果。"
    assert "note" not in tracked["history"][0]
    assert (await client.get("/v1/complaints/track/YJ-0000-0000-0000")).status_code == 404

    emitted = [(e["type"], e["data"]) for e in await events(session)]
    assert [t for t, _ in emitted] == [
        "complaint.received", "complaint.statement_requested", "complaint.answered"]
    answer_event = emitted[-1][1]
    assert answer_event["contact_email"] == "zhao@example.com"
    assert answer_event["complainant_subject"] is None
    assert emitted[1][1]["society_code"] == "ciesc"


async def test_public_sender_must_leave_contact(client: httpx.AsyncClient) -> None:
    anonymous = {**PUBLIC_COMPLAINT, "contact": None}
    refused = await client.post("/v1/complaints", json=anonymous)
    assert refused.status_code == 422
    [item] = refused.json()["errors"]
    assert item == {"code": "contact_required", "location": ["body", "contact"],
                    "field": "contact", "message_zh": item["message_zh"],
                    "message_en": item["message_en"]}
    assert "电话" in item["message_zh"]
    assert "phone" in item["message_en"]
    no_case = {**PUBLIC_COMPLAINT, "about_ref": None}
    refused = await client.post("/v1/complaints", json=no_case)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["location"] == ["body", "case", "about_ref"]
    for wrong in ({"about_kind": "society", "society_code": None},
                  {"about_kind": "society", "society_code": "nowhere"},
                  {"about_kind": "elsewhere"}):
        refused = await client.post("/v1/complaints", json={**PUBLIC_COMPLAINT, **wrong})
        assert refused.status_code == 422, wrong
    bad_token = {"Authorization": "Bearer not-a-token"}
    assert (await client.post("/v1/complaints", json=PUBLIC_COMPLAINT,
                              headers=bad_token)).status_code == 401


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.SECRETARIAT, Role.EXAMINER])
async def test_nobody_sees_anothers_complaint(client: httpx.AsyncClient, role: Role) -> None:
    member = KEYS.headers(Role.APPLICANT, "user-zhang")
    sent = await client.post("/v1/complaints", headers=member, json={
        "kind": "suggestion", "about_kind": "general", "title": "建议", "body": "建议增加英文版。",
    })
    assert sent.status_code == 201, sent.text
    mine = (await client.get("/v1/complaints/mine", headers=member)).json()["items"]
    assert len(mine) == 1
    complaint_id = mine[0]["id"]
    own = await client.get(f"/v1/complaints/{complaint_id}", headers=member)
    assert own.status_code == 200
    assert own.json()["title"] == "建议"
    stranger = KEYS.headers(role, "someone-else", society="ciesc")
    assert (await client.get(f"/v1/complaints/{complaint_id}",
                             headers=stranger)).status_code == 404
    assert (await client.get("/v1/complaints/mine", headers=stranger)).json()["items"] == []
    answered = await client.post(f"/v1/complaints/{complaint_id}/answer", headers=stranger,
                                 json={"answer": "x"})
    assert answered.status_code == 403


async def test_deadlines_limits_and_filters(client: httpx.AsyncClient) -> None:
    sent = await client.post("/v1/complaints", json=PUBLIC_COMPLAINT)
    code = sent.json()["tracking_code"]
    listed = (await client.get("/v1/complaints", headers=SUPERVISION)).json()["items"]
    complaint_id = next(c["id"] for c in listed if c["tracking_code"] == code)
    with clock.use(clock.FrozenClock(datetime(2026, 3, 1, 2, tzinfo=UTC))):
        registered = await client.post(f"/v1/complaints/{complaint_id}/register",
                                       headers=SUPERVISION, json={})
    # The configured 30 days from the China date of registration.
    assert registered.json()["answer_due"] == "2026-03-31"
    with clock.use(clock.FrozenClock(datetime(2026, 4, 1, 2, tzinfo=UTC))):
        overdue = (await client.get("/v1/complaints?overdue=true",
                                    headers=SUPERVISION)).json()["items"]
        assert [c["tracking_code"] for c in overdue] == [code]
        assert overdue[0]["overdue"] is True
    with clock.use(clock.FrozenClock(datetime(2026, 3, 31, 2, tzinfo=UTC))):
        assert (await client.get("/v1/complaints?overdue=true",
                                 headers=SUPERVISION)).json()["items"] == []
    assert (await client.get("/v1/complaints?status=lost",
                             headers=SUPERVISION)).status_code == 422
    big = b"%PDF-" + b"0" * (10 * 1024 * 1024)
    too_large = await client.post(f"/v1/complaints/track/{code}/attachments",
                                  files={"file": ("big.pdf", big, "application/pdf")})
    assert too_large.status_code == 413
    for n in range(5):
        added = await client.post(f"/v1/complaints/track/{code}/attachments",
                                  files={"file": (f"{n}.png", PNG, "image/png")})
        assert added.status_code == 201, added.text
    sixth = await client.post(f"/v1/complaints/track/{code}/attachments",
                              files={"file": ("6.png", PNG, "image/png")})
    assert sixth.status_code == 409


async def test_committee_names_the_society_concerned(client: httpx.AsyncClient) -> None:
    general = {**PUBLIC_COMPLAINT, "about_kind": "general", "about_ref": None,
               "society_code": None}
    code = (await client.post("/v1/complaints", json=general)).json()["tracking_code"]
    listed = (await client.get("/v1/complaints", headers=SUPERVISION)).json()["items"]
    base = "/v1/complaints/" + next(c["id"] for c in listed if c["tracking_code"] == code)
    await client.post(f"{base}/register", headers=SUPERVISION, json={})
    await client.post(f"{base}/investigators", headers=SUPERVISION,
                      json={"investigators": ["expert-1"]})
    nobody = await client.post(f"{base}/statement-request", headers=SUPERVISION,
                               json={"request": "请说明。"})
    assert nobody.status_code == 409
    unknown = await client.post(f"{base}/statement-request", headers=SUPERVISION,
                                json={"request": "请说明。", "society_code": "nowhere"})
    assert unknown.status_code == 422
    named = await client.post(f"{base}/statement-request", headers=SUPERVISION,
                              json={"request": "请说明。", "society_code": "ciesc"})
    assert named.status_code == 200, named.text
    assert (await client.get(base, headers=SOCIETY)).json()["statement_request"] == "请说明。"


async def test_lists_are_pages_newest_first(client: httpx.AsyncClient) -> None:
    member = KEYS.headers(Role.APPLICANT, "user-pages")
    codes = []
    for n in range(3):
        with clock.use(clock.FrozenClock(datetime(2026, 5, 1 + n, 2, tzinfo=UTC))):
            sent = await client.post("/v1/complaints", headers=member, json={
                **PUBLIC_COMPLAINT, "title": f"第 {n} 件", "contact": None})
            assert sent.status_code == 201, sent.text
            codes.append(sent.json()["tracking_code"])
    mine = await pages(client, "/v1/complaints/mine", member)
    assert [c["tracking_code"] for c in mine] == codes[::-1]
    everyone = [c["tracking_code"] for c in await pages(client, "/v1/complaints", SUPERVISION, 2)]
    assert len(everyone) == len(set(everyone))
    assert [c for c in everyone if c in codes] == codes[::-1]
    for complaint in mine[:2]:
        moved = await client.post(f"/v1/complaints/{complaint['id']}/register",
                                  headers=SUPERVISION, json={})
        assert moved.status_code == 200, moved.text
        for step, body in (("investigators", {"investigators": ["expert-1"]}),
                           ("statement-request", {"request": "请说明。"})):
            moved = await client.post(f"/v1/complaints/{complaint['id']}/{step}",
                                      headers=SUPERVISION, json=body)
            assert moved.status_code == 200, moved.text
    asked = await pages(client, "/v1/complaints/statement-requests", SOCIETY)
    assert [c["id"] for c in asked if c["id"] in {m["id"] for m in mine}] == [
        m["id"] for m in mine[:2]]
    refused = await client.get("/v1/complaints", headers=SUPERVISION,
                               params={"cursor": "not-a-cursor"})
    assert refused.status_code == 422
