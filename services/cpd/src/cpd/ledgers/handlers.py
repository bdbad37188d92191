"""Events the CPD service consumes: the certificate's life, reported by the registry."""

from cse_contracts.events import (
    CertificateIssued,
    CertificateRenewed,
    CertificateStatusChanged,
    MemberBarred,
)
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.ledgers import service


async def on_certificate_issued(session: AsyncSession, envelope: Envelope) -> None:
    await service.open_ledger(session, envelope.payload(CertificateIssued))


async def on_certificate_status_changed(session: AsyncSession, envelope: Envelope) -> None:
    await service.on_status_changed(session, envelope.payload(CertificateStatusChanged))


async def on_certificate_renewed(session: AsyncSession, envelope: Envelope) -> None:
    await service.on_renewed(session, envelope.payload(CertificateRenewed))


async def on_member_barred(session: AsyncSession, envelope: Envelope) -> None:
    await service.on_barred(session, envelope.payload(MemberBarred))
