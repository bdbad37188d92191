"""Events the applications service consumes about its applications."""

from cse_contracts.events import EvaluationSupplementRequested
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from applications.application import service


async def on_supplement_requested(session: AsyncSession, envelope: Envelope) -> None:
    """Materials review asked for more: the applicant may add evidence until the deadline."""
    event = envelope.payload(EvaluationSupplementRequested)
    await service.record_supplement_request(
        session, application_id=event.application_id, case_id=event.case_id, round_=event.round,
        requests=event.requests, deadline=event.deadline,
    )
