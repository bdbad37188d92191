"""The applicant's own profile (申请人信息)."""

from typing import Annotated

from fastapi import APIRouter, Depends
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from applications.applicants import service
from applications.applicants.schemas import ProfileIn, ProfileOut

router = APIRouter(prefix="/v1/applicants", tags=["applicants"])

Applicant = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]


@router.get("/me")
async def get_my_profile(principal: Applicant, session: SessionDep) -> ProfileOut:
    """The caller's own profile, unmasked."""
    return service.profile_out(
        await service.get_profile(session, principal.subject), masked=False
    )


@router.put("/me")
async def save_my_profile(payload: ProfileIn, principal: Applicant, session: SessionDep
                          ) -> ProfileOut:
    """Create or replace the caller's profile: identity, contact, education, work, titles,
    society membership."""
    return service.profile_out(await service.save_profile(session, principal, payload),
                               masked=False)
