"""Contact preferences: each person's address, language and whether they want e-mail."""

from kit import clock
from kit.auth import Principal
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.inbox.service import inboxes_of
from notifications.models import ContactPreference
from notifications.preferences import repository
from notifications.preferences.schemas import PreferencesIn, PreferencesOut

DEFAULT = PreferencesOut(email=None, language="zh", email_enabled=True)


async def get(session: AsyncSession, principal: Principal) -> PreferencesOut:
    row = await repository.get(session, principal.subject)
    return DEFAULT if row is None else PreferencesOut.model_validate(row)


async def put(session: AsyncSession, principal: Principal, payload: PreferencesIn
              ) -> PreferencesOut:
    row = await repository.get(session, principal.subject)
    if row is None:
        row = ContactPreference(subject=principal.subject)
        session.add(row)
    shared = inboxes_of(principal)[1:]
    row.role = principal.role.value
    # Taken from the token each time, so moving to another society moves the e-mail with it.
    row.inbox_kind, row.inbox_id = shared[0] if shared else (None, None)
    row.email = str(payload.email).strip() if payload.email else None
    row.language = payload.language
    row.email_enabled = payload.email_enabled
    row.updated_at = clock.now()
    await session.flush()
    return PreferencesOut.model_validate(row)
