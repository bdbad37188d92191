"""Member status changes by the CSE secretariat and the supervision committee."""

from typing import Annotated

from fastapi import APIRouter, Depends, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from registry.members import service
from registry.members.schemas import BanIn, BanOut

router = APIRouter(prefix="/v1/members", tags=["members"])

Secretariat = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT, Role.SUPERVISION))]


@router.post("/bans", status_code=status.HTTP_201_CREATED)
async def bar_member(ban: BanIn, principal: Secretariat, session: SessionDep) -> BanOut:
    """Bar a person for life: certificates revoked, new applications refused (member.barred)."""
    return await service.bar(session, principal, ban)
