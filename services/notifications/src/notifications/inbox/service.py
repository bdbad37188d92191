"""The in-app inbox: each recipient's messages for every event, read and unread."""

import uuid
from collections.abc import Sequence

from kit import clock
from kit.auth import Principal, Role
from kit.events import Envelope
from kit.pagination import PageParams
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.inbox import repository
from notifications.inbox.errors import NotificationNotFound
from notifications.messages.catalogue import Recipient
from notifications.messages.render import RenderedMessage
from notifications.models import Notification


async def record(session: AsyncSession, envelope: Envelope, messages: Sequence[RenderedMessage]
                 ) -> list[tuple[uuid.UUID, RenderedMessage]]:
    """Files each message in its recipient's inbox; the ones that are new, with their ids."""
    rows: list[dict[str, object]] = []
    by_id: dict[uuid.UUID, RenderedMessage] = {}
    for message in messages:
        row_id = uuid.uuid4()
        by_id[row_id] = message
        kind, recipient_id = message.recipient
        rows.append({
            "id": row_id, "event_id": envelope.id, "event_type": envelope.type,
            "kind": message.kind, "subject": envelope.subject, "recipient_kind": kind,
            "recipient_id": recipient_id, "title_zh": message.title_zh,
            "title_en": message.title_en, "body_zh": message.body_zh,
            "body_en": message.body_en, "link": message.link, "due_on": message.due_on,
        })
    inserted = await repository.add_all(session, rows)
    return [(row_id, by_id[row_id]) for row_id in inserted]


def inboxes_of(principal: Principal) -> list[Recipient]:
    """The inboxes the caller reads: their own, and their organisation's shared one. Staff of
    one society (or enterprise, or partner body) share its inbox and its read marks."""
    inboxes: list[Recipient] = [("user", principal.subject)]
    match principal.role:
        case Role.ENTERPRISE if principal.enterprise:
            inboxes.append(("enterprise", principal.enterprise))
        case Role.SOCIETY_ADMIN if principal.society:
            inboxes.append(("society", principal.society))
        case Role.PARTNER if principal.organisation:
            inboxes.append(("partner", principal.organisation))
        case Role.PROVIDER if principal.organisation:
            inboxes.append(("provider", principal.organisation))
        case Role.COMMITTEE:
            inboxes.append(("committee", "all"))
        case Role.SECRETARIAT:
            inboxes.append(("secretariat", "all"))
        case Role.SUPERVISION:
            inboxes.append(("supervision", "all"))
    return inboxes


async def page(session: AsyncSession, principal: Principal, params: PageParams,
               kinds: Sequence[str], unread_only: bool) -> Sequence[Notification]:
    return await repository.page(session, inboxes_of(principal), params, kinds, unread_only)


async def unread_count(session: AsyncSession, principal: Principal) -> int:
    return await repository.unread_count(session, inboxes_of(principal))


async def mark_read(session: AsyncSession, principal: Principal, notification_id: uuid.UUID,
                    read: bool) -> Notification:
    notification = await repository.get_in(session, inboxes_of(principal), notification_id)
    if notification is None:
        raise NotificationNotFound(
            "您的收件箱中没有这条消息 / There is no such message in your inbox.")
    if read and notification.read_at is None:
        notification.read_at = clock.now()
    elif not read:
        notification.read_at = None
    await session.flush()
    return notification


async def mark_all_read(session: AsyncSession, principal: Principal) -> int:
    return await repository.mark_all_read(session, inboxes_of(principal), clock.now())
