"""Evaluation cases: lists with deadline filters, one case, its audit trail."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from evaluation.audit import repository as audit
from evaluation.audit.schemas import AuditEntryOut
from evaluation.cases import service
from evaluation.cases.schemas import CaseOut

router = APIRouter(prefix="/v1/cases", tags=["cases"])

Reader = Annotated[Principal, Depends(require_roles(
    Role.SOCIETY_ADMIN, Role.SECRETARIAT, Role.EXAMINER, Role.APPLICANT))]
Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]


@router.get("")
async def list_cases(
    principal: Reader,
    session: SessionDep,
    application_id: Annotated[uuid.UUID | None, Query()] = None,
    status: Annotated[str | None, Query(description="e.g. materials_review, notice")] = None,
    batch_id: Annotated[uuid.UUID | None, Query()] = None,
    overdue: Annotated[bool, Query(description="Past the 6-month deadline, not closed")] = False,
    at_risk: Annotated[bool, Query(description="Within the society's at-risk days")] = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[CaseOut]:
    """Cases you may see, newest first: your society's (staff), all (secretariat), those you
    are cleared for (examiner) or your own (applicant)."""
    return await service.list_cases(
        session, principal, application_id=application_id, status=status, batch_id=batch_id,
        overdue=overdue, at_risk=at_risk, limit=limit,
    )


@router.get("/{case_id}")
async def get_case(case_id: uuid.UUID, principal: Reader, session: SessionDep) -> CaseOut:
    """One case: its stage, results, deadline and, once decided, the outcome and reasons."""
    case = await service.get_case(session, principal, case_id)
    return (await service.describe(session, [case]))[0]


@router.get("/{case_id}/audit")
async def case_audit(case_id: uuid.UUID, principal: Staff, session: SessionDep
                     ) -> list[AuditEntryOut]:
    """Everything done to the case, by whom and when (append-only)."""
    case = await service.get_case(session, principal, case_id)
    return [AuditEntryOut.model_validate(e) for e in await audit.for_case(session, case.id)]
