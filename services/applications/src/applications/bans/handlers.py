"""`member.barred` from registry: the person is barred for life from applying [003 Q14]."""

import uuid

from cse_contracts.events import MemberBarred
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from applications.applicants import repository as applicants
from applications.bans import repository
from applications.models import Ban


async def on_member_barred(session: AsyncSession, envelope: Envelope) -> None:
    event = envelope.payload(MemberBarred)
    profile = await applicants.get(session, event.applicant_id)
    # By account and by identity number, so a new account with the same ID is refused too.
    repository.add(session, Ban(
        id=uuid.uuid4(), applicant_id=event.applicant_id,
        identity_index=profile.id_number_index if profile else None,
        member_id=event.member_id, reason=event.reason, barred_at=event.barred_at,
    ))
    await session.flush()
