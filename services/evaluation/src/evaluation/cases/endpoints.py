"""Evaluation cases: lists with deadline filters, one case, its audit trail."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams

from evaluation.audit import repository as audit
from evaluation.audit.schemas import AuditEntryOut
from evaluation.cases import service
from evaluation.cases.schemas import CaseOut
from evaluation.paging import after_position, by_position
from evaluation.vocabulary import CaseStatus

router = APIRouter(prefix="/v1/cases", tags=["cases"])

Reader = Annotated[Principal, Depends(require_roles(
    Role.SOCIETY_ADMIN, Role.SECRETARIAT, Role.EXAMINER, Role.APPLICANT))]
Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]
CaseId = Annotated[uuid.UUID, Path(description="The case's id")]
Paging = Annotated[PageParams, Depends(page_params)]


@router.get("")
async def list_cases(
    principal: Reader,
    session: SessionDep,
    params: Paging,
    application_id: Annotated[uuid.UUID | None, Query(
        description="Only the case of this application (applications service id)")] = None,
    status: Annotated[CaseStatus | None, Query(description="Only cases at this stage")] = None,
    batch_id: Annotated[uuid.UUID | None, Query(
        description="Only cases of this evaluation batch")] = None,
    overdue: Annotated[bool, Query(description="Past the 6-month deadline, not closed")] = False,
    at_risk: Annotated[bool, Query(description="Within the society's at-risk days")] = False,
) -> Page[CaseOut]:
    """Cases you may see, newest first: your society's (staff), all (secretariat), those you
    are cleared for (examiner) or your own (applicant)."""
    return await service.list_cases(
        session, principal, application_id=application_id, status=status, batch_id=batch_id,
        overdue=overdue, at_risk=at_risk, params=params,
    )


@router.get("/{case_id}")
async def get_case(case_id: CaseId, principal: Reader, session: SessionDep) -> CaseOut:
    """One case: its stage, results, deadline and, once decided, the outcome and reasons."""
    case = await service.get_case(session, principal, case_id)
    return (await service.describe(session, [case]))[0]


@router.get("/{case_id}/audit")
async def case_audit(case_id: CaseId, principal: Staff, session: SessionDep, params: Paging
                     ) -> Page[AuditEntryOut]:
    """Everything done to the case, by whom and when (append-only), oldest first: the order
    it happened in; `next_cursor` continues from the last entry of the page."""
    case = await service.get_case(session, principal, case_id)
    rows = await audit.for_case(session, case.id, after_seq=after_position(params),
                                limit=params.limit + 1)
    entries, cursor = by_position(rows, params, lambda e: e.seq)
    return Page(items=[AuditEntryOut.model_validate(e) for e in entries], next_cursor=cursor)
