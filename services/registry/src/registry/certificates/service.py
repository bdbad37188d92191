"""Certificates: issue, life after issue (suspend / restore / cancel / revoke / expire), history."""

import uuid
from datetime import date, datetime, timedelta

from cse_contracts.events import CertificateIssued, CertificateStatusChanged, ReminderDue
from kit import clock
from kit.auth import Principal, Role
from sqlalchemy.ext.asyncio import AsyncSession

from registry.certificates import repository
from registry.certificates.errors import (
    CertificateNotFound,
    InvalidEffectiveDate,
    NotYourCertificate,
    StatusChangeRefused,
)
from registry.certificates.rules import (
    CHANGE_KINDS,
    TransitionRefused,
    certificate_number,
    last_month_starts,
    normalise_number,
    reregistration_opens,
    supersedes,
    transition,
    validity,
)
from registry.certificates.schemas import StatusChangeIn
from registry.events import outbox
from registry.models import Certificate, CertificateChange, Member, Registration, ReminderSent

STAFF_ROLES = frozenset({Role.SECRETARIAT, Role.SUPERVISION})


async def issue(session: AsyncSession, registration: Registration, member: Member,
                actor: str | None) -> Certificate:
    """Number and certificate of a confirmed registration; lower certificates superseded."""
    issued = clock.today()
    valid_from, valid_until = validity(issued)
    sequence = await repository.next_sequence(session, issued.year)
    certificate = Certificate(
        id=uuid.uuid4(), number=certificate_number(issued.year, registration.level, sequence),
        member_id=member.id, case_id=registration.case_id,
        society_code=registration.society_code, level=registration.level,
        field_code=registration.field_code, specialty_code=registration.specialty_code,
        status="valid", status_since=issued, issued_on=issued,
        valid_from=valid_from, valid_until=valid_until, renewals=0,
    )
    certificate.member = member
    lower = [c for c in await repository.list_member_certificates(
        session, member.applicant_id, for_update=True)
        if c.status in ("valid", "suspended", "expired") and supersedes(certificate.level,
                                                                        c.level)]
    session.add(certificate)
    await session.flush()
    session.add(_change(certificate, "issued", None, "注册备案 / Registered", issued, actor,
                        None))
    await outbox.emit(
        session,
        CertificateIssued(
            certificate_id=certificate.id, member_id=member.id,
            applicant_id=member.applicant_id, certificate_number=certificate.number,
            society_code=certificate.society_code, level=registration.level,
            field_code=certificate.field_code, valid_from=valid_from, valid_until=valid_until,
            application_id=registration.application_id,
        ),
        subject=f"certificates/{certificate.number}",
    )
    for old in lower:
        await _set_status(
            session, old, "superseded", kind="superseded", effective_on=issued,
            reason=f"晋级，由 {certificate.number} 取代 / Upgraded: superseded by "
                   f"{certificate.number}",
            actor=actor, actor_role=None,
        )
    await session.flush()
    return certificate


def _change(certificate: Certificate, kind: str, previous: str | None, reason: str,
            effective_on: date, actor: str | None, actor_role: str | None) -> CertificateChange:
    return CertificateChange(
        certificate_id=certificate.id, certificate_number=certificate.number, kind=kind,
        status=certificate.status, previous_status=previous, reason=reason,
        effective_on=effective_on, valid_until=certificate.valid_until, actor=actor,
        actor_role=actor_role,
    )


async def _set_status(session: AsyncSession, certificate: Certificate, status: str, *,
                      kind: str, effective_on: date, reason: str, actor: str | None,
                      actor_role: str | None) -> None:
    """Change, history entry and `certificate.status_changed` in the caller's transaction."""
    previous = certificate.status
    certificate.status = status
    certificate.status_since = effective_on
    session.add(_change(certificate, kind, previous, reason, effective_on, actor, actor_role))
    await outbox.emit(
        session,
        CertificateStatusChanged(
            certificate_id=certificate.id, certificate_number=certificate.number,
            applicant_id=certificate.member.applicant_id,
            society_code=certificate.society_code, level=certificate.level,
            status=status, previous_status=previous,
            reason=reason, effective_on=effective_on, valid_until=certificate.valid_until,
        ),
        subject=f"certificates/{certificate.number}",
    )


async def revoke_for_bar(session: AsyncSession, certificate: Certificate, reason: str,
                         actor: str) -> bool:
    """A lifetime bar revokes whatever the certificate's status, unless already revoked."""
    if certificate.status == "revoked":
        return False
    await _set_status(session, certificate, "revoked", kind="revoked",
                      effective_on=clock.today(), reason=reason, actor=actor,
                      actor_role=Role.SECRETARIAT.value)
    return True


async def renew(session: AsyncSession, certificate: Certificate, valid_from: date,
                valid_until: date, reason: str, actor: str) -> None:
    previous = certificate.status
    certificate.valid_from, certificate.valid_until = valid_from, valid_until
    certificate.renewals += 1
    if certificate.status != "valid":
        certificate.status = "valid"
    certificate.status_since = clock.today()
    session.add(_change(certificate, "renewed", previous, reason, clock.today(), actor,
                        Role.SOCIETY_ADMIN.value))


