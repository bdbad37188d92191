"""Queries on contact preferences."""

from collections.abc import Sequence

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.messages.catalogue import Recipient
from notifications.models import ContactPreference


async def get(session: AsyncSession, subject: str) -> ContactPreference | None:
    return await session.get(ContactPreference, subject)


async def reachable_by_mail(session: AsyncSession, recipient: Recipient
                            ) -> Sequence[ContactPreference]:
    """Everyone who reads `recipient`'s inbox and wants e-mail at an address they gave."""
    kind, recipient_id = recipient
    reads = (ContactPreference.subject == recipient_id if kind == "user" else
             and_(ContactPreference.inbox_kind == kind, ContactPreference.inbox_id == recipient_id))
    query = select(ContactPreference).where(
        reads, ContactPreference.email_enabled.is_(True), ContactPreference.email.is_not(None))
    return (await session.scalars(query.order_by(ContactPreference.subject))).all()
