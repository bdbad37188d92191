"""Events the notifications service consumes for API clients' webhooks: all of them."""

from kit import clock
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.reminders.service import first_of_its_occasion
from notifications.webhooks import service


async def on_any_event(session: AsyncSession, envelope: Envelope) -> None:
    """A delivery for every subscription the event concerns."""
    if not await first_of_its_occasion(session, "webhooks", envelope):
        return
    await service.fan_out(session, envelope, clock.now())
