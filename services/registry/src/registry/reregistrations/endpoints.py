"""Re-registration (再注册): the holder applies, the society decides on CPD compliance."""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from registry.reregistrations import service
from registry.reregistrations.schemas import DecisionIn, ReregistrationIn, ReregistrationOut

router = APIRouter(tags=["re-registration"])

Applicant = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]
Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]
Reader = Annotated[Principal, Depends(require_roles(Role.APPLICANT, Role.SOCIETY_ADMIN,
                                                    Role.SECRETARIAT))]


@router.post("/v1/certificates/{number}/reregistrations", status_code=status.HTTP_201_CREATED)
async def apply_for_reregistration(
    number: Annotated[str, Path(max_length=40)], body: ReregistrationIn, principal: Applicant,
    session: SessionDep,
) -> ReregistrationOut:
    """Apply to re-register your certificate, in the 3 months before it ends."""
    return await service.apply(session, principal, number, body)


@router.get("/v1/reregistrations")
async def list_reregistrations(
    principal: Reader, session: SessionDep,
    status: Literal["pending", "approved", "refused"] | None = None,
    society: Annotated[str | None, Query(max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[ReregistrationOut]:
    """Re-registrations: a society's own, the holder's own, or all for the secretariat."""
    return await service.listing(session, principal, status, society, limit)


@router.post("/v1/reregistrations/{reregistration_id}/decision")
async def decide_reregistration(reregistration_id: uuid.UUID, body: DecisionIn,
                                principal: Staff, session: SessionDep) -> ReregistrationOut:
    """Approve (CPD met or deferred: same number, +5 years) or refuse with reasons."""
    return await service.decide(session, principal, reregistration_id, body)
