"""Materials review: locked records, If-Match, supplementary-material rounds."""

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from cse_contracts.events import ApplicationSupplementSubmitted
from evaluation.reviews.handlers import on_supplement_submitted
from evaluation.spec import SPEC
from evaluation_factories import (
    applicant,
    clear_panel,
    create_case,
    deliver,
    events,
    examiner,
    full_review,
    staff,
    submit_review,
)
from kit import clock
from kit.clock import FrozenClock
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

LI, WANG = "exam-li", "exam-wang"


async def test_review_needs_if_match_and_is_locked_once_submitted(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await create_case(session)
    await clear_panel(client, case_id, [LI, WANG])
    url = f"/v1/cases/{case_id}/reviews/mine"
    mine = await client.get(url, headers=examiner(LI))
    assert mine.headers["ETag"] == '"1"'
    missing = await client.put(url, json=full_review(), headers=examiner(LI))
    assert missing.status_code == 428
    saved = await client.put(url, json={"recommendation": "passed"},
                             headers={**examiner(LI), "If-Match": '"1"'})
    assert saved.headers["ETag"] == '"2"'
    stale = await client.put(url, json=full_review(), headers={**examiner(LI), "If-Match": '"1"'})
    assert stale.status_code == 412
    incomplete = await client.post(f"{url}/submission", headers={**examiner(LI),
                                                                  "If-Match": '"2"'})
    assert incomplete.status_code == 409
    assert incomplete.json()["type"].endswith("/review-incomplete")
    assert (await submit_review(client, case_id, LI, full_review())).status_code == 200
    etag = (await client.get(url, headers=examiner(LI))).headers["ETag"]
    locked = await client.put(url, json=full_review("failed"), headers={**examiner(LI),
                                                                       "If-Match": etag})
    assert locked.status_code == 409
    assert locked.json()["type"].endswith("/review-locked")
    # Staff see every record; an examiner only their own.
    rounds = (await client.get(f"/v1/cases/{case_id}/reviews", headers=staff())).json()["items"]
    assert len(rounds[0]["reviews"]) == 2
    own = (await client.get(f"/v1/cases/{case_id}/reviews", headers=examiner(WANG))).json()["items"]
    assert [r["examiner_name"] for r in own[0]["reviews"]] == [WANG]
    assert (await submit_review(client, case_id, WANG, full_review())).status_code == 200
    case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
    assert case["materials_outcome"] == "passed"
    assert case["status"] == "assessment"


async def test_supplementary_material_round(client: httpx.AsyncClient, session: AsyncSession
                                            ) -> None:
    with clock.use(FrozenClock(datetime(2026, 9, 30, 2, tzinfo=UTC))):
        case_id = await create_case(session)
        await clear_panel(client, case_id, [LI, WANG])
        asked = await submit_review(client, case_id, LI, full_review(
            "supplement", supplement_requests="请补充仰光大桥项目的竣工验收证明"))
        assert asked.status_code == 200, asked.text
        case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
        assert case["status"] == "supplement_requested"
        requested = await events(session, "evaluation.supplement_requested")
        assert requested[0]["data"]["round"] == 1
        assert requested[0]["data"]["requests"] == "请补充仰光大桥项目的竣工验收证明"
        # 10 working days after 30 September 2026 skip the National Day holidays and count
        # Saturday 10 October (a make-up workday): the last day is 20 October.
        assert requested[0]["data"]["deadline"] == "2026-10-20T16:00:00Z"
        assert requested[0]["data"]["last_day"] == "2026-10-20"  # the China date
        draft = await client.get(f"/v1/cases/{case_id}/reviews/mine", headers=examiner(WANG))
        late = await client.put(f"/v1/cases/{case_id}/reviews/mine", json=full_review(),
                                headers={**examiner(WANG), "If-Match": draft.headers["ETag"]})
        assert late.status_code == 409
        assert late.json()["type"].endswith("/review-round-closed")

        supplement = ApplicationSupplementSubmitted(
            application_id=uuid.UUID(case["application_id"]), case_id=uuid.UUID(case_id),
            applicant_id="user-zhang", society_code="cces", round=1,
            evidence_ids=[uuid.uuid4()])
        envelope = Envelope.wrap(supplement, source="/services/applications", subject="x")
        await on_supplement_submitted(session, envelope)
        await on_supplement_submitted(session, envelope)  # a replay opens nothing more
        rounds = (await client.get(f"/v1/cases/{case_id}/reviews", headers=staff())).json()["items"]
        assert [(r["number"], r["status"]) for r in rounds] == [(1, "closed"), (2, "open")]
        assert rounds[0]["outcome"] == "supplement_requested"
        assert rounds[0]["supplement_last_day"] == "2026-10-20"
        assert {r["status"] for r in rounds[0]["reviews"]} == {"submitted", "draft"}
        assert [r["status"] for r in rounds[1]["reviews"]] == ["draft", "draft"]
        for subject in (LI, WANG):
            second = await submit_review(client, case_id, subject, full_review())
            assert second.status_code == 200, second.text
            assert second.json()["round"] == 2
        case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
        assert case["status"] == "assessment"


async def test_materials_fail_leads_to_a_fail_with_reasons(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await create_case(session)
    await clear_panel(client, case_id, [LI, WANG])
    await submit_review(client, case_id, LI, full_review())
    not_achieved = full_review("failed")
    not_achieved["competencies"]["ethics"] = {
        "achieved": False, "comment": "未提供本人处理工程伦理问题的具体事例"}
    assert (await submit_review(client, case_id, WANG, not_achieved)).status_code == 200
    case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
    assert (case["status"], case["materials_outcome"]) == ("deliberation", "failed")
    passed = await client.post(f"/v1/cases/{case_id}/decision", headers=staff(),
                               json={"outcome": "passed"})
    assert passed.status_code == 409
    assert "The materials review has not passed." in passed.json()["detail"]
    bare = await client.post(f"/v1/cases/{case_id}/decision", headers=staff(),
                             json={"outcome": "failed"})
    assert bare.status_code == 422
    assert bare.json()["suggested_reasons"] == (
        "材料审查认为「工程伦理与职业道德」未达成：未提供本人处理工程伦理问题的具体事例 / "
        "Materials review: engineering ethics & professional conduct not achieved: "
        "未提供本人处理工程伦理问题的具体事例")
    reasons = bare.json()["suggested_reasons"] + "\n建议补充具体事例后在下一批次重新申请。"
    failed = await client.post(f"/v1/cases/{case_id}/decision", headers=staff(),
                               json={"outcome": "failed", "reasons": reasons})
    assert failed.status_code == 200, failed.text
    assert (failed.json()["status"], failed.json()["outcome"], failed.json()["reasons"]) == (
        "failed", "failed", reasons)
    decided = await events(session, "evaluation.decided")
    assert [(d["data"]["outcome"], d["data"]["reasons"]) for d in decided] == [
        ("failed", reasons)]
    own = (await client.get(f"/v1/cases/{case_id}", headers=applicant())).json()
    assert own["reasons"] == reasons


def job(name: str) -> Any:
    """The scheduled job the worker runs under `name` (checks the wiring in spec.py)."""
    return next(j for j in SPEC.jobs if j.name == name).run


async def ask_for_a_supplement(client: httpx.AsyncClient, session: AsyncSession) -> str:
    case_id = await create_case(session)
    await clear_panel(client, case_id, [LI, WANG])
    asked = await submit_review(client, case_id, LI, full_review(
        "supplement", supplement_requests="请补充仰光大桥项目的竣工验收证明"))
    assert asked.status_code == 200, asked.text
    return case_id


async def test_when_the_supplement_deadline_passes_the_examiners_conclude_without_it(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    lapse = job("evaluation.lapse_supplement_requests")
    frozen = FrozenClock(datetime(2026, 9, 30, 2, tzinfo=UTC))
    with clock.use(frozen):
        case_id = await ask_for_a_supplement(client, session)
        # The deadline is the end of 20 October in Beijing: 16:00 UTC.
        frozen.at = datetime(2026, 10, 20, 15, 59, tzinfo=UTC)
        assert await lapse(session, clock.now()) == 0
        frozen.at = datetime(2026, 10, 20, 16, 0, tzinfo=UTC)
        assert await lapse(session, clock.now()) == 1
        assert await lapse(session, clock.now()) == 0
        case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
        assert case["status"] == "materials_review"
        rounds = (await client.get(f"/v1/cases/{case_id}/reviews", headers=staff())).json()["items"]
        assert [(r["number"], r["status"], r["opened_because"]) for r in rounds] == [
            (1, "closed", "first"), (2, "open", "supplement_lapsed")]
        lapsed = await events(session, "evaluation.supplement_lapsed")
        assert len(lapsed) == 1
        assert {k: lapsed[0]["data"][k] for k in ("applicant_id", "society_code", "round",
                                                   "next_round", "deadline")} == {
            "applicant_id": "user-zhang", "society_code": "cces", "round": 1,
            "next_round": 2, "deadline": "2026-10-20T16:00:00Z"}
        actions = [e["action"] for e in (await client.get(f"/v1/cases/{case_id}/audit",
                                                          headers=staff())).json()["items"]]
        assert actions[-1] == "review.supplement_lapsed"

        again = await submit_review(client, case_id, LI, full_review(
            "supplement", supplement_requests="再补充一次"))
        assert again.status_code == 409
        assert "supplement deadline has passed" in again.json()["detail"]
        for subject, recommendation in ((LI, "failed"), (WANG, "failed")):
            concluded = await submit_review(client, case_id, subject, full_review(
                recommendation))
            assert concluded.status_code == 200, concluded.text
        case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
        assert (case["status"], case["materials_outcome"]) == ("deliberation", "failed")


async def test_a_supplement_sent_in_time_but_delivered_after_the_lapse_is_still_taken(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    frozen = FrozenClock(datetime(2026, 9, 30, 2, tzinfo=UTC))
    with clock.use(frozen):
        case_id = await ask_for_a_supplement(client, session)
        frozen.at = datetime(2026, 10, 21, tzinfo=UTC)
        assert await job("evaluation.lapse_supplement_requests")(session, clock.now()) == 1
        case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
        await deliver(session, ApplicationSupplementSubmitted(
            application_id=uuid.UUID(case["application_id"]), case_id=uuid.UUID(case_id),
            applicant_id="user-zhang", society_code="cces", round=1,
            evidence_ids=[uuid.uuid4()]))
        rounds = (await client.get(f"/v1/cases/{case_id}/reviews", headers=staff())).json()["items"]
        assert [(r["number"], r["opened_because"]) for r in rounds] == [
            (1, "first"), (2, "supplement_submitted")]
        asked_again = await submit_review(client, case_id, LI, full_review(
            "supplement", supplement_requests="验收证明不清晰，请重新扫描"))
        assert asked_again.status_code == 200, asked_again.text
