"""Re-registration (再注册): the member applies in the window, the society decides on the CPD
compliance the CPD service reported; same number, five more years from the old end."""

import uuid
from datetime import datetime
from typing import Any

from cse_contracts.events import CertificateRenewed, CpdComplianceChanged, ReregistrationRefused
from kit import clock
from kit.auth import Principal, Role
from kit.errors import Forbidden, Unprocessable
from kit.pagination import Page, PageParams
from sqlalchemy.ext.asyncio import AsyncSession

from registry.certificates import service as certificates
from registry.certificates.rules import renewed_validity
from registry.events import outbox
from registry.models import CpdCompliance, Reregistration
from registry.reregistrations import repository
from registry.reregistrations.errors import (
    CpdNotMet,
    ReregistrationDecided,
    ReregistrationNotAllowed,
    ReregistrationNotFound,
    ReregistrationNotOpen,
)
from registry.reregistrations.rules import (
    CpdStanding,
    WindowClosed,
    check_window,
    cpd_met,
    shortfall_reasons,
)
from registry.reregistrations.schemas import DecisionIn, ReregistrationIn, ReregistrationOut
from registry.societies.service import settings_for, society_of


def _standing(row: CpdCompliance | None) -> CpdStanding | None:
    if row is None:
        return None
    return CpdStanding(
        required_hours=row.required_hours, credited_hours=row.credited_hours,
        deferred_hours=row.deferred_hours, shortfall_hours=row.shortfall_hours,
        compliant=row.compliant, deferral_granted=row.deferral_granted,
        period_start=row.period_start, period_end=row.period_end,
    )


def _snapshot(row: CpdCompliance | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "period_start": row.period_start.isoformat(), "period_end": row.period_end.isoformat(),
        "required_hours": row.required_hours, "credited_hours": row.credited_hours,
        "deferred_hours": row.deferred_hours, "shortfall_hours": row.shortfall_hours,
        "compliant": row.compliant, "deferral_granted": row.deferral_granted,
        "years": row.years,
    }


def describe(row: Reregistration) -> ReregistrationOut:
    return ReregistrationOut(
        id=row.id, certificate_number=row.certificate.number,
        holder_name=row.certificate.member.name, society_code=row.society_code,
        status=row.status, applied_on=row.applied_on, statement=row.statement,
        valid_until=row.certificate.valid_until, cpd=row.cpd, reasons=row.reasons,
        decided_by=row.decided_by, decided_at=row.decided_at,
        new_valid_until=row.new_valid_until,
    )


async def apply(session: AsyncSession, principal: Principal, number: str,
                body: ReregistrationIn) -> ReregistrationOut:
    certificate = await certificates.get(session, number, for_update=True)
    certificates.ensure_can_read(principal, certificate)
    if principal.role is not Role.APPLICANT:
        raise Forbidden("再注册由持证人本人申请 / The holder applies for re-registration.")
    today = clock.today()
    settings = await settings_for(session, certificate.society_code)
    if certificate.status not in ("valid", "expired"):
        raise ReregistrationNotAllowed(
            f"证书状态为 {certificate.status}，不能再注册 / A {certificate.status} certificate "
            "cannot be re-registered."
        )
    try:
        check_window(today, certificate.valid_until, settings.reregistration_after_expiry)
    except WindowClosed as closed:
        raise ReregistrationNotOpen(str(closed)) from closed
    if await repository.pending_for(session, certificate.id) is not None:
        raise ReregistrationDecided(
            "已有一份待审的再注册申请 / A re-registration application is already pending."
        )
    compliance = await repository.compliance(session, certificate.number)
    row = Reregistration(
        id=uuid.uuid4(), certificate_id=certificate.id, society_code=certificate.society_code,
        applicant_id=principal.subject, status="pending", applied_on=today,
        statement=body.statement, cpd=_snapshot(compliance),
    )
    row.certificate = certificate
    session.add(row)
    await session.flush()
    return describe(row)


