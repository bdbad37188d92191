"""Events the CPD service consumes."""

from cse_contracts.events import CertificateIssued
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.ledgers import service


async def on_certificate_issued(session: AsyncSession, envelope: Envelope) -> None:
    await service.open_ledger(session, envelope.payload(CertificateIssued))
