"""Events the applications service consumes about its applications: evaluation's progress and
outcome, and registration, so the applicant and the enterprise see one status throughout."""

from cse_contracts.events import (
    CertificateIssued,
    EvaluationApproved,
    EvaluationCaseOpened,
    EvaluationDecided,
    EvaluationNoticePublished,
    EvaluationSupplementLapsed,
    EvaluationSupplementRequested,
    EvaluationWithdrawn,
    RegistrationRefused,
)
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from applications.application import service
from applications.eligibility.handlers import on_certificate_issued as record_held_certificate


async def on_supplement_requested(session: AsyncSession, envelope: Envelope) -> None:
    """Materials review asked for more: the applicant may add evidence until the deadline."""
    event = envelope.payload(EvaluationSupplementRequested)
    await service.record_supplement_request(
        session, application_id=event.application_id, case_id=event.case_id, round_=event.round,
        requests=event.requests, deadline=event.deadline,
    )


async def on_supplement_lapsed(session: AsyncSession, envelope: Envelope) -> None:
    """The deadline passed unanswered: the reviewers conclude on what they have."""
    event = envelope.payload(EvaluationSupplementLapsed)
    await service.close_supplement_wait(session, event.application_id)


async def on_withdrawn(session: AsyncSession, envelope: Envelope) -> None:
    event = envelope.payload(EvaluationWithdrawn)
    await service.record_progress(session, event.application_id, "withdrawn",
                                  case_id=event.case_id, decision_reasons=event.reason,
                                  decided_at=event.withdrawn_at)


async def on_case_opened(session: AsyncSession, envelope: Envelope) -> None:
    event = envelope.payload(EvaluationCaseOpened)
    await service.record_progress(session, event.application_id, "under_evaluation",
                                  case_id=event.case_id, evaluation_deadline=event.deadline)


async def on_decided(session: AsyncSession, envelope: Envelope) -> None:
    event = envelope.payload(EvaluationDecided)
    await service.record_progress(session, event.application_id, event.outcome,
                                  case_id=event.case_id, decision_reasons=event.reasons or None,
                                  decided_at=envelope.time)


async def on_notice_published(session: AsyncSession, envelope: Envelope) -> None:
    event = envelope.payload(EvaluationNoticePublished)
    await service.record_progress(session, event.application_id, "on_public_notice",
                                  case_id=event.case_id, notice_until=event.notice_until)


async def on_approved(session: AsyncSession, envelope: Envelope) -> None:
    event = envelope.payload(EvaluationApproved)
    await service.record_progress(session, event.application_id, "approved",
                                  case_id=event.case_id, approved_at=event.approved_at)


async def on_registration_refused(session: AsyncSession, envelope: Envelope) -> None:
    event = envelope.payload(RegistrationRefused)
    await service.record_registration_refused(session, event.case_id, event.reason,
                                              envelope.time)


async def on_certificate_issued(session: AsyncSession, envelope: Envelope) -> None:
    """The upgrade rule's held certificates, and the application it registers."""
    await record_held_certificate(session, envelope)
    event = envelope.payload(CertificateIssued)
    await service.record_registration(
        session, applicant_id=event.applicant_id, society_code=event.society_code,
        level=event.level, field_code=event.field_code,
        certificate_number=event.certificate_number, registered_at=envelope.time,
        application_id=event.application_id,
    )
