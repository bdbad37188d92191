"""Member status changes by the CSE secretariat and the supervision committee; a member's
publication consent."""

from typing import Annotated

from fastapi import APIRouter, Depends, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from registry.members import service
from registry.members.schemas import BanIn, BanOut, ConsentIn, ConsentOut

router = APIRouter(prefix="/v1/members", tags=["members"])

Secretariat = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT, Role.SUPERVISION))]
Applicant = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]


@router.post("/bans", status_code=status.HTTP_201_CREATED)
async def bar_member(ban: BanIn, principal: Secretariat, session: SessionDep) -> BanOut:
    """Bar a person for life: certificates revoked, open registrations and applications refused."""
    return await service.bar(session, principal, ban)


@router.get("/me/publication-consent")
async def my_consent(principal: Applicant, session: SessionDep) -> ConsentOut:
    """What the public register shows of you beyond the fields it always shows."""
    return await service.consent(session, principal)


@router.put("/me/publication-consent")
async def change_my_consent(body: ConsentIn, principal: Applicant, session: SessionDep
                            ) -> ConsentOut:
    """Change what the public register shows of you (employer, contact e-mail)."""
    return await service.change_consent(session, principal, body)
