"""Reminders (`reminder.due`) are emitted by the owner of each deadline; here each occasion
becomes messages once."""

from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.reminders import repository

REMINDER_EVENT = "reminder.due"


async def first_of_its_occasion(session: AsyncSession, consumer: str, envelope: Envelope) -> bool:
    """False for a reminder whose occasion this consumer already handled; True otherwise
    (and for every other event)."""
    if envelope.type != REMINDER_EVENT:
        return True
    return await repository.claim(session, consumer, str(envelope.data["occasion"]),
                                  envelope.id, str(envelope.data.get("kind", "")))
