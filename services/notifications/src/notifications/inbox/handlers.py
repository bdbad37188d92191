"""Events the notifications service consumes for people: all of them."""

from kit import clock
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.config import settings
from notifications.inbox import service
from notifications.mail import service as mail
from notifications.messages.render import render_event
from notifications.reminders.service import first_of_its_occasion
from notifications.tracking import service as tracking


async def on_any_event(session: AsyncSession, envelope: Envelope) -> None:
    """Every recipient's message in their inbox, and an e-mail to each who wants one."""
    if not await first_of_its_occasion(session, "inbox", envelope):
        return
    await tracking.observe(session, envelope)
    data = dict(envelope.data)
    if envelope.type == "application.accepted":
        data["recommended_by"] = await tracking.recommended_by(session, data)
    elif envelope.type == "application.supplement_submitted":
        data["panel"] = await tracking.panel_of(session, data)
    filed = await service.record(session, envelope, render_event(envelope.type, data))
    await mail.enqueue(session, envelope, filed, settings(), clock.now())
