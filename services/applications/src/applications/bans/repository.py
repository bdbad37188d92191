"""Queries on lifetime bans."""

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import Ban


async def is_barred(session: AsyncSession, applicant_id: str, identity_index: str | None) -> bool:
    conditions = [Ban.applicant_id == applicant_id]
    if identity_index is not None:
        conditions.append(Ban.identity_index == identity_index)
    found = await session.scalar(select(Ban.id).where(or_(*conditions)).limit(1))
    return found is not None


def add(session: AsyncSession, ban: Ban) -> None:
    session.add(ban)
