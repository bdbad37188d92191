"""Queries on CPD policies and ledgers."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.models import CpdLedger, CpdPolicy


async def get_policy(session: AsyncSession, society_code: str) -> CpdPolicy | None:
    return await session.get(CpdPolicy, society_code)


async def upsert_policies(session: AsyncSession, rows: list[dict[str, object]]) -> None:
    statement = insert(CpdPolicy).values(rows)
    # Seeding must not overwrite a policy a society has since changed.
    await session.execute(statement.on_conflict_do_nothing(index_elements=["society_code"]))


async def get_by_certificate(session: AsyncSession, number: str) -> CpdLedger | None:
    return await session.scalar(select(CpdLedger).where(CpdLedger.certificate_number == number))


async def list_for(
    session: AsyncSession, *, applicant_id: str | None, society_code: str | None
) -> Sequence[CpdLedger]:
    query = select(CpdLedger).order_by(CpdLedger.created_at.desc()).limit(200)
    if applicant_id is not None:
        query = query.where(CpdLedger.applicant_id == applicant_id)
    if society_code is not None:
        query = query.where(CpdLedger.society_code == society_code)
    return (await session.scalars(query)).all()
