"""`certificate.issued` from registry: the upgrade rule needs the levels an applicant holds."""

from cse_contracts.events import CertificateIssued
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from applications.eligibility import repository


async def on_certificate_issued(session: AsyncSession, envelope: Envelope) -> None:
    event = envelope.payload(CertificateIssued)
    await repository.upsert_certificate(session, {
        "certificate_id": event.certificate_id,
        "applicant_id": event.applicant_id,
        "certificate_number": event.certificate_number,
        "society_code": event.society_code,
        "level": event.level,
        "field_code": event.field_code,
        "valid_from": event.valid_from,
        "valid_until": event.valid_until,
    })
