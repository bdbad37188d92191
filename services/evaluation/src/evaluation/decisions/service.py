"""Deliberation (综合审议), objection resolution and approval for registration."""

import re
import uuid
from datetime import datetime

from cse_contracts.events import (
    EvaluationApproved,
    EvaluationDecided,
    EvaluationObjectionResolved,
)
from kit import clock
from kit.auth import Principal
from kit.pagination import PageParams
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.audit import service as audit
from evaluation.cases import repository as case_repository
from evaluation.cases import service as cases
from evaluation.cases.errors import (
    CaseNotOpen,
    DecisionNeedsReasons,
    NoticeStillRunning,
    ObjectionsOpen,
    PassNotAllowed,
)
from evaluation.cases.schemas import DecisionIn
from evaluation.decisions.rules import Results, pass_blockers
from evaluation.events import outbox
from evaluation.interviews import repository as interviews
from evaluation.interviews.rules import COMPETENCIES, COMPETENCY_NAMES
from evaluation.models import Case, Objection
from evaluation.notices import repository as notices
from evaluation.notices import service as notice_service
from evaluation.notices.errors import ObjectionNotFound, ObjectionResolved
from evaluation.notices.schemas import ResolutionIn
from evaluation.paging import newest_first
from evaluation.policies.service import policy_for
from evaluation.problems import items
from evaluation.reviews import repository as reviews

OPEN_STAGES = ("materials_review", "supplement_requested", "assessment", "deliberation")

# An objector reached by e-mail: the contact they left, when it is an address.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


async def suggested_reasons(session: AsyncSession, case: Case) -> str:
    """Reasons drafted from the record, for the society to edit: the competencies the
    examiners found not achieved in the last materials review, with their comments, and
    the interview's shortfalls."""
    lines: list[str] = []
    latest = await reviews.latest_round(session, case.id)
    if latest is not None:
        for review in await reviews.reviews_of_round(session, latest.id):
            if review.status != "submitted":
                continue
            for name in COMPETENCIES:
                entry = review.competencies.get(name) or {}
                if entry.get("achieved") is False:
                    zh, en = COMPETENCY_NAMES[name].split(" / ")
                    comment = str(entry.get("comment") or "").strip()
                    lines.append(f"材料审查认为「{zh}」未达成：{comment} / Materials review: "
                                 f"{en} not achieved: {comment}")
    interview = await interviews.for_case(session, case.id)
    if interview is not None:
        lines.extend(interview.shortfalls or [])
    return "\n".join(dict.fromkeys(lines))


async def decide(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                 decision: DecisionIn) -> Case:
    """Record the society's pass / fail. A fail must tell the applicant why, in words they
    can act on; a pass needs the assessments passed and publishes the notice."""
    case = await cases.get_case(session, principal, case_id, for_update=True)
    cases.require_status(case, *OPEN_STAGES, action=("审议", "decide it"))
    if decision.outcome == "failed":
        if not decision.reasons:
            draft = await suggested_reasons(session, case)
            raise DecisionNeedsReasons(
                "不通过时必须写明理由，以便申请人改进 / A fail needs reasons the applicant can "
                "use to improve.",
                suggested_reasons=draft,
            )
        await _fail(session, case, decision.reasons, principal=principal)
        return case
    policy = await policy_for(session, case.society_code)
    blockers = pass_blockers(Results(
        status=case.status, materials_outcome=case.materials_outcome,
        uses_written_test=policy.uses_written_test,
        written_test_passed=case.written_test_passed,
        interview_outcome=case.interview_outcome, fast_track=case.fast_track,
        fast_track_materials_only=policy.fast_track_materials_only,
        fast_track_confirmed=case.fast_track_confirmed_at is not None,
    ))
    if blockers:
        raise PassNotAllowed(
            "不能审议通过：" + "；".join(b.split(" / ")[0] for b in blockers)
            + " / A pass cannot be recorded: " + " ".join(b.split(" / ")[-1] for b in blockers),
            errors=items("pass_blocked", blockers),
        )
    now = clock.now()
    case.status = "notice"
    case.outcome = "passed"
    case.reasons = decision.reasons
    case.decided_by = principal.subject
    case.decided_at = now
    await audit.record(session, "decision.recorded", principal=principal, case_id=case.id,
                       society_code=case.society_code, outcome="passed",
                       reasons=decision.reasons)
    await _emit_decided(session, case)
    await notice_service.publish(session, case)
    return case


async def _fail(session: AsyncSession, case: Case, reasons: str, *,
                principal: Principal, objection_id: uuid.UUID | None = None) -> None:
    now = clock.now()
    case.status = "failed"
    case.outcome = "failed"
    case.reasons = reasons
    case.decided_by = principal.subject
    case.decided_at = now
    case.closed_at = now
    await audit.record(session, "decision.reversed" if objection_id else "decision.recorded",
                       principal=principal, case_id=case.id, society_code=case.society_code,
                       outcome="failed", reasons=reasons, objection_id=objection_id)
    await _emit_decided(session, case)


