"""Member status: a lifetime ban revokes every certificate and tells the intake service."""

from cse_contracts.events import MemberBarred
from kit import clock
from kit.auth import Principal
from sqlalchemy.ext.asyncio import AsyncSession

from registry.certificates import repository
from registry.events import outbox
from registry.members.errors import AlreadyBarred
from registry.members.schemas import BanIn, BanOut


async def bar(session: AsyncSession, principal: Principal, ban: BanIn) -> BanOut:
    now = clock.now()
    member = await repository.get_member_by_applicant(session, ban.applicant_id, for_update=True)
    revoked: list[str] = []
    if member is not None:
        if member.barred_at is not None:
            raise AlreadyBarred(
                f"该会员已于 {member.barred_at:%Y-%m-%d} 被终身禁止 / This member was already "
                f"barred on {member.barred_at:%Y-%m-%d}."
            )
        member.barred_at, member.bar_reason = now, ban.reason
        for certificate in await repository.list_member_certificates(session, ban.applicant_id):
            if certificate.status != "revoked":
                certificate.status = "revoked"
                revoked.append(certificate.number)
    # Someone caught supplying false material before registration is barred all the same.
    await outbox.emit(
        session,
        MemberBarred(member_id=member.id if member else None, applicant_id=ban.applicant_id,
                     reason=ban.reason, barred_at=now),
        subject=f"members/{ban.applicant_id}",
    )
    await session.flush()
    return BanOut(applicant_id=ban.applicant_id, member_id=member.id if member else None,
                  reason=ban.reason, barred_at=now, revoked_certificates=revoked)
