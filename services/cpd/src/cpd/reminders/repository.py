"""Queries on reminders already sent."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.models import CpdReminderSent


async def sent(session: AsyncSession, occasions: Sequence[str]) -> set[str]:
    return set((await session.scalars(
        select(CpdReminderSent.occasion).where(CpdReminderSent.occasion.in_(occasions))
    )).all())


async def mark_sent(session: AsyncSession, occasion: str, kind: str, at: datetime) -> bool:
    """True when this call recorded the occasion (it had not been sent before)."""
    result = await session.execute(
        insert(CpdReminderSent).values(occasion=occasion, kind=kind, sent_at=at)
        .on_conflict_do_nothing(index_elements=["occasion"]).returning(CpdReminderSent.occasion))
    return result.scalar_one_or_none() is not None
