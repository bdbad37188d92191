"""The caller's contact preferences (their e-mail address, language, e-mail on or off)."""

from fastapi import APIRouter
from kit.app import SessionDep
from kit.dependencies import CurrentPrincipal

from notifications.preferences import service
from notifications.preferences.schemas import PreferencesIn, PreferencesOut

router = APIRouter(prefix="/v1/notifications/preferences", tags=["notifications"])


@router.get("")
async def my_preferences(principal: CurrentPrincipal, session: SessionDep) -> PreferencesOut:
    """Where and in which language the caller is e-mailed (defaults: no address, Chinese)."""
    return await service.get(session, principal)


@router.put("")
async def set_my_preferences(
    payload: PreferencesIn, principal: CurrentPrincipal, session: SessionDep
) -> PreferencesOut:
    """Set the caller's e-mail address, language (zh/en) and whether they want e-mail."""
    return await service.put(session, principal, payload)
