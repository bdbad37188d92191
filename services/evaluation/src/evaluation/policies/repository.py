"""Queries on society policies and rubrics."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.models import Rubric, Society, SocietyPolicy


async def get_society(session: AsyncSession, code: str) -> Society | None:
    return await session.get(Society, code)


async def get_policy(session: AsyncSession, society_code: str) -> SocietyPolicy | None:
    return await session.get(SocietyPolicy, society_code)


async def policies(session: AsyncSession, society_codes: Sequence[str]) -> Sequence[SocietyPolicy]:
    query = select(SocietyPolicy).where(SocietyPolicy.society_code.in_(society_codes))
    return (await session.scalars(query)).all()


async def ensure_default_policies(session: AsyncSession) -> None:
    """A default policy row for every society that has none (seeding)."""
    codes = (await session.scalars(select(Society.code))).all()
    if codes:
        await session.execute(
            insert(SocietyPolicy)
            .values([{"society_code": code} for code in codes])
            .on_conflict_do_nothing()
        )


async def get_rubric(session: AsyncSession, society_code: str, level: str) -> Rubric | None:
    return await session.get(Rubric, (society_code, level))
