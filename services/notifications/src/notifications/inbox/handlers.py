"""Events the notifications service consumes for people: all of them."""

from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.inbox import service
from notifications.messages.render import render_event


async def on_any_event(session: AsyncSession, envelope: Envelope) -> None:
    """Every recipient's message in their inbox."""
    await service.record(session, envelope, render_event(envelope.type, envelope.data))
