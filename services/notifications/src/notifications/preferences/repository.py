"""Queries on contact preferences."""

from collections.abc import Sequence

from sqlalchemy import or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.messages.catalogue import Recipient
from notifications.models import ContactPreference


async def get(session: AsyncSession, subject: str) -> ContactPreference | None:
    return await session.get(ContactPreference, subject)


async def reachable_by_mail(session: AsyncSession, recipients: Sequence[Recipient]
                            ) -> dict[Recipient, list[ContactPreference]]:
    """For each recipient, everyone who reads its inbox and wants e-mail at an address they
    gave, in subject order; one query for all of an event's recipients."""
    users = sorted({rid for kind, rid in recipients if kind == "user"})
    shared = sorted({(kind, rid) for kind, rid in recipients if kind != "user"})
    found: dict[Recipient, list[ContactPreference]] = {r: [] for r in recipients}
    reads = []
    if users:
        reads.append(ContactPreference.subject.in_(users))
    if shared:
        reads.append(tuple_(ContactPreference.inbox_kind, ContactPreference.inbox_id).in_(shared))
    if not reads:
        return found
    query = select(ContactPreference).where(
        or_(*reads), ContactPreference.email_enabled.is_(True),
        ContactPreference.email.is_not(None))
    for person in (await session.scalars(query.order_by(ContactPreference.subject))).all():
        if ("user", person.subject) in found:
            found[("user", person.subject)].append(person)
        shared_inbox = (person.inbox_kind or "", person.inbox_id or "")
        if shared_inbox[0] != "user" and shared_inbox in found:
            found[shared_inbox].append(person)
    return found
