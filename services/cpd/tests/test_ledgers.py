import uuid
from datetime import date

import httpx
import pytest
from cpd.ledgers.handlers import on_certificate_issued
from cpd.ledgers.rules import credited_hours
from cpd.models import outbox
from cse_contracts.events import CertificateIssued
from kit.auth import Role
from kit.events import Envelope
from kit.testing import KEYS
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession


def issued(society: str, number: str) -> Envelope:
    data = CertificateIssued(
        certificate_id=uuid.uuid4(), member_id=uuid.uuid4(), applicant_id="user-zhang",
        certificate_number=number, society_code=society, level="professional",
        field_code="chemical", valid_from=date(2026, 11, 22), valid_until=date(2031, 11, 21),
    )
    return Envelope.wrap(data, source="/services/registry", subject="x")


@pytest.mark.parametrize(("minutes", "hours"), [(44, 0), (45, 1), (89, 1), (90, 2), (0, 0)])
def test_an_hour_is_45_minutes(minutes: int, hours: int) -> None:
    assert credited_hours(minutes) == hours


async def test_ledger_follows_the_society_policy(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    await on_certificate_issued(session, issued("ciesc", "CSE-2026-P-000001"))
    await on_certificate_issued(session, issued("cces", "CSE-2026-P-000002"))
    await on_certificate_issued(session, issued("cces", "CSE-2026-P-000002"))
    events = (await session.scalars(select(outbox.c.envelope).order_by(outbox.c.seq))).all()
    assert [e["data"]["required_hours_per_year"] for e in events] == [40, 50]
    own = await client.get("/v1/cpd/ledgers", headers=KEYS.headers(Role.APPLICANT, "user-zhang"))
    assert len(own.json()) == 2
    chemical_staff = KEYS.headers(Role.SOCIETY_ADMIN, "s", society="ciesc")
    assert len((await client.get("/v1/cpd/ledgers", headers=chemical_staff)).json()) == 1
    hidden = await client.get("/v1/cpd/ledgers/CSE-2026-P-000002", headers=chemical_staff)
    assert hidden.status_code == 404
    stranger = KEYS.headers(Role.APPLICANT, "user-li")
    assert (await client.get("/v1/cpd/ledgers/CSE-2026-P-000001",
                             headers=stranger)).status_code == 404
