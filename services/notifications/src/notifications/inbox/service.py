"""The in-app inbox: one message per recipient for every event."""

import uuid

from kit.auth import Principal, Role
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.inbox import repository
from notifications.inbox.templates import Recipient, render
from notifications.models import Notification


async def record(session: AsyncSession, envelope: Envelope) -> None:
    title_zh, title_en, recipients = render(envelope.type, envelope.data)
    await repository.add_all(session, [
        {"id": uuid.uuid4(), "event_id": envelope.id, "event_type": envelope.type,
         "subject": envelope.subject, "recipient_kind": kind, "recipient_id": recipient_id,
         "title_zh": title_zh, "title_en": title_en}
        for kind, recipient_id in recipients
    ])


def recipient_of(principal: Principal) -> Recipient | None:
    """Which inbox the caller reads: their own, their enterprise's or their society's."""
    match principal.role:
        case Role.APPLICANT:
            return ("user", principal.subject)
        case Role.ENTERPRISE:
            return ("enterprise", principal.enterprise) if principal.enterprise else None
        case Role.SOCIETY_ADMIN:
            return ("society", principal.society) if principal.society else None
        case Role.COMMITTEE:
            return ("committee", "all")
        case Role.SECRETARIAT:
            return ("secretariat", "all")
        case _:
            return None


async def inbox(session: AsyncSession, principal: Principal, limit: int) -> list[Notification]:
    recipient = recipient_of(principal)
    if recipient is None:
        return []
    return list(await repository.list_for(session, *recipient, limit))
