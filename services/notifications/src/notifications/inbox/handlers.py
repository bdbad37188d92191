"""Events the notifications service consumes: all of them."""

from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.inbox import service


async def on_any_event(session: AsyncSession, envelope: Envelope) -> None:
    await service.record(session, envelope)
