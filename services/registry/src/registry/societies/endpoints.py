"""A society's register settings (confirmation of registrations, late re-registration)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from registry.societies import service
from registry.societies.schemas import RegisterSettingsOut, RegisterSettingsPatch

router = APIRouter(prefix="/v1/registrations/settings", tags=["registrations"])

Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]
SocietyQuery = Annotated[str, Query(max_length=20, description=(
    "Code of the society whose settings these are, e.g. `cces`; society staff may only name "
    "their own (403 otherwise)"))]


@router.get("")
async def get_settings(principal: Staff, session: SessionDep,
                       society: SocietyQuery) -> RegisterSettingsOut:
    """A society's register settings (default: the secretariat confirms; no late renewal)."""
    code = service.society_of(principal, society)
    return RegisterSettingsOut.model_validate(await service.settings_for(session, code))


@router.patch("")
async def update_settings(patch: RegisterSettingsPatch, principal: Staff, session: SessionDep,
                          society: SocietyQuery) -> RegisterSettingsOut:
    """Change some settings; the registration mode is the secretariat's alone."""
    code = service.society_of(principal, society)
    return RegisterSettingsOut.model_validate(
        await service.update(session, principal, code, patch))
