"""Events the registration step consumes."""

from cse_contracts.events import EvaluationApproved
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from registry.registrations import service


async def on_evaluation_approved(session: AsyncSession, envelope: Envelope) -> None:
    await service.receive(session, envelope.payload(EvaluationApproved))
