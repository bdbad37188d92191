import uuid
from typing import Any

import httpx
from cse_contracts.events import (
    ApplicationReturned,
    EvaluationDecided,
    EvaluationPanelAssigned,
    RecommendationScreened,
)
from kit.auth import Role
from kit.events import Envelope, EventData
from kit.testing import KEYS
from notifications.inbox.handlers import on_any_event
from sqlalchemy.ext.asyncio import AsyncSession


def envelope(data: EventData) -> Envelope:
    return Envelope.wrap(data, source="/services/test", subject="x")


def screened(enterprise: str = "ent-1", name: str = "张三") -> Envelope:
    return envelope(RecommendationScreened(
        recommendation_id=uuid.uuid4(), candidate_id=uuid.uuid4(), enterprise_id=enterprise,
        candidate_name=name, decision="accepted", society_code="cces", reason="",
    ))


def decided(applicant: str, outcome: str = "failed") -> Envelope:
    return envelope(EvaluationDecided(
        case_id=uuid.uuid4(), application_id=uuid.uuid4(), applicant_id=applicant,
        society_code="cces", outcome=outcome, reasons="工程伦理得分低于12分",
    ))


def applicant(subject: str) -> dict[str, str]:
    return KEYS.headers(Role.APPLICANT, subject)


async def items(client: httpx.AsyncClient, headers: dict[str, str], **params: Any
                ) -> list[dict[str, Any]]:
    response = await client.get("/v1/notifications", headers=headers, params=params)
    assert response.status_code == 200, response.text
    result: list[dict[str, Any]] = response.json()["items"]
    return result


