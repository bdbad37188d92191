"""CPD ledgers: opened for each issued certificate under the society's policy."""

import uuid

from cse_contracts.events import CertificateIssued, CpdLedgerOpened
from cse_contracts.reference import load_societies
from kit.auth import Principal, Role
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.events import outbox
from cpd.ledgers import repository
from cpd.ledgers.errors import LedgerNotFound
from cpd.ledgers.rules import default_hours_per_year
from cpd.models import CpdLedger


async def seed_policies(session: AsyncSession) -> None:
    await repository.upsert_policies(session, [
        {"society_code": s.code, "hours_per_year": default_hours_per_year(s.code),
         "minutes_per_hour": 45}
        for s in load_societies()
    ])


async def open_ledger(session: AsyncSession, issued: CertificateIssued) -> CpdLedger:
    existing = await repository.get_by_certificate(session, issued.certificate_number)
    if existing is not None:
        return existing
    policy = await repository.get_policy(session, issued.society_code)
    hours = policy.hours_per_year if policy else default_hours_per_year(issued.society_code)
    ledger = CpdLedger(
        id=uuid.uuid4(), certificate_number=issued.certificate_number,
        member_id=issued.member_id, applicant_id=issued.applicant_id,
        society_code=issued.society_code, required_hours_per_year=hours,
        valid_from=issued.valid_from, valid_until=issued.valid_until,
    )
    session.add(ledger)
    await outbox.emit(
        session,
        CpdLedgerOpened(
            ledger_id=ledger.id, member_id=ledger.member_id, applicant_id=ledger.applicant_id,
            certificate_number=ledger.certificate_number, society_code=ledger.society_code,
            required_hours_per_year=hours,
        ),
        subject=f"ledgers/{ledger.certificate_number}",
    )
    await session.flush()
    return ledger


async def get_ledger(session: AsyncSession, principal: Principal, number: str) -> CpdLedger:
    ledger = await repository.get_by_certificate(session, number)
    visible = ledger is not None and (
        (principal.role is Role.APPLICANT and ledger.applicant_id == principal.subject)
        or (principal.role is Role.SOCIETY_ADMIN and ledger.society_code == principal.society)
        or principal.role is Role.SECRETARIAT
    )
    if ledger is None or not visible:
        raise LedgerNotFound(f"证书 {number} 的继续教育记录不存在 / No CPD ledger for {number}.")
    return ledger
