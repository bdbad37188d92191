"""Registration: members and certificates issued from approved evaluations."""

import uuid
from datetime import UTC, datetime

from cse_contracts.events import CertificateIssued, EvaluationApproved
from sqlalchemy.ext.asyncio import AsyncSession

from registry.certificates import repository
from registry.certificates.errors import CertificateNotFound
from registry.certificates.rules import certificate_number, validity
from registry.events import outbox
from registry.models import Certificate, Member


async def register(session: AsyncSession, approved: EvaluationApproved) -> Certificate:
    """Register the member (once) and issue the certificate of this case (once)."""
    existing = await repository.get_certificate_by_case(session, approved.case_id)
    if existing is not None:
        return existing
    member = await repository.get_member_by_applicant(session, approved.applicant_id)
    if member is None:
        member = Member(id=uuid.uuid4(), applicant_id=approved.applicant_id,
                        name=approved.applicant_name)
        session.add(member)
        await session.flush()
    issued = datetime.now(UTC).date()
    valid_from, valid_until = validity(issued)
    sequence = await repository.next_sequence(session, issued.year)
    certificate = Certificate(
        id=uuid.uuid4(), number=certificate_number(issued.year, approved.level, sequence),
        member_id=member.id, case_id=approved.case_id, society_code=approved.society_code,
        level=approved.level, field_code=approved.field_code, status="valid",
        valid_from=valid_from, valid_until=valid_until,
    )
    session.add(certificate)
    await outbox.emit(
        session,
        CertificateIssued(
            certificate_id=certificate.id, member_id=member.id,
            applicant_id=member.applicant_id, certificate_number=certificate.number,
            society_code=certificate.society_code, level=approved.level,
            field_code=certificate.field_code, valid_from=valid_from, valid_until=valid_until,
        ),
        subject=f"certificates/{certificate.number}",
    )
    await session.flush()
    return certificate


async def lookup(session: AsyncSession, number: str) -> Certificate:
    certificate = await repository.get_certificate_by_number(session, number)
    if certificate is None:
        raise CertificateNotFound(
            f"未找到编号为 {number} 的证书 / No certificate with number {number}."
        )
    return certificate


async def member_certificates(session: AsyncSession, applicant_id: str) -> list[Certificate]:
    return await repository.list_member_certificates(session, applicant_id)
