"""The record of reminder occasions already handled."""

import uuid

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.models import ReminderOccasion


async def claim(session: AsyncSession, consumer: str, occasion: str, event_id: uuid.UUID,
                kind: str) -> bool:
    """True for the first event of an occasion. A concurrent second insert waits on the unique
    key until the first commits, then finds it, so two replicas never both go on."""
    inserted = await session.execute(
        insert(ReminderOccasion)
        .values(consumer=consumer, occasion=occasion, event_id=event_id, kind=kind)
        .on_conflict_do_nothing()
        .returning(ReminderOccasion.occasion)
    )
    return inserted.first() is not None
