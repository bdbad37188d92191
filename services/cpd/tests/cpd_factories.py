"""Small factories shared by the CPD tests."""

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from cpd.ledgers.handlers import on_certificate_issued
from cpd.models import outbox
from cse_contracts.events import CertificateIssued
from kit import clock
from kit.auth import Role
from kit.events import Envelope
from kit.testing import KEYS
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

MEMBER = "user-zhang"
VALID_FROM = date(2026, 11, 22)
VALID_UNTIL = date(2031, 11, 21)


def member(subject: str = MEMBER, name: str = "张三") -> dict[str, str]:
    return KEYS.headers(Role.APPLICANT, subject, name=name)


def staff(society: str = "cces", subject: str = "staff-1") -> dict[str, str]:
    return KEYS.headers(Role.SOCIETY_ADMIN, subject, society=society)


def provider(organisation: str = "prov-a") -> dict[str, str]:
    return KEYS.headers(Role.PROVIDER, f"client-{organisation}", organisation=organisation)


def secretariat() -> dict[str, str]:
    return KEYS.headers(Role.SECRETARIAT, "sec-1")


def issued(society: str, number: str, applicant: str = MEMBER,
           valid_from: date = VALID_FROM, valid_until: date = VALID_UNTIL) -> Envelope:
    data = CertificateIssued(
        certificate_id=uuid.uuid4(), member_id=uuid.uuid4(), applicant_id=applicant,
        certificate_number=number, society_code=society, level="professional",
        field_code="civil", valid_from=valid_from, valid_until=valid_until,
    )
    return Envelope.wrap(data, source="/services/registry", subject="x")


async def open_ledger(session: AsyncSession, number: str = "CSE-2026-P-000001",
                      society: str = "cces", applicant: str = MEMBER) -> str:
    await on_certificate_issued(session, issued(society, number, applicant))
    return number


@pytest.fixture
def frozen() -> Iterator[clock.FrozenClock]:
    """China date 2027-03-01 (early in year 1 of a validity from 2026-11-22)."""
    with clock.use(clock.FrozenClock(datetime(2027, 3, 1, 4, tzinfo=UTC))) as frozen:
        assert isinstance(frozen, clock.FrozenClock)
        yield frozen


def activity(kind: str = "course", minutes: int | None = 90, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"kind": kind, "title": f"{kind} 活动", "provider": "某学会",
                            "starts_on": "2027-01-10", "ends_on": "2027-01-10",
                            "reflection": "学到了新的规范"}
    if minutes is not None:
        body["minutes"] = minutes
    body.update(extra)
    return body


async def record(client: httpx.AsyncClient, number: str, body: dict[str, Any],
                 headers: dict[str, str] | None = None) -> httpx.Response:
    return await client.post(f"/v1/cpd/ledgers/{number}/activities", json=body,
                             headers=headers or member())


async def events(session: AsyncSession, event_type: str) -> list[dict[str, Any]]:
    rows = (await session.scalars(
        select(outbox.c.envelope).where(outbox.c.type == event_type).order_by(outbox.c.seq)
    )).all()
    return [row["data"] for row in rows]