def ensure_staff_of(principal: Principal, certificate: Certificate) -> None:
    """Society staff act on their own society's members; the secretariat on everyone's."""
    if principal.role in STAFF_ROLES:
        return
    if principal.role is Role.SOCIETY_ADMIN and principal.society == certificate.society_code:
        return
    raise NotYourCertificate(
        f"证书 {certificate.number} 不属于您的学会 / Certificate {certificate.number} belongs "
        "to another society's member."
    )


def ensure_can_read(principal: Principal, certificate: Certificate) -> None:
    """The holder, the society that issued it and the secretariat."""
    if principal.role is Role.APPLICANT and principal.subject == certificate.member.applicant_id:
        return
    if principal.role is Role.APPLICANT:
        raise NotYourCertificate(
            f"证书 {certificate.number} 不是您的 / Certificate {certificate.number} is not yours."
        )
    ensure_staff_of(principal, certificate)


async def get(session: AsyncSession, number: str, *, for_update: bool = False) -> Certificate:
    number = normalise_number(number)
    certificate = await repository.get_certificate_by_number(session, number,
                                                             for_update=for_update)
    if certificate is None:
        raise CertificateNotFound(
            f"未找到编号为 {number} 的证书 / No certificate with number {number}."
        )
    return certificate


async def change_status(session: AsyncSession, principal: Principal, number: str,
                        change: StatusChangeIn) -> Certificate:
    """Suspend, restore, cancel or revoke with a reason and an effective date [003 Q31]."""
    certificate = await get(session, number, for_update=True)
    ensure_staff_of(principal, certificate)
    today = clock.today()
    effective_on = change.effective_on or today
    if effective_on > today:
        raise InvalidEffectiveDate(
            f"生效日期 {effective_on} 晚于今天 {today}；请在当天办理 / The effective date "
            f"{effective_on} is after today ({today}); record the change on that day."
        )
    if effective_on < certificate.status_since:
        raise InvalidEffectiveDate(
            f"生效日期不能早于当前状态的起始日 {certificate.status_since} / The effective date "
            f"cannot precede the current status, which holds since {certificate.status_since}."
        )
    try:
        status = transition(change.action, certificate.status)
    except TransitionRefused as refused:
        raise StatusChangeRefused(str(refused)) from refused
    if change.action == "restore" and today > certificate.valid_until:
        raise StatusChangeRefused(
            f"证书已于 {certificate.valid_until} 到期，不能恢复，请申请再注册 / The certificate "
            f"ended on {certificate.valid_until}; it cannot be restored, only re-registered."
        )
    await _set_status(session, certificate, status, kind=CHANGE_KINDS[change.action],
                      effective_on=effective_on, reason=change.reason,
                      actor=principal.subject, actor_role=principal.role.value)
    await session.flush()
    return certificate


async def history(session: AsyncSession, principal: Principal, number: str
                  ) -> tuple[Certificate, list[CertificateChange]]:
    certificate = await get(session, number)
    ensure_can_read(principal, certificate)
    return certificate, await repository.history(session, certificate.id)


async def reissued_on(session: AsyncSession, certificate: Certificate) -> date | None:
    """The day of the latest re-registration, printed on the reissued certificate."""
    renewals = [c for c in await repository.history(session, certificate.id)
                if c.kind == "renewed"]
    return renewals[-1].effective_on if renewals else None


async def expire_ended(session: AsyncSession, now: datetime) -> int:
    """Scheduled: at the end of `valid_until` (China date) the certificate expires."""
    today = clock.china_date(now)
    ended = await repository.due_for_expiry(session, today)
    for certificate in ended:
        await _set_status(
            session, certificate, "expired", kind="expired",
            effective_on=certificate.valid_until + timedelta(days=1),
            reason="有效期届满 / The five-year validity ended", actor=None, actor_role=None,
        )
    await session.flush()
    return len(ended)


async def remind_reregistration(session: AsyncSession, now: datetime) -> int:
    """Scheduled: `reregistration_open` when the window opens, `reregistration_last_month`
    a month before expiry; once per certificate, validity and kind."""
    today = clock.china_date(now)
    # A window is three months; anything ending further out is not due yet.
    candidates = await repository.valid_ending_between(session, today, today + timedelta(days=95))
    sent = 0
    for certificate in candidates:
        for kind, starts in (("reregistration_open", reregistration_opens),
                             ("reregistration_last_month", last_month_starts)):
            if today < starts(certificate.valid_until):
                continue
            occasion = f"{kind}:{certificate.number}:{certificate.valid_until.isoformat()}"
            if await session.get(ReminderSent, occasion) is not None:
                continue
            session.add(ReminderSent(occasion=occasion, kind=kind))
            await outbox.emit(
                session,
                ReminderDue(
                    kind=kind,
                    occasion=occasion,
                    recipient_subject=certificate.member.applicant_id,
                    recipient_role=Role.APPLICANT.value, society_code=certificate.society_code,
                    due_on=certificate.valid_until, subject_kind="certificate",
                    subject_id=certificate.number,
                    details={"valid_until": certificate.valid_until.isoformat(),
                             "opens_on": reregistration_opens(
                                 certificate.valid_until).isoformat()},
                ),
                subject=f"certificates/{certificate.number}",
            )
            sent += 1
    await session.flush()
    return sent
