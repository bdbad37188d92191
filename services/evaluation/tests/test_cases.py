import uuid
from datetime import UTC, date, datetime

import httpx
import pytest
from cse_contracts.events import ApplicationAccepted
from evaluation.cases.handlers import on_application_accepted
from evaluation.cases.rules import add_months, cycle_deadline
from evaluation.models import outbox
from kit.auth import Role
from kit.events import Envelope
from kit.testing import KEYS
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession


def staff(society: str = "cces") -> dict[str, str]:
    return KEYS.headers(Role.SOCIETY_ADMIN, f"staff-{society}", society=society)


def accepted_event(submitted: datetime | None = None) -> Envelope:
    submitted = submitted or datetime(2026, 8, 31, 9, tzinfo=UTC)
    data = ApplicationAccepted(
        application_id=uuid.uuid4(), applicant_id="user-zhang", applicant_name="张三",
        society_code="cces", level="professional", field_code="civil", specialty_code=None,
        candidate_id=None, recommending_enterprise="中国路桥", submitted_at=submitted,
        accepted_at=submitted,
    )
    return Envelope.wrap(data, source="/services/applications", subject="x")


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


async def test_accepted_application_opens_one_case(session: AsyncSession) -> None:
    event = accepted_event()
    await on_application_accepted(session, event)
    await on_application_accepted(session, event)
    types = (await session.scalars(select(outbox.c.type))).all()
    assert types == ["evaluation.case_opened"]
    envelope = (await session.scalars(select(outbox.c.envelope))).one()
    assert envelope["data"]["deadline"] == "2027-02-28"


async def case_id_of(client: httpx.AsyncClient, application_id: uuid.UUID) -> str:
    cases = await client.get("/v1/cases", params={"application_id": str(application_id)},
                             headers=staff())
    return str(cases.json()[0]["id"])


async def test_decide_then_approve(client: httpx.AsyncClient, session: AsyncSession) -> None:
    event = accepted_event()
    await on_application_accepted(session, event)
    case_id = await case_id_of(client, event.payload(ApplicationAccepted).application_id)
    early = await client.post(f"/v1/cases/{case_id}/approval", headers=staff())
    assert early.status_code == 409
    decided = await client.post(f"/v1/cases/{case_id}/decision", json={"outcome": "passed"},
                                headers=staff())
    assert decided.status_code == 200, decided.text
    approved = await client.post(f"/v1/cases/{case_id}/approval", headers=staff())
    assert approved.json()["status"] == "approved"
    types = (await session.scalars(select(outbox.c.type).order_by(outbox.c.seq))).all()
    assert types == ["evaluation.case_opened", "evaluation.decided", "evaluation.approved"]


async def test_fail_needs_reasons(client: httpx.AsyncClient, session: AsyncSession) -> None:
    event = accepted_event()
    await on_application_accepted(session, event)
    case_id = await case_id_of(client, event.payload(ApplicationAccepted).application_id)
    response = await client.post(f"/v1/cases/{case_id}/decision", json={"outcome": "failed"},
                                 headers=staff())
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_other_society_cannot_see_or_decide(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    event = accepted_event()
    await on_application_accepted(session, event)
    case_id = await case_id_of(client, event.payload(ApplicationAccepted).application_id)
    assert (await client.get(f"/v1/cases/{case_id}", headers=staff("csee"))).status_code == 404
    decided = await client.post(f"/v1/cases/{case_id}/decision", json={"outcome": "passed"},
                                headers=staff("csee"))
    assert decided.status_code == 404
    assert (await client.get("/v1/cases", headers=staff("csee"))).json() == []
    applicant = KEYS.headers(Role.APPLICANT, "user-zhang")
    assert (await client.get(f"/v1/cases/{case_id}", headers=applicant)).status_code == 403
