"""Queries on the in-app inbox."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import cast

from kit.pagination import PageParams, paginate
from sqlalchemy import ColumnElement, Table, func, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.messages.catalogue import Recipient
from notifications.models import Notification

# Built once, run with the rows as parameters (Core, compiled once, one statement whatever
# the number of rows): an ORM multi-VALUES insert was compiled again for every event.
_table = cast(Table, Notification.__table__)
_ADD = insert(_table).on_conflict_do_nothing().returning(_table.c.id)


async def add_all(session: AsyncSession, rows: list[dict[str, object]]) -> list[uuid.UUID]:
    """Inserts the rows not there yet (a redelivered event adds nothing); their ids."""
    if not rows:
        return []
    inserted = await session.execute(_ADD, rows)
    return list(inserted.scalars())


def _of(inboxes: Sequence[Recipient]) -> ColumnElement[bool]:
    return tuple_(Notification.recipient_kind, Notification.recipient_id).in_(list(inboxes))


async def page(
    session: AsyncSession, inboxes: Sequence[Recipient], params: PageParams,
    kinds: Sequence[str], unread_only: bool,
) -> Sequence[Notification]:
    query = select(Notification).where(_of(inboxes))
    if kinds:
        # `evaluation.*` selects a whole family; anything else is an exact kind.
        conditions = [Notification.kind.startswith(k[:-1]) if k.endswith(".*")
                      else Notification.kind == k for k in kinds]
        query = query.where(or_(*conditions))
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    query = paginate(query, Notification.created_at, Notification.id, params)
    return (await session.scalars(query)).all()


async def unread_count(session: AsyncSession, inboxes: Sequence[Recipient]) -> int:
    query = select(func.count()).select_from(Notification).where(
        _of(inboxes), Notification.read_at.is_(None))
    return int(await session.scalar(query) or 0)


async def get_in(session: AsyncSession, inboxes: Sequence[Recipient], notification_id: uuid.UUID
                 ) -> Notification | None:
    query = select(Notification).where(_of(inboxes), Notification.id == notification_id)
    return (await session.scalars(query)).first()


async def mark_all_read(session: AsyncSession, inboxes: Sequence[Recipient], at: datetime) -> int:
    result = await session.execute(
        update(Notification).where(_of(inboxes), Notification.read_at.is_(None))
        .values(read_at=at).returning(Notification.id)
    )
    return len(result.all())