async def test_each_recipient_gets_its_message_once(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    event = screened()
    await on_any_event(session, event)
    await on_any_event(session, event)
    mine = await items(client, KEYS.headers(Role.ENTERPRISE, "c", enterprise="ent-1"))
    assert [(n["title_zh"], n["title_en"]) for n in mine] == [
        ("张三的初筛结果：通过初筛", "Pre-screening of 张三: accepted")]
    society = await items(client, KEYS.headers(Role.SOCIETY_ADMIN, "s", society="cces"))
    assert [n["kind"] for n in society] == ["recommendation.screened"]
    assert await items(client, KEYS.headers(Role.ENTERPRISE, "c", enterprise="ent-2")) == []
    assert await items(client, KEYS.headers(Role.SOCIETY_ADMIN, "s", society="cmes")) == []
    assert (await client.get("/v1/notifications")).status_code == 401


async def test_read_unread_count_and_mark_all(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    for _ in range(3):
        await on_any_event(session, decided("app-1"))
    await on_any_event(session, decided("app-2"))
    me = applicant("app-1")
    count = await client.get("/v1/notifications/unread-count", headers=me)
    assert count.json() == {"unread": 3}
    first = (await items(client, me))[0]
    assert first["read_at"] is None
    assert "工程伦理得分低于12分" in first["body_zh"]
    marked = await client.put(f"/v1/notifications/{first['id']}/read", headers=me)
    assert marked.status_code == 200
    assert marked.json()["read_at"] is not None
    assert (await client.get("/v1/notifications/unread-count", headers=me)).json() == {
        "unread": 2}
    assert len(await items(client, me, unread="true")) == 2
    # Someone else's message is not found, not merely refused.
    other = await client.put(f"/v1/notifications/{first['id']}/read", headers=applicant("app-2"))
    assert other.status_code == 404
    assert other.headers["content-type"] == "application/problem+json"
    unread_again = await client.put(f"/v1/notifications/{first['id']}/read", headers=me,
                                    json={"read": False})
    assert unread_again.json()["read_at"] is None
    all_read = await client.post("/v1/notifications/read-all", headers=me)
    assert all_read.json() == {"marked_read": 3}
    assert (await client.get("/v1/notifications/unread-count", headers=me)).json() == {
        "unread": 0}
    assert (await client.get("/v1/notifications/unread-count",
                             headers=applicant("app-2"))).json() == {"unread": 1}


async def test_cursor_pages_and_kind_filter(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    for _ in range(5):
        await on_any_event(session, decided("app-3"))
    await on_any_event(session, envelope(ApplicationReturned(
        application_id=uuid.uuid4(), applicant_id="app-3", society_code="cces",
        reasons="学历证明不清晰", resubmit_by="2026-12-15",
    )))
    me = applicant("app-3")
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/notifications", headers=me, params=params)).json()
        assert len(page["items"]) <= 2
        seen += [n["id"] for n in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 6
    returned = await items(client, me, kind="application.returned")
    assert len(returned) == 1
    assert returned[0]["due_on"] == "2026-12-15"
    assert len(await items(client, me, kind="evaluation.*")) == 5
    bad = await client.get("/v1/notifications", headers=me, params={"cursor": "nope"})
    assert bad.status_code == 422


async def test_examiners_hear_of_their_panel_seat(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    await on_any_event(session, envelope(EvaluationPanelAssigned(
        case_id=uuid.uuid4(), application_id=uuid.uuid4(), society_code="cces",
        examiner_ids=["exam-1", "exam-2"])))
    seat = await items(client, KEYS.headers(Role.EXAMINER, "exam-1", society="cces"))
    assert [n["title_en"] for n in seat] == ["You have a seat on an examiner panel"]
    assert await items(client, KEYS.headers(Role.EXAMINER, "exam-3", society="cces")) == []


async def test_an_enterprise_hears_its_candidate_passed_the_formal_check(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    from datetime import UTC, datetime

    from cse_contracts.events import ApplicationAccepted

    candidate_id = uuid.uuid4()
    await on_any_event(session, envelope(RecommendationScreened(
        recommendation_id=uuid.uuid4(), candidate_id=candidate_id, enterprise_id="ent-9",
        candidate_name="王五", decision="accepted", society_code="cces", reason="")))
    now = datetime.now(UTC)
    for candidate in (candidate_id, None):
        await on_any_event(session, envelope(ApplicationAccepted(
            application_id=uuid.uuid4(), applicant_id="eng-9", applicant_name="王五",
            society_code="cces", level="professional", field_code="civil",
            specialty_code=None, candidate_id=candidate, recommending_enterprise="某公司",
            submitted_at=now, accepted_at=now)))
    mine = await items(client, KEYS.headers(Role.ENTERPRISE, "c9", enterprise="ent-9"),
                       kind="application.accepted")
    assert [n["title_zh"] for n in mine] == ["贵单位推荐的王五的申请已通过初审"]


async def test_the_panel_hears_when_supplementary_material_arrives(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    from cse_contracts.events import ApplicationSupplementSubmitted

    case_id, application_id = uuid.uuid4(), uuid.uuid4()
    await on_any_event(session, envelope(EvaluationPanelAssigned(
        case_id=case_id, application_id=application_id, society_code="cces",
        examiner_ids=["exam-5", "exam-6"])))
    # A later announcement replaces the panel.
    await on_any_event(session, envelope(EvaluationPanelAssigned(
        case_id=case_id, application_id=application_id, society_code="cces",
        examiner_ids=["exam-5", "exam-7"])))
    await on_any_event(session, envelope(ApplicationSupplementSubmitted(
        application_id=application_id, case_id=case_id, applicant_id="app-5",
        society_code="cces", round=1, evidence_ids=[uuid.uuid4()])))
    for examiner, expected in (("exam-5", 1), ("exam-7", 1), ("exam-6", 0)):
        found = await items(client, KEYS.headers(Role.EXAMINER, examiner, society="cces"),
                            kind="application.supplement_submitted")
        assert len(found) == expected, examiner
    [message] = await items(client, KEYS.headers(Role.EXAMINER, "exam-5", society="cces"),
                            kind="application.supplement_submitted")
    assert message["title_zh"] == "请复审：申请人已提交第1轮补充材料"