async def listing(session: AsyncSession, principal: Principal, status: str | None,
                  society: str | None, params: PageParams) -> Page[ReregistrationOut]:
    applicant = principal.subject if principal.role is Role.APPLICANT else None
    if principal.role is Role.SOCIETY_ADMIN:
        society = society_of(principal, society)
    rows, cursor = await repository.listing(session, society=society, applicant=applicant,
                                            status=status, params=params)
    return Page(items=[describe(row) for row in rows], next_cursor=cursor)


async def decide(session: AsyncSession, principal: Principal, reregistration_id: uuid.UUID,
                 body: DecisionIn) -> ReregistrationOut:
    row = await repository.get(session, reregistration_id, for_update=True)
    if row is None:
        raise ReregistrationNotFound(
            f"未找到再注册申请 {reregistration_id} / No such re-registration.")
    certificate = await certificates.get(session, row.certificate.number, for_update=True)
    certificates.ensure_staff_of(principal, certificate)
    if row.status != "pending":
        raise ReregistrationDecided(f"该申请已处理：{row.status} / Already {row.status}.")
    compliance = await repository.compliance(session, certificate.number)
    standing = _standing(compliance)
    row.cpd = _snapshot(compliance)
    row.decided_by, row.decided_at = principal.subject, clock.now()
    if body.decision == "accepted":
        if not cpd_met(standing):
            raise CpdNotMet(
                shortfall_reasons(standing, certificate.valid_from, certificate.valid_until)
                + " 请以此为由拒绝，或待学会批准缓办后再审 / Reject with this reason, or "
                  "decide again once a deferral is granted.",
            )
        valid_from, valid_until = renewed_validity(certificate.valid_until)
        await certificates.renew(
            session, certificate, valid_from, valid_until,
            reason=f"再注册，有效期至 {valid_until} / Re-registered until {valid_until}",
            actor=principal.subject,
        )
        row.status, row.new_valid_until = "accepted", valid_until
        await outbox.emit(
            session,
            CertificateRenewed(
                certificate_id=certificate.id, certificate_number=certificate.number,
                applicant_id=row.applicant_id, society_code=certificate.society_code,
                level=certificate.level,
                valid_from=valid_from, valid_until=valid_until,
            ),
            subject=f"certificates/{certificate.number}",
        )
    else:
        reasons = body.reasons
        if not reasons and not cpd_met(standing):
            reasons = shortfall_reasons(standing, certificate.valid_from, certificate.valid_until)
        if not reasons:
            raise Unprocessable("拒绝须说明理由 / A rejection needs its reasons.")
        row.status, row.reasons = "rejected", reasons
        await outbox.emit(
            session,
            ReregistrationRefused(
                reregistration_id=row.id, certificate_number=certificate.number,
                applicant_id=row.applicant_id, society_code=certificate.society_code,
                reasons=reasons,
            ),
            subject=f"certificates/{certificate.number}",
        )
    await session.flush()
    return describe(row)


async def record_compliance(session: AsyncSession, event: CpdComplianceChanged,
                            at: datetime) -> None:
    """Keep the latest compliance per certificate; an older event arriving late is ignored."""
    row = await repository.compliance(session, event.certificate_number, for_update=True)
    if row is not None and row.event_time >= at:
        return
    if row is None:
        row = CpdCompliance(certificate_number=event.certificate_number)
        session.add(row)
    row.applicant_id, row.society_code = event.applicant_id, event.society_code
    row.period_start, row.period_end = event.period_start, event.period_end
    row.required_hours, row.credited_hours = event.required_hours, event.credited_hours
    row.deferred_hours, row.shortfall_hours = event.deferred_hours, event.shortfall_hours
    row.compliant, row.deferral_granted = event.compliant, event.deferral_granted
    row.years = [year.model_dump() for year in event.years]
    row.event_time = at
    await session.flush()
