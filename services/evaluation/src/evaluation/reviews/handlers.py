"""Events materials review consumes."""

from cse_contracts.events import ApplicationSupplementSubmitted
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.reviews import service


async def on_supplement_submitted(session: AsyncSession, envelope: Envelope) -> None:
    await service.supplement_submitted(session, envelope.payload(ApplicationSupplementSubmitted))
