"""Deliberation, fast-track confirmation, objections and approval of a case."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams

from evaluation.cases import service as cases
from evaluation.cases.schemas import CaseOut, DecisionIn
from evaluation.decisions import service
from evaluation.notices.schemas import ObjectionOut, ResolutionIn

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["decisions"])

SocietyStaff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]
Secretariat = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT))]
Reader = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]
CaseId = Annotated[uuid.UUID, Path(description="The case's id")]
ObjectionId = Annotated[uuid.UUID, Path(
    description="The objection's id (from GET /v1/cases/{case_id}/objections)")]


@router.post("/decision")
async def decide(
    case_id: CaseId, decision: DecisionIn, principal: SocietyStaff, session: SessionDep
) -> CaseOut:
    """Record the deliberation (综合审议): passed (publishes the notice), or failed with
    reasons the applicant can use to improve."""
    case = await service.decide(session, principal, case_id, decision)
    return (await cases.describe(session, [case]))[0]


@router.post("/fast-track-confirmation")
async def confirm_fast_track(
    case_id: CaseId, principal: Secretariat, session: SessionDep
) -> CaseOut:
    """The CSE secretariat confirms the simplified path of an international title holder."""
    case = await cases.confirm_fast_track(session, principal, case_id)
    return (await cases.describe(session, [case]))[0]


@router.get("/objections")
async def list_objections(
    case_id: CaseId, principal: Reader, session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
) -> Page[ObjectionOut]:
    """Objections lodged against the case's public notice, with the objectors' contacts,
    newest first."""
    rows, cursor = await service.list_objections(session, principal, case_id, params)
    return Page(items=[ObjectionOut.model_validate(o) for o in rows], next_cursor=cursor)


@router.post("/objections/{objection_id}/resolution")
async def resolve_objection(
    case_id: CaseId, objection_id: ObjectionId, body: ResolutionIn, principal: SocietyStaff,
    session: SessionDep,
) -> ObjectionOut:
    """Resolve an objection: upheld reverses the pass with reasons; dismissed is noted."""
    return ObjectionOut.model_validate(
        await service.resolve_objection(session, principal, case_id, objection_id, body)
    )


@router.post("/approval")
async def approve(case_id: CaseId, principal: SocietyStaff, session: SessionDep) -> CaseOut:
    """Approve for registration once the notice has ended with no objection open (the
    worker does this automatically); registry then issues the certificate."""
    case = await service.approve(session, principal, case_id)
    return (await cases.describe(session, [case]))[0]
