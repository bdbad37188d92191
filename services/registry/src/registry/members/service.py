"""Member status and consent: a lifetime ban revokes every certificate and refuses open
registrations; the member decides what the public register shows of them."""

from cse_contracts.events import MemberBarred
from kit import clock
from kit.auth import Principal
from sqlalchemy.ext.asyncio import AsyncSession

from registry.certificates import repository
from registry.certificates.service import revoke_for_bar
from registry.events import outbox
from registry.members.errors import AlreadyBarred, NotAMember
from registry.members.schemas import BanIn, BanOut, ConsentIn, ConsentOut
from registry.models import Member
from registry.registrations.service import refuse_open_for_member


async def bar(session: AsyncSession, principal: Principal, ban: BanIn) -> BanOut:
    now = clock.now()
    member = await repository.get_member_by_applicant(session, ban.applicant_id, for_update=True)
    revoked: list[str] = []
    refused = 0
    if member is not None:
        if member.barred_at is not None:
            raise AlreadyBarred(
                f"该会员已于 {member.barred_at:%Y-%m-%d} 被终身禁止 / This member was already "
                f"barred on {member.barred_at:%Y-%m-%d}."
            )
        member.barred_at, member.bar_reason = now, ban.reason
        reason = f"终身禁止 / Barred for life: {ban.reason}"
        for certificate in await repository.list_member_certificates(
                session, ban.applicant_id, for_update=True):
            if await revoke_for_bar(session, certificate, reason, principal.subject):
                revoked.append(certificate.number)
        refused = await refuse_open_for_member(session, member)
    # Someone caught supplying false material before registration is barred all the same.
    await outbox.emit(
        session,
        MemberBarred(member_id=member.id if member else None, applicant_id=ban.applicant_id,
                     reason=ban.reason, barred_at=now),
        subject=f"members/{ban.applicant_id}",
    )
    await session.flush()
    return BanOut(applicant_id=ban.applicant_id, member_id=member.id if member else None,
                  reason=ban.reason, barred_at=now, revoked_certificates=revoked,
                  refused_registrations=refused)


async def _member(session: AsyncSession, applicant_id: str) -> Member:
    member = await repository.get_member_by_applicant(session, applicant_id, for_update=True)
    if member is None:
        raise NotAMember("您尚未在册 / You are not on the register yet.")
    return member


def _consent(member: Member) -> ConsentOut:
    return ConsentOut(show_employer=member.show_employer, show_contact=member.show_contact,
                      employer=member.employer, contact_email=member.contact_email,
                      consent_updated_at=member.consent_updated_at)


async def consent(session: AsyncSession, principal: Principal) -> ConsentOut:
    return _consent(await _member(session, principal.subject))


async def change_consent(session: AsyncSession, principal: Principal, body: ConsentIn
                         ) -> ConsentOut:
    member = await _member(session, principal.subject)
    member.show_employer, member.show_contact = body.show_employer, body.show_contact
    # What is no longer consented to is not kept either.
    member.employer = body.employer if body.show_employer else None
    member.contact_email = str(body.contact_email) if body.show_contact else None
    member.consent_updated_at = clock.now()
    await session.flush()
    return _consent(member)
