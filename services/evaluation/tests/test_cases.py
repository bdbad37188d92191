"""Cases: opened from application.accepted, batches, deadlines, tenancy, applicant view."""

from datetime import UTC, date, datetime

import httpx
import pytest
from evaluation.cases.handlers import on_application_accepted
from evaluation.cases.rules import add_months, cycle_deadline
from evaluation_factories import (
    accepted_event,
    applicant,
    create_case,
    events,
    secretariat,
    staff,
)
from kit import clock
from kit.clock import FrozenClock
from sqlalchemy.ext.asyncio import AsyncSession


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_cycle_is_six_months_by_default() -> None:
    assert cycle_deadline(date(2026, 3, 1)) == date(2026, 9, 1)


async def test_accepted_application_opens_one_case_in_the_open_batch(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    event = accepted_event()
    await on_application_accepted(session, event)
    await on_application_accepted(session, event)
    opened = await events(session)
    assert [e["type"] for e in opened] == ["evaluation.case_opened"]
    assert opened[0]["data"]["deadline"] == "2027-02-28"
    second = await create_case(session)
    case = (await client.get(f"/v1/cases/{second}", headers=staff())).json()
    assert case["status"] == "materials_review"
    batches = (await client.get("/v1/batches", headers=staff())).json()["items"]
    assert batches[0]["id"] == case["batch_id"]
    assert batches[0]["cases_by_status"] == {"materials_review": 2}
    opened_batch = await client.post("/v1/batches", headers=staff(),
                                     json={"name": "2026年第二批"})
    assert opened_batch.status_code == 201
    third = await create_case(session)
    assert (await client.get(f"/v1/cases/{third}", headers=staff())).json()[
        "batch_id"] == opened_batch.json()["id"]
    listed = (await client.get("/v1/batches", headers=staff())).json()["items"]
    assert [b["status"] for b in listed] == ["open", "closed"]


async def test_fail_needs_reasons(client: httpx.AsyncClient, session: AsyncSession) -> None:
    case_id = await create_case(session)
    for body in ({"outcome": "failed"}, {"outcome": "failed", "reasons": "   "}):
        response = await client.post(f"/v1/cases/{case_id}/decision", json=body,
                                     headers=staff())
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["type"].endswith("/decision-needs-reasons")
        assert "必须写明理由" in problem["detail"]
        assert "A fail needs reasons" in problem["detail"]
    case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
    assert (case["status"], case["outcome"], case["reasons"]) == ("materials_review", None, None)
    assert await events(session, "evaluation.decided") == []


async def test_pass_refused_before_the_assessments(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await create_case(session)
    early = await client.post(f"/v1/cases/{case_id}/approval", headers=staff())
    assert early.status_code == 409
    assert early.json()["type"].endswith("/case-invalid-transition")
    assert early.json()["case_status"] == "materials_review"
    passed = await client.post(f"/v1/cases/{case_id}/decision", json={"outcome": "passed"},
                               headers=staff())
    assert passed.status_code == 409
    assert passed.json()["type"].endswith("/pass-not-allowed")
    assert {e["code"] for e in passed.json()["errors"]} == {"pass_blocked"}
    assert [e["message_en"] for e in passed.json()["errors"]] == [
        "The case has not reached deliberation.", "The materials review has not passed.",
        "The interview has not been passed."]
    case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
    assert (case["status"], case["outcome"]) == ("materials_review", None)
    assert [e["type"] for e in await events(session)] == ["evaluation.case_opened"]
    assert (await client.get("/v1/public-notices")).json()["items"] == []


async def test_other_society_cannot_see_or_decide(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await create_case(session)
    assert (await client.get(f"/v1/cases/{case_id}", headers=staff("csee"))).status_code == 404
    decided = await client.post(f"/v1/cases/{case_id}/decision", json={"outcome": "passed"},
                                headers=staff("csee"))
    assert decided.status_code == 404
    assert (await client.get("/v1/cases", headers=staff("csee"))).json()["items"] == []
    other = applicant("user-li")
    assert (await client.get(f"/v1/cases/{case_id}", headers=other)).status_code == 404


async def test_applicant_sees_own_case_and_the_reasons_of_a_fail(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await create_case(session)
    reasons = "工程伦理与职业道德方面的佐证不足，建议补充具体事例后在下一批次重新申请。"
    failed = await client.post(f"/v1/cases/{case_id}/decision", headers=staff(),
                               json={"outcome": "failed", "reasons": reasons})
    assert failed.status_code == 200, failed.text
    own = await client.get(f"/v1/cases/{case_id}", headers=applicant())
    assert own.json()["status"] == "failed"
    assert own.json()["reasons"] == reasons
    mine = (await client.get("/v1/cases", headers=applicant())).json()["items"]
    assert [c["id"] for c in mine] == [case_id]
    decided = await events(session, "evaluation.decided")
    assert decided[0]["data"]["outcome"] == "failed"
    assert decided[0]["data"]["reasons"] == reasons
    audit = (await client.get(f"/v1/cases/{case_id}/audit", headers=staff())).json()["items"]
    assert [e["action"] for e in audit] == ["case.opened", "decision.recorded"]
    assert audit[-1]["actor"] == "staff-cces"
    assert (await client.get(f"/v1/cases/{case_id}/audit", headers=applicant())
            ).status_code == 403


async def test_overdue_and_at_risk_cases(client: httpx.AsyncClient, session: AsyncSession
                                         ) -> None:
    with clock.use(FrozenClock(datetime(2027, 3, 10, 2, tzinfo=UTC))):
        late = await create_case(session, submitted_at=datetime(2026, 9, 1, tzinfo=UTC))
        soon = await create_case(session, submitted_at=datetime(2026, 9, 25, tzinfo=UTC))
        fine = await create_case(session, submitted_at=datetime(2027, 1, 5, tzinfo=UTC))
        done = await create_case(session, submitted_at=datetime(2026, 8, 1, tzinfo=UTC))
        await client.post(f"/v1/cases/{done}/decision", headers=staff(),
                          json={"outcome": "failed", "reasons": "材料不足 / insufficient"})
        overdue = (await client.get("/v1/cases", params={"overdue": "true"},
                                    headers=staff())).json()["items"]
        assert [c["id"] for c in overdue] == [late]
        assert overdue[0]["deadline_state"] == "overdue"
        at_risk = (await client.get("/v1/cases", params={"at_risk": "true"},
                                    headers=staff())).json()["items"]
        assert [c["id"] for c in at_risk] == [soon]
        everything = (await client.get("/v1/cases", headers=secretariat())).json()["items"]
        states = {c["id"]: c["deadline_state"] for c in everything}
        assert states[fine] == "on_track"
        assert states[done] == "closed"
        assert (await client.get("/v1/cases", params={"overdue": "true"},
                                 headers=staff("csee"))).json()["items"] == []
