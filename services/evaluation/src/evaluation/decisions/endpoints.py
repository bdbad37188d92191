"""Deliberation, fast-track confirmation, objections and approval of a case."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from evaluation.cases import service as cases
from evaluation.cases.schemas import CaseOut, DecisionIn
from evaluation.decisions import service
from evaluation.notices.schemas import ObjectionOut, ResolutionIn

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["decisions"])

SocietyStaff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]
Secretariat = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT))]
Reader = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]


@router.post("/decision")
async def decide(
    case_id: uuid.UUID, decision: DecisionIn, principal: SocietyStaff, session: SessionDep
) -> CaseOut:
    """Record the deliberation (综合审议): passed (publishes the notice), or failed with
    reasons the applicant can use to improve."""
    case = await service.decide(session, principal, case_id, decision)
    return (await cases.describe(session, [case]))[0]


@router.post("/fast-track-confirmation")
async def confirm_fast_track(
    case_id: uuid.UUID, principal: Secretariat, session: SessionDep
) -> CaseOut:
    """The CSE secretariat confirms the simplified path of an international title holder."""
    case = await cases.confirm_fast_track(session, principal, case_id)
    return (await cases.describe(session, [case]))[0]


@router.get("/objections")
async def list_objections(
    case_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[ObjectionOut]:
    """Objections lodged against the case's public notice, with the objectors' contacts."""
    return [ObjectionOut.model_validate(o)
            for o in await service.list_objections(session, principal, case_id)]


@router.post("/objections/{objection_id}/resolution")
async def resolve_objection(
    case_id: uuid.UUID, objection_id: uuid.UUID, body: ResolutionIn, principal: SocietyStaff,
    session: SessionDep,
) -> ObjectionOut:
    """Resolve an objection: upheld reverses the pass with reasons; dismissed is noted."""
    return ObjectionOut.model_validate(
        await service.resolve_objection(session, principal, case_id, objection_id, body)
    )


@router.post("/approval")
async def approve(case_id: uuid.UUID, principal: SocietyStaff, session: SessionDep) -> CaseOut:
    """Approve for registration once the notice has ended with no objection open (the
    worker does this automatically); registry then issues the certificate."""
    case = await service.approve(session, principal, case_id)
    return (await cases.describe(session, [case]))[0]
