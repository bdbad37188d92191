from datetime import UTC, date, datetime

import httpx
import pytest
from kit.auth import Role
from kit.testing import KEYS
from registry.certificates.handlers import on_evaluation_approved
from registry.certificates.rules import certificate_number, validity
from registry.models import Member, outbox
from registry_factories import approved
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession


def test_number_format() -> None:
    assert certificate_number(2026, "senior", 42) == "CSE-2026-S-000042"


@pytest.mark.parametrize(
    ("issued", "until"),
    [(date(2026, 11, 22), date(2031, 11, 21)), (date(2028, 2, 29), date(2033, 2, 27))],
)
def test_valid_five_years(issued: date, until: date) -> None:
    assert validity(issued) == (issued, until)


async def test_approval_registers_member_and_issues_numbered_certificates(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    first = approved()
    await on_evaluation_approved(session, first)
    await on_evaluation_approved(session, first)  # same case: nothing new
    await on_evaluation_approved(session, approved(level="senior"))  # upgrade, same member
    assert await session.scalar(select(func.count()).select_from(Member)) == 1
    issued = (await session.scalars(select(outbox.c.envelope).order_by(outbox.c.seq))).all()
    numbers = [e["data"]["certificate_number"] for e in issued]
    year = datetime.now(UTC).year
    assert numbers == [f"CSE-{year}-P-000001", f"CSE-{year}-S-000002"]
    public = await client.get(f"/v1/certificates/{numbers[0]}")
    assert public.status_code == 200
    assert public.json()["holder_name"] == "张三"
    assert "applicant_id" not in public.json()
    mine = await client.get("/v1/members/me/certificates",
                            headers=KEYS.headers(Role.APPLICANT, "user-zhang"))
    assert [c["number"] for c in mine.json()] == numbers
    others = await client.get("/v1/members/me/certificates",
                              headers=KEYS.headers(Role.APPLICANT, "user-li"))
    assert others.json() == []


async def test_unknown_certificate_is_a_clear_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/certificates/CSE-1999-P-000001")
    assert response.status_code == 404
    assert "CSE-1999-P-000001" in response.json()["detail"]
