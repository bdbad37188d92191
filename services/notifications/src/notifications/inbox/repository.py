"""Queries on the in-app inbox."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.models import Notification


async def add_all(session: AsyncSession, rows: list[dict[str, object]]) -> None:
    if rows:
        await session.execute(insert(Notification).values(rows).on_conflict_do_nothing())


async def list_for(session: AsyncSession, kind: str, recipient_id: str, limit: int
                   ) -> Sequence[Notification]:
    query = (
        select(Notification)
        .where(Notification.recipient_kind == kind, Notification.recipient_id == recipient_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )
    return (await session.scalars(query)).all()
