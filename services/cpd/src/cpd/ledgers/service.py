"""CPD ledgers: opened for each issued certificate; who may read and write one; the
certificate's life (status, renewal, bans) as the registry reports it."""

import uuid

from cse_contracts.events import (
    CertificateIssued,
    CertificateRenewed,
    CertificateStatusChanged,
    CpdLedgerOpened,
    MemberBarred,
)
from kit import clock
from kit.auth import Principal, Role
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.compliance import service as compliance
from cpd.events import outbox
from cpd.ledgers import repository
from cpd.ledgers.errors import LedgerFrozen, LedgerNotFound, LedgerReadOnly
from cpd.ledgers.rules import validity_years
from cpd.ledgers.schemas import LedgerOut
from cpd.models import CpdLedger
from cpd.policies.service import policy_book

# A certificate no longer in force (or replaced by an upgrade's new one) takes no new CPD.
FROZEN_STATUSES = frozenset({"revoked", "cancelled", "superseded"})
# Roles that read ledgers at all; each is then held to its own ledgers or its society's.
READER_ROLES = (Role.APPLICANT, Role.SOCIETY_ADMIN, Role.SECRETARIAT)


async def open_ledger(session: AsyncSession, issued: CertificateIssued) -> CpdLedger:
    existing = await repository.get_by_certificate(session, issued.certificate_number)
    if existing is not None:
        return existing
    book = await policy_book(session, issued.society_code)
    hours = book.terms_for_year(validity_years(issued.valid_from, issued.valid_until)[0]
                                ).hours_per_year
    ledger = CpdLedger(
        id=uuid.uuid4(), certificate_number=issued.certificate_number,
        member_id=issued.member_id, applicant_id=issued.applicant_id,
        society_code=issued.society_code, required_hours_per_year=hours,
        valid_from=issued.valid_from, valid_until=issued.valid_until,
        certificate_status="valid", barred=False, summary="", member_name="",
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
    await compliance.refresh(session, ledger)
    return ledger


def _not_found(number: str) -> LedgerNotFound:
    return LedgerNotFound(f"证书 {number} 的继续教育记录不存在 / No CPD ledger for {number}.")


async def get_ledger(session: AsyncSession, principal: Principal, number: str, *,
                     for_update: bool = False) -> CpdLedger:
    """The member's own ledger, their society's for its staff, any for the secretariat; others
    are told it does not exist, so numbers cannot be probed."""
    ledger = await repository.get_by_certificate(session, number, for_update=for_update)
    visible = ledger is not None and (
        (principal.role is Role.APPLICANT and ledger.applicant_id == principal.subject)
        or (principal.role is Role.SOCIETY_ADMIN and ledger.society_code == principal.society)
        or principal.role is Role.SECRETARIAT
    )
    if ledger is None or not visible:
        raise _not_found(number)
    return ledger


async def ledger_for_member(session: AsyncSession, principal: Principal, number: str
                            ) -> CpdLedger:
    """The caller's own ledger, locked, for a change only the member makes."""
    ledger = await get_ledger(session, principal, number, for_update=True)
    if principal.role is not Role.APPLICANT:
        raise LedgerReadOnly("只有工程会员本人可以修改其继续教育记录 / Only the member records "
                             "their own CPD.")
    if ledger.barred or ledger.certificate_status in FROZEN_STATUSES:
        raise LedgerFrozen(
            f"证书状态为 {'barred' if ledger.barred else ledger.certificate_status}，记录已冻结 / "
            "The certificate is no longer in force; its CPD record is frozen.")
    if principal.name and principal.name != ledger.member_name:
        ledger.member_name = principal.name[:100]
    return ledger


async def ledger_for_staff(session: AsyncSession, principal: Principal, number: str
                           ) -> CpdLedger:
    """The ledger for a decision of its society's staff."""
    ledger = await get_ledger(session, principal, number, for_update=True)
    if principal.role is not Role.SOCIETY_ADMIN:
        raise LedgerReadOnly("只有学会工作人员可以审核 / Only the society's staff decide this.")
    return ledger


async def write_summary(session: AsyncSession, principal: Principal, number: str, text: str
                        ) -> CpdLedger:
    """The member's development summary (职业发展总结), rewritten as a whole."""
    ledger = await ledger_for_member(session, principal, number)
    ledger.summary = text.strip()
    ledger.summary_updated_at = clock.now()
    await session.flush()
    return ledger


def ledger_out(ledger: CpdLedger) -> LedgerOut:
    """The ledger with the figures last emitted, so a society's list shows who is short."""
    last = ledger.last_compliance or {}
    return LedgerOut(
        id=ledger.id, certificate_number=ledger.certificate_number, member_id=ledger.member_id,
        society_code=ledger.society_code, required_hours_per_year=ledger.required_hours_per_year,
        valid_from=ledger.valid_from, valid_until=ledger.valid_until,
        certificate_status=ledger.certificate_status, barred=ledger.barred,
        credited_hours=last.get("credited_hours"), shortfall_hours=last.get("shortfall_hours"),
        compliant=last.get("compliant"),
    )


async def on_status_changed(session: AsyncSession, event: CertificateStatusChanged) -> None:
    ledger = await repository.get_by_certificate(session, event.certificate_number,
                                                 for_update=True)
    if ledger is None:
        return
    ledger.certificate_status = event.status
    await session.flush()


async def on_renewed(session: AsyncSession, event: CertificateRenewed) -> None:
    """Re-registration: the same ledger follows the same number into its new validity."""
    ledger = await repository.get_by_certificate(session, event.certificate_number,
                                                 for_update=True)
    if ledger is None or (ledger.valid_from, ledger.valid_until) == (event.valid_from,
                                                                      event.valid_until):
        return
    ledger.valid_from, ledger.valid_until = event.valid_from, event.valid_until
    ledger.certificate_status = "valid"
    book = await policy_book(session, ledger.society_code)
    ledger.required_hours_per_year = book.terms_for_year(
        validity_years(event.valid_from, event.valid_until)[0]).hours_per_year
    await session.flush()
    await compliance.refresh(session, ledger)


async def on_barred(session: AsyncSession, event: MemberBarred) -> None:
    for ledger in await repository.of_applicant(session, event.applicant_id):
        ledger.barred = True
    await session.flush()
