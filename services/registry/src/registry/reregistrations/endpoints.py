"""Re-registration (再注册): the holder applies, the society decides on CPD compliance."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams

from registry.reregistrations import service
from registry.reregistrations.schemas import (
    DecisionIn,
    ReregistrationIn,
    ReregistrationOut,
    ReregistrationStatus,
)

router = APIRouter(tags=["re-registration"])

Applicant = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]
Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]
Reader = Annotated[Principal, Depends(require_roles(Role.APPLICANT, Role.SOCIETY_ADMIN,
                                                    Role.SECRETARIAT))]


@router.post("/v1/certificates/{number}/reregistrations", status_code=status.HTTP_201_CREATED)
async def apply_for_reregistration(
    number: Annotated[str, Path(max_length=40, description=(
        "Your certificate's unified number, e.g. `CSE-2026-P-000123`; any case"))],
    body: ReregistrationIn, principal: Applicant,
    session: SessionDep,
) -> ReregistrationOut:
    """Apply to re-register your certificate, in the 3 months before it ends."""
    return await service.apply(session, principal, number, body)


@router.get("/v1/reregistrations")
async def list_reregistrations(
    principal: Reader, session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    status: Annotated[ReregistrationStatus | None, Query(
        description="Only re-registrations in this status; all when left out")] = None,
    society: Annotated[str | None, Query(max_length=20, description=(
        "Only this society's, by code (e.g. `cces`); society staff always get their own"))]
    = None,
) -> Page[ReregistrationOut]:
    """Re-registrations, newest first: a society's own, the holder's own, or all for the
    secretariat."""
    return await service.listing(session, principal, status, society, params)


@router.post("/v1/reregistrations/{reregistration_id}/decision")
async def decide_reregistration(reregistration_id: Annotated[uuid.UUID, Path(description=(
                                    "The pending re-registration's id (UUID)"))],
                                body: DecisionIn,
                                principal: Staff, session: SessionDep) -> ReregistrationOut:
    """Accept (CPD met or deferred: same number, +5 years) or reject with reasons."""
    return await service.decide(session, principal, reregistration_id, body)
