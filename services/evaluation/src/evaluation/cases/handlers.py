"""Events the evaluation service consumes."""

from cse_contracts.events import ApplicationAccepted, MemberBarred
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.cases import service


async def on_application_accepted(session: AsyncSession, envelope: Envelope) -> None:
    await service.open_case(session, envelope.payload(ApplicationAccepted))


async def on_member_barred(session: AsyncSession, envelope: Envelope) -> None:
    await service.applicant_barred(session, envelope.payload(MemberBarred))