async def _emit_decided(session: AsyncSession, case: Case) -> None:
    await outbox.emit(
        session,
        EvaluationDecided(
            case_id=case.id, application_id=case.application_id, applicant_id=case.applicant_id,
            society_code=case.society_code, outcome="passed" if case.outcome == "passed"
            else "failed", reasons=case.reasons or "",
        ),
        subject=f"cases/{case.id}",
    )
    await session.flush()


async def list_objections(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                          params: PageParams) -> tuple[list[Objection], str | None]:
    """A page of the case's objections, newest first, and the next page's cursor."""
    case = await cases.get_case(session, principal, case_id)
    return newest_first(await notices.objections_of_case(session, case.id, params), params,
                        lambda o: (o.created_at, o.id))


async def resolve_objection(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                            objection_id: uuid.UUID, body: ResolutionIn) -> Objection:
    """Upheld: the pass is reversed to a fail with the reasons (evaluation.decided again).
    Dismissed: noted; the case is approved once the notice ends with nothing open."""
    case = await cases.get_case(session, principal, case_id, for_update=True)
    objection = await notices.get_objection(session, objection_id)
    if objection is None or objection.case_id != case.id:
        raise ObjectionNotFound("该案件没有此异议 / No such objection on this case.")
    if objection.status != "open":
        raise ObjectionResolved("该异议已处理 / The objection is already resolved.")
    objection.status = body.outcome
    objection.resolution = body.reasons
    objection.resolved_by = principal.subject
    objection.resolved_at = clock.now()
    await audit.record(session, f"objection.{body.outcome}", principal=principal,
                       case_id=case.id, society_code=case.society_code,
                       objection_id=objection.id, reasons=body.reasons)
    contact = objection.contact.strip()
    await outbox.emit(session, EvaluationObjectionResolved(
        case_id=case.id, objection_id=objection.id, society_code=case.society_code,
        outcome=body.outcome, reasons=body.reasons,
        contact_email=contact if _EMAIL.fullmatch(contact) else None,
        resolved_at=objection.resolved_at or clock.now(),
    ), subject=str(case.id))
    if body.outcome == "upheld" and case.status == "notice":
        notice = await notices.running_for_case(session, case.id, for_update=True)
        if notice is not None:
            notice.status = "withdrawn"
        await _fail(session, case, body.reasons, principal=principal,
                    objection_id=objection.id)
    await session.flush()
    return objection


async def approve(session: AsyncSession, principal: Principal, case_id: uuid.UUID) -> Case:
    """Approve a passed case once its notice has ended with no objection open; repeating
    it returns the approved case (the scheduled job may have approved it already)."""
    case = await cases.get_case(session, principal, case_id, for_update=True)
    if case.status == "approved":
        return case
    if case.status != "notice":
        raise CaseNotOpen(
            "只有审议通过且公示期满的案件可以批准注册 / Only a passed case whose public "
            "notice has ended can be approved.",
            case_status=case.status,
        )
    notice = await notices.running_for_case(session, case.id, for_update=True)
    now = clock.now()
    if notice is not None and now < notice.ends_at:
        raise NoticeStillRunning(
            f"公示期至 {notice.notice_until} 结束，届时如无未处理的异议将自动批准 / The notice "
            f"runs until {notice.notice_until}; the case is approved automatically then if no "
            "objection is open.",
            notice_until=str(notice.notice_until),
        )
    if await notices.open_objection_count(session, case.id):
        raise ObjectionsOpen(
            "请先处理公示期间收到的异议 / Resolve the objections lodged during the notice "
            "first (GET /v1/cases/{id}/objections).".replace("{id}", str(case.id))
        )
    await _approve(session, case, now, principal=principal)
    return case


async def _approve(session: AsyncSession, case: Case, now: datetime, *,
                   principal: Principal | None) -> None:
    notice = await notices.running_for_case(session, case.id)
    if notice is not None:
        notice.status = "ended"
    case.status = "approved"
    case.approved_at = now
    case.closed_at = now
    await audit.record(session, "case.approved", principal=principal, case_id=case.id,
                       society_code=case.society_code)
    await outbox.emit(
        session,
        EvaluationApproved(
            case_id=case.id, application_id=case.application_id, applicant_id=case.applicant_id,
            applicant_name=case.applicant_name, society_code=case.society_code,
            level=case.level,
            field_code=case.field_code, approved_at=now,
        ),
        subject=f"cases/{case.id}",
    )
    await session.flush()


async def approve_ended_notices(session: AsyncSession, now: datetime) -> int:
    """Scheduled: approve every case whose notice ended with no objection open; notices
    with open objections wait for the society."""
    approved = 0
    for notice in await notices.ended(session, now):
        if await notices.open_objection_count(session, notice.case_id):
            continue
        case = await case_repository.get(session, notice.case_id, for_update=True)
        if case is None or case.status != "notice":
            continue
        await _approve(session, case, now, principal=None)
        approved += 1
    return approved
