"""Queries on contact preferences."""

from collections.abc import Sequence

from kit.db import any_of
from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.messages.catalogue import Recipient
from notifications.models import ContactPreference


async def get(session: AsyncSession, subject: str) -> ContactPreference | None:
    return await session.get(ContactPreference, subject)


# Built once, with arrays as parameters (kit.db.any_of): this runs for every event. Kinds and
# ids are matched apart (both index columns); the pairs that were not asked for are dropped below.
_REACHABLE_BY_MAIL = select(ContactPreference).where(
    or_(ContactPreference.subject == any_of("users"),
        and_(ContactPreference.inbox_kind == any_of("kinds"),
             ContactPreference.inbox_id == any_of("ids"))),
    ContactPreference.email_enabled.is_(True),
    ContactPreference.email.is_not(None),
).order_by(ContactPreference.subject)


async def reachable_by_mail(session: AsyncSession, recipients: Sequence[Recipient]
                            ) -> dict[Recipient, list[ContactPreference]]:
    """For each recipient, everyone who reads its inbox and wants e-mail at an address they
    gave, in subject order; one query for all of an event's recipients."""
    users = sorted({rid for kind, rid in recipients if kind == "user"})
    shared = sorted({(kind, rid) for kind, rid in recipients if kind != "user"})
    found: dict[Recipient, list[ContactPreference]] = {r: [] for r in recipients}
    if not users and not shared:
        return found
    parameters = {"users": users, "kinds": [kind for kind, _ in shared],
                  "ids": [rid for _, rid in shared]}
    for person in (await session.scalars(_REACHABLE_BY_MAIL, parameters)).all():
        if ("user", person.subject) in found:
            found[("user", person.subject)].append(person)
        shared_inbox = (person.inbox_kind or "", person.inbox_id or "")
        if shared_inbox[0] != "user" and shared_inbox in found:
            found[shared_inbox].append(person)
    return found
