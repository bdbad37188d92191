"""Factories for the registry service's tests."""

import uuid
from datetime import UTC, datetime

from cse_contracts.events import EvaluationApproved, PublicationConsent
from kit.auth import Principal, Role
from kit.events import Envelope
from registry.certificates import repository as certificates
from registry.models import Certificate
from registry.registrations import repository
from registry.registrations import service as registrations
from registry.registrations.handlers import on_evaluation_approved
from sqlalchemy.ext.asyncio import AsyncSession

SECRETARIAT = Principal(subject="cse-1", role=Role.SECRETARIAT, name="秘书处")


def approved(applicant_id: str = "user-zhang", level: str = "professional",
             society: str = "cces", name: str = "张三",
             consent: PublicationConsent | None = None) -> Envelope:
    data = EvaluationApproved(
        case_id=uuid.uuid4(), application_id=uuid.uuid4(), applicant_id=applicant_id,
        applicant_name=name, society_code=society, level=level,
        field_code="civil", specialty_code="civil.structural", approved_at=datetime.now(UTC),
        publication_consent=consent or PublicationConsent(),
    )
    return Envelope.wrap(data, source="/services/evaluation", subject="x")


async def issue(session: AsyncSession, applicant_id: str = "user-zhang",
                level: str = "professional", society: str = "cces", name: str = "张三",
                consent: PublicationConsent | None = None) -> Certificate:
    """An approved case, confirmed by the secretariat: a certificate on the register."""
    envelope = approved(applicant_id, level, society, name, consent)
    await on_evaluation_approved(session, envelope)
    registration = await repository.get_by_case(
        session, uuid.UUID(envelope.data["case_id"]))
    assert registration is not None
    [confirmed] = await registrations.confirm(session, SECRETARIAT, [registration.id])
    assert confirmed.certificate_number is not None
    certificate = await certificates.get_certificate_by_number(
        session, confirmed.certificate_number)
    assert certificate is not None
    return certificate
