"""Registration (注册备案): approved cases wait for the secretariat, or register at once."""

import uuid
from collections.abc import Sequence

from cse_contracts.events import EvaluationApproved, RegistrationRefused
from kit import clock
from kit.auth import Principal
from kit.pagination import Page, PageParams
from sqlalchemy.ext.asyncio import AsyncSession

from registry.certificates import repository as certificates
from registry.certificates import service as certificate_service
from registry.events import outbox
from registry.models import Member, Registration
from registry.registrations import repository
from registry.registrations.errors import RegistrationDecided, RegistrationNotFound
from registry.registrations.schemas import RegistrationOut
from registry.societies.service import settings_for

AUTOMATIC = "automatic"


async def receive(session: AsyncSession, approved: EvaluationApproved) -> Registration:
    """An approved case becomes a registration (once); a barred person's is refused."""
    existing = await repository.get_by_case(session, approved.case_id)
    if existing is not None:
        return existing
    member = await certificates.get_member_by_applicant(session, approved.applicant_id,
                                                        for_update=True)
    if member is None:
        member = Member(id=uuid.uuid4(), applicant_id=approved.applicant_id,
                        name=approved.applicant_name)
        session.add(member)
    member.name = approved.applicant_name
    consent = approved.publication_consent
    # The consent of the latest application's commitment is the member's latest word.
    member.show_employer, member.show_contact = consent.show_employer, consent.show_contact
    member.employer = consent.employer if consent.show_employer else None
    member.contact_email = consent.contact_email if consent.show_contact else None
    member.consent_updated_at = approved.approved_at
    registration = Registration(
        id=uuid.uuid4(), case_id=approved.case_id, application_id=approved.application_id,
        member_id=member.id, society_code=approved.society_code, level=approved.level,
        field_code=approved.field_code, specialty_code=approved.specialty_code,
        approved_at=approved.approved_at, status="pending",
    )
    registration.member = member
    session.add(registration)
    await session.flush()
    if member.barred_at is not None:
        await _refuse(session, registration, bar_reason(member), actor=None)
    elif (await settings_for(session, approved.society_code)).registration_mode == AUTOMATIC:
        await _confirm(session, registration, actor=None)
    return registration


def bar_reason(member: Member) -> str:
    barred_on = clock.china_date(member.barred_at or clock.now())
    return (f"已于 {barred_on} 被终身禁止：{member.bar_reason} / Barred for life on "
            f"{barred_on}: {member.bar_reason}")


async def _confirm(session: AsyncSession, registration: Registration, actor: str | None) -> str:
    certificate = await certificate_service.issue(session, registration, registration.member,
                                                  actor)
    registration.status = "confirmed"
    registration.decided_by, registration.decided_at = actor or "automatic", clock.now()
    registration.certificate_id = certificate.id
    return certificate.number


async def _refuse(session: AsyncSession, registration: Registration, reason: str,
                  actor: str | None) -> None:
    registration.status = "refused"
    registration.reason = reason
    registration.decided_by, registration.decided_at = actor or "register", clock.now()
    await outbox.emit(
        session,
        RegistrationRefused(
            registration_id=registration.id, case_id=registration.case_id,
            applicant_id=registration.member.applicant_id,
            society_code=registration.society_code,
            level=registration.level,
            reason=reason,
        ),
        subject=f"registrations/{registration.id}",
    )


async def confirm(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
                  ) -> list[RegistrationOut]:
    """Confirm a batch; all or nothing, so a batch never half-registers."""
    rows = await repository.get_many_for_update(session, list(dict.fromkeys(ids)))
    missing = set(ids) - {r.id for r in rows}
    if missing:
        raise RegistrationNotFound(
            f"未找到注册申请 {', '.join(sorted(map(str, missing)))} / No such registration."
        )
    decided = [r for r in rows if r.status != "pending"]
    if decided:
        raise RegistrationDecided(
            "以下注册已处理，不能再确认 / Already decided, cannot be confirmed: "
            + ", ".join(f"{r.id} ({r.status})" for r in decided)
        )
    out = []
    for registration in rows:
        if registration.member.barred_at is not None:
            await _refuse(session, registration, bar_reason(registration.member),
                          actor=principal.subject)
            out.append(describe(registration, None))
            continue
        number = await _confirm(session, registration, actor=principal.subject)
        out.append(describe(registration, number))
    await session.flush()
    return out


async def refuse(session: AsyncSession, principal: Principal, registration_id: uuid.UUID,
                 reason: str) -> RegistrationOut:
    rows = await repository.get_many_for_update(session, [registration_id])
    if not rows:
        raise RegistrationNotFound(f"未找到注册申请 {registration_id} / No such registration.")
    registration = rows[0]
    if registration.status != "pending":
        raise RegistrationDecided(
            f"该注册已处理（{registration.status}）/ Already decided: {registration.status}."
        )
    await _refuse(session, registration, reason, actor=principal.subject)
    await session.flush()
    return describe(registration, None)


async def refuse_open_for_member(session: AsyncSession, member: Member) -> int:
    """A lifetime bar refuses every registration still waiting for confirmation."""
    pending = await repository.pending_of_member(session, member.id)
    for registration in pending:
        await _refuse(session, registration, bar_reason(member), actor="register")
    return len(pending)


async def listing(session: AsyncSession, *, status: str | None, society: str | None,
                  params: PageParams) -> Page[RegistrationOut]:
    rows, cursor = await repository.listing(session, status=status, society=society,
                                            params=params)
    return Page(items=[describe(row, number) for row, number in rows], next_cursor=cursor)


def describe(registration: Registration, number: str | None) -> RegistrationOut:
    return RegistrationOut(
        id=registration.id, case_id=registration.case_id,
        application_id=registration.application_id,
        applicant_name=registration.member.name, society_code=registration.society_code,
        level=registration.level, field_code=registration.field_code,
        specialty_code=registration.specialty_code, approved_at=registration.approved_at,
        status=registration.status, reason=registration.reason,
        decided_by=registration.decided_by, decided_at=registration.decided_at,
        certificate_number=number,
    )
