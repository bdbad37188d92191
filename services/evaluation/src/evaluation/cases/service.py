"""Evaluation cases: opened from accepted applications, decided, approved for registration."""

import uuid
from datetime import UTC, datetime

from cse_contracts.events import (
    ApplicationAccepted,
    EvaluationApproved,
    EvaluationCaseOpened,
    EvaluationDecided,
)
from kit.auth import Principal, Role
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.cases import repository
from evaluation.cases.errors import CaseNotFound, CaseNotOpen, DecisionNeedsReasons
from evaluation.cases.rules import cycle_deadline
from evaluation.cases.schemas import DecisionIn
from evaluation.events import outbox
from evaluation.models import Case


async def open_case(session: AsyncSession, accepted: ApplicationAccepted) -> Case:
    """A case per accepted application, due within the 6-month cycle from submission."""
    existing = await repository.get_by_application(session, accepted.application_id)
    if existing is not None:
        return existing
    case = Case(
        id=uuid.uuid4(), application_id=accepted.application_id,
        applicant_id=accepted.applicant_id, applicant_name=accepted.applicant_name,
        society_code=accepted.society_code, level=accepted.level,
        field_code=accepted.field_code, recommending_enterprise=accepted.recommending_enterprise,
        status="open", deadline=cycle_deadline(accepted.submitted_at.date()),
        submitted_at=accepted.submitted_at,
    )
    session.add(case)
    await outbox.emit(
        session,
        EvaluationCaseOpened(
            case_id=case.id, application_id=case.application_id, applicant_id=case.applicant_id,
            society_code=case.society_code, deadline=case.deadline,
        ),
        subject=f"cases/{case.id}",
    )
    await session.flush()
    return case


async def get_case(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                   *, for_update: bool = False) -> Case:
    case = await repository.get(session, case_id, for_update=for_update)
    if case is None or (principal.role is Role.SOCIETY_ADMIN
                        and case.society_code != principal.society):
        raise CaseNotFound(f"评价案件 {case_id} 不存在 / No such case.")
    return case


async def decide(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                 decision: DecisionIn) -> Case:
    """Record the society's pass / fail; a fail must tell the applicant why."""
    case = await get_case(session, principal, case_id, for_update=True)
    if case.status != "open":
        raise CaseNotOpen(f"案件状态为 {case.status}，不能再次审议 / The case is {case.status}.")
    if decision.outcome == "failed" and not decision.reasons:
        raise DecisionNeedsReasons(
            "不通过时必须写明理由，以便申请人改进 / A fail needs reasons the applicant can use."
        )
    case.status = "decided"
    case.outcome = decision.outcome
    case.reasons = decision.reasons
    case.decided_by = principal.subject
    case.decided_at = datetime.now(UTC)
    await outbox.emit(
        session,
        EvaluationDecided(
            case_id=case.id, application_id=case.application_id, applicant_id=case.applicant_id,
            society_code=case.society_code, outcome=decision.outcome, reasons=decision.reasons,
        ),
        subject=f"cases/{case.id}",
    )
    await session.flush()
    return case


async def approve(session: AsyncSession, principal: Principal, case_id: uuid.UUID) -> Case:
    """Close a passed case for registration (the public notice step comes before this)."""
    case = await get_case(session, principal, case_id, for_update=True)
    if case.status != "decided" or case.outcome != "passed":
        raise CaseNotOpen(
            "只有审议通过的案件可以批准注册 / Only a case decided as passed can be approved."
        )
    case.status = "approved"
    case.approved_at = datetime.now(UTC)
    await outbox.emit(
        session,
        EvaluationApproved(
            case_id=case.id, application_id=case.application_id, applicant_id=case.applicant_id,
            applicant_name=case.applicant_name, society_code=case.society_code,
            level=case.level,
            field_code=case.field_code, approved_at=case.approved_at,
        ),
        subject=f"cases/{case.id}",
    )
    await session.flush()
    return case
