"""Queries on the e-mail queue and its delivery log."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from kit.pagination import PageParams, paginate
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.models import MailAttempt, MailMessage


def add(session: AsyncSession, message: MailMessage) -> None:
    session.add(message)


async def claim_due(session: AsyncSession, now: datetime, limit: int) -> Sequence[MailMessage]:
    """Due messages, oldest first, locked so a second sender skips them rather than waits."""
    query = (
        select(MailMessage)
        .where(MailMessage.status == "queued", MailMessage.next_attempt_at <= now)
        .order_by(MailMessage.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return (await session.scalars(query)).all()


def log_attempt(session: AsyncSession, attempt: MailAttempt) -> None:
    session.add(attempt)


async def for_event(session: AsyncSession, event_id: uuid.UUID) -> Sequence[MailMessage]:
    query = select(MailMessage).where(MailMessage.event_id == event_id)
    return (await session.scalars(query.order_by(MailMessage.created_at))).all()


async def attempts(session: AsyncSession, message_id: uuid.UUID) -> Sequence[MailAttempt]:
    query = select(MailAttempt).where(MailAttempt.message_id == message_id)
    return (await session.scalars(query.order_by(MailAttempt.attempted_at))).all()


async def page(session: AsyncSession, params: PageParams, status: str | None
               ) -> Sequence[MailMessage]:
    query = select(MailMessage)
    if status:
        query = query.where(MailMessage.status == status)
    query = paginate(query, MailMessage.created_at, MailMessage.id, params)
    return (await session.scalars(query)).all()


async def attempts_of(session: AsyncSession, message_ids: Sequence[uuid.UUID]
                      ) -> Sequence[MailAttempt]:
    if not message_ids:
        return []
    query = select(MailAttempt).where(MailAttempt.message_id.in_(list(message_ids)))
    return (await session.scalars(query.order_by(MailAttempt.attempted_at))).all()
