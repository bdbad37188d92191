"""Personal data at rest: what a database dump shows of applicants and recommended engineers."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from applications.models import Base
from applications_factories import (
    HARNESS,
    RESIDENT_ID,
    accepted,
    applicant,
    committee,
    enterprise,
    profile_body,
    recommendation_body,
    society_admin,
)
from kit.testing import database_url_for
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

REFERENCE = {"societies", "fields", "specialties"}


@pytest.fixture
async def committing(engine: AsyncEngine) -> AsyncIterator[tuple[AsyncSession, httpx.AsyncClient]]:
    """A client whose writes are really committed (a dump sees only those); the service's
    tables are emptied afterwards so the other tests start clean."""
    async with AsyncSession(engine, expire_on_commit=False) as session:
        try:
            async with HARNESS.client(session) as client:
                yield session, client
        finally:
            await session.rollback()
            tables = ", ".join(t.name for t in Base.metadata.sorted_tables
                               if t.name not in REFERENCE)
            async with engine.begin() as connection:
                await connection.execute(text(f"TRUNCATE {tables} CASCADE"))


async def pg_dump() -> str:
    url = database_url_for("applications").replace("postgresql+asyncpg", "postgresql")
    process = await asyncio.create_subprocess_exec(
        "pg_dump", "--data-only", url, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    return out.decode()


async def test_a_database_dump_shows_no_contact_details_or_identity_numbers(
    committing: tuple[AsyncSession, httpx.AsyncClient],
) -> None:
    session, client = committing
    body = recommendation_body(id_number=RESIDENT_ID)
    pushed = await client.post("/v1/recommendations", json=body, headers=enterprise())
    assert pushed.status_code == 201, pushed.text
    candidate_id = pushed.json()["candidates"][0]["id"]
    await client.post(f"/v1/candidates/{candidate_id}/screening", json={"decision": "accepted"},
                      headers=committee())
    profile = profile_body(email="Zhang.San@Example.com")
    application_id = await accepted(client, profile=profile, candidate_id=candidate_id)
    await session.commit()

    dump = await pg_dump()
    assert application_id in dump  # the rows are there …
    assert "中国路桥工程有限责任公司" in dump
    for plaintext in ("zhang.san@example.com", "13800000000", "13700000000", RESIDENT_ID):
        assert plaintext not in dump.lower(), plaintext  # … their personal data is not
    # And the people entitled still read it in full.
    shown = await client.get(f"/v1/applications/{application_id}/applicant",
                             headers=society_admin())
    assert shown.json()["email"] == "zhang.san@example.com"
    assert shown.json()["mobile"] == "+8613800000000"
    mine = await client.get("/v1/applicants/me", headers=applicant())
    assert mine.json()["id_number"] == RESIDENT_ID
