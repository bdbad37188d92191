"""Evaluation cases: the society's view, deliberation and approval."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from kit.app import SessionDep
from kit.auth import Principal, Role, require_roles

from evaluation.cases import repository, service
from evaluation.cases.schemas import CaseOut, DecisionIn

router = APIRouter(prefix="/v1/cases", tags=["cases"])

SocietyStaff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]
Reader = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]


@router.get("")
async def list_cases(
    principal: Reader,
    session: SessionDep,
    application_id: Annotated[uuid.UUID | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[CaseOut]:
    """Cases of the caller's society (all societies for the secretariat), newest first."""
    society = principal.society if principal.role is Role.SOCIETY_ADMIN else None
    cases = await repository.list_cases(
        session, society_code=society, application_id=application_id, limit=limit
    )
    return [CaseOut.model_validate(c) for c in cases]


@router.get("/{case_id}")
async def get_case(case_id: uuid.UUID, principal: Reader, session: SessionDep) -> CaseOut:
    """One case."""
    return CaseOut.model_validate(await service.get_case(session, principal, case_id))


@router.post("/{case_id}/decision")
async def decide(
    case_id: uuid.UUID, decision: DecisionIn, principal: SocietyStaff, session: SessionDep
) -> CaseOut:
    """Record the deliberation (综合审议): passed, or failed with reasons."""
    return CaseOut.model_validate(await service.decide(session, principal, case_id, decision))


@router.post("/{case_id}/approval")
async def approve(case_id: uuid.UUID, principal: SocietyStaff, session: SessionDep) -> CaseOut:
    """Approve a passed case for registration; registry then issues the certificate."""
    return CaseOut.model_validate(await service.approve(session, principal, case_id))
