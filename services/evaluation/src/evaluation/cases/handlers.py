"""Events the evaluation service consumes."""

from cse_contracts.events import ApplicationAccepted
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.cases import service


async def on_application_accepted(session: AsyncSession, envelope: Envelope) -> None:
    await service.open_case(session, envelope.payload(ApplicationAccepted))
