"""Evaluation cases: opened from accepted applications, moved through their stages.

Stages (`Case.status`): materials_review ⇄ supplement_requested → assessment (written test
and / or interview) → deliberation → notice → approved; `failed` from any stage before the
notice ends. Decisions and approval live in `evaluation.decisions`.
"""

import uuid
from decimal import Decimal

from cse_contracts.events import (
    ApplicationAccepted,
    EvaluationCaseOpened,
    EvaluationWithdrawn,
    MemberBarred,
)
from kit import clock
from kit.auth import Principal, Role
from kit.pagination import Page, PageParams
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.audit import service as audit
from evaluation.batches.service import current_batch
from evaluation.cases import repository
from evaluation.cases.errors import (
    CaseNotFound,
    CaseNotOpen,
    DeclarationRequired,
    NotFastTrack,
    ScoreAboveMaximum,
    WrittenTestNotUsed,
)
from evaluation.cases.rules import cycle_deadline, deadline_state
from evaluation.cases.schemas import CaseOut, WrittenTestIn
from evaluation.events import outbox
from evaluation.models import Case, ReviewRound
from evaluation.notices import repository as notices
from evaluation.paging import newest_first
from evaluation.panels import repository as panels
from evaluation.policies import repository as policies
from evaluation.policies.rules import MAX_CYCLE_MONTHS
from evaluation.policies.service import policy_for

STATUS_NAMES = {
    "materials_review": "材料审查 / materials review",
    "supplement_requested": "待补充材料 / awaiting supplementary material",
    "assessment": "笔试或面试 / written test or interview",
    "deliberation": "综合审议 / deliberation",
    "notice": "公示 / public notice",
    "approved": "已批准注册 / approved",
    "failed": "未通过 / failed",
    "withdrawn": "已终止（申请人被终身禁入） / withdrawn (the applicant is barred for life)",
}


async def open_case(session: AsyncSession, accepted: ApplicationAccepted) -> Case:
    """A case per accepted application, in the society's open batch, due within the
    society's cycle (6 months by default) from submission; review round 1 opens."""
    await repository.lock_applicant(session, accepted.applicant_id)
    existing = await repository.get_by_application(session, accepted.application_id)
    if existing is not None:
        return existing
    policy = await policy_for(session, accepted.society_code)
    batch = await current_batch(session, accepted.society_code)
    case = Case(
        id=uuid.uuid4(), application_id=accepted.application_id,
        applicant_id=accepted.applicant_id, applicant_name=accepted.applicant_name,
        society_code=accepted.society_code, batch_id=batch.id, level=accepted.level,
        field_code=accepted.field_code, specialty_code=accepted.specialty_code,
        recommending_enterprise=accepted.recommending_enterprise,
        employers=list(accepted.employers), international_titles=list(
            accepted.international_titles),
        fast_track=accepted.fast_track, status="materials_review",
        deadline=cycle_deadline(clock.china_date(accepted.submitted_at),
                                min(policy.cycle_months, MAX_CYCLE_MONTHS)),
        submitted_at=accepted.submitted_at,
    )
    session.add(case)
    await session.flush()
    session.add(ReviewRound(id=uuid.uuid4(), case_id=case.id, number=1, status="open",
                            opened_at=clock.now()))
    await audit.record(session, "case.opened", actor=accepted.applicant_id, role="applicant",
                       case_id=case.id, society_code=case.society_code,
                       batch=batch.name, deadline=case.deadline, fast_track=case.fast_track)
    await outbox.emit(
        session,
        EvaluationCaseOpened(
            case_id=case.id, application_id=case.application_id, applicant_id=case.applicant_id,
            society_code=case.society_code, deadline=case.deadline,
        ),
        subject=f"cases/{case.id}",
    )
    await session.flush()
    bar = await repository.barred(session, case.applicant_id)
    if bar is not None:
        # Accepted before the ban but delivered after it: the case never starts.
        await _withdraw(session, case, bar.reason)
    return case


async def _withdraw(session: AsyncSession, case: Case, reason: str) -> None:
    """Close an open case without a decision; a running notice is taken down."""
    now = clock.now()
    previous = case.status
    case.status = "withdrawn"
    case.outcome = "withdrawn"
    case.reasons = reason
    case.closed_at = now
    notice = await notices.running_for_case(session, case.id, for_update=True)
    if notice is not None:
        notice.status = "withdrawn"
    await audit.record(session, "case.withdrawn", case_id=case.id,
                       society_code=case.society_code, reason=reason,
                       previous_status=previous, cause="member.barred")
    await outbox.emit(
        session,
        EvaluationWithdrawn(case_id=case.id, application_id=case.application_id,
                            applicant_id=case.applicant_id, society_code=case.society_code,
                            reason=reason, withdrawn_at=now),
        subject=f"cases/{case.id}",
    )
    await session.flush()


async def applicant_barred(session: AsyncSession, event: MemberBarred) -> int:
    """A lifetime bar stops every open case of the person [003 Q14]: each is withdrawn with
    the ban's reason (audited, evaluation.withdrawn) and can never be approved."""
    await repository.lock_applicant(session, event.applicant_id)
    await repository.record_bar(session, event.applicant_id, event.reason, event.barred_at,
                                clock.now())
    open_cases = await repository.open_cases_of_applicant(session, event.applicant_id)
    for case in open_cases:
        await _withdraw(session, case, event.reason)
    return len(open_cases)


def not_found(case_id: uuid.UUID) -> CaseNotFound:
    return CaseNotFound(f"评价案件 {case_id} 不存在 / No such case.")


async def get_case(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                   *, for_update: bool = False) -> Case:
    """The case if the caller may see it: the secretariat any, society staff their
    society's, the applicant their own, an examiner only once cleared on its panel."""
    case = await repository.get(session, case_id, for_update=for_update)
    if case is None:
        raise not_found(case_id)
    role = principal.role
    if role is Role.SECRETARIAT:
        return case
    if role is Role.SOCIETY_ADMIN and case.society_code == principal.society:
        return case
    if role is Role.APPLICANT and case.applicant_id == principal.subject:
        return case
    if role is Role.EXAMINER and case.society_code == principal.society:
        seat = await panels.live_seat_of_subject(session, case.id, principal.subject)
        if seat is not None and seat[0].status == "cleared":
            return case
        if seat is not None:
            raise DeclarationRequired(
                "您被分配到该案件，查看材料前须先声明无利益冲突：POST /v1/cases/{id}/declaration / "
                "You are assigned to this case; declare you have no conflict of interest "
                "(POST /v1/cases/{id}/declaration) before seeing the file.".replace(
                    "{id}", str(case_id))
            )
    raise not_found(case_id)


def require_status(case: Case, *statuses: str, action: tuple[str, str]) -> None:
    """`action` names what the caller tried, in Chinese and in English."""
    if case.status not in statuses:
        zh, en = STATUS_NAMES.get(case.status, f"{case.status} / {case.status}").split(" / ")
        raise CaseNotOpen(
            f"案件处于「{zh}」阶段，不能{action[0]} / The case is at the {en} stage; you "
            f"cannot {action[1]} now.",
            case_status=case.status,
        )


async def describe(session: AsyncSession, cases: list[Case]) -> list[CaseOut]:
    """Cases with their deadline state (overdue / at risk / on track / closed) for today."""
    codes = sorted({c.society_code for c in cases})
    at_risk = {p.society_code: p.at_risk_days for p in await policies.policies(session, codes)}
    today = clock.today()
    return [
        CaseOut.model_validate(case).model_copy(update={"deadline_state": deadline_state(
            case.deadline, today, at_risk_days=at_risk.get(case.society_code, 30),
            closed=case.status in repository.CLOSED_STATUSES,
        )})
        for case in cases
    ]


async def list_cases(
    session: AsyncSession, principal: Principal, *, application_id: uuid.UUID | None,
    status: str | None, batch_id: uuid.UUID | None, overdue: bool, at_risk: bool,
    params: PageParams,
) -> Page[CaseOut]:
    today = clock.today()
    role = principal.role
    rows = await repository.list_cases(
        session,
        society_code=principal.society if role in (Role.SOCIETY_ADMIN, Role.EXAMINER) else None,
        applicant_id=principal.subject if role is Role.APPLICANT else None,
        cleared_examiner=principal.subject if role is Role.EXAMINER else None,
        application_id=application_id, status=status, batch_id=batch_id,
        overdue_on=today if overdue else None, at_risk_on=today if at_risk else None,
        params=params,
    )
    page, cursor = newest_first(rows, params, lambda c: (c.created_at, c.id))
    return Page(items=await describe(session, page), next_cursor=cursor)


async def confirm_fast_track(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID
) -> Case:
    """The CSE secretariat confirms the simplified path of an international title holder."""
    case = await get_case(session, principal, case_id, for_update=True)
    if not case.fast_track:
        raise NotFastTrack(
            "该案件不是国际工程师称号简化评价案件 / This case is not on the fast track."
        )
    if case.fast_track_confirmed_at is None:
        require_status(case, "materials_review", "supplement_requested", "assessment",
                       "deliberation", action=("确认简化评价", "confirm the fast track"))
        case.fast_track_confirmed_by = principal.subject
        case.fast_track_confirmed_at = clock.now()
        await audit.record(session, "fast_track.confirmed", principal=principal,
                           case_id=case.id, society_code=case.society_code,
                           international_titles=case.international_titles)
        await session.flush()
    return case


async def materials_concluded(
    session: AsyncSession, case: Case, *, passed: bool, follow_up_needed: bool
) -> None:
    """After a round of materials review passes or fails: on to the next stage."""
    policy = await policy_for(session, case.society_code)
    case.materials_outcome = "passed" if passed else "failed"
    if not passed:
        case.status = "deliberation"
    elif case.fast_track and policy.fast_track_materials_only:
        case.interview_outcome = "not_required"
        case.status = "deliberation"
    else:
        interview = policy.interview_required or follow_up_needed
        case.interview_outcome = None if interview else "not_required"
        case.written_test_passed = None
        case.status = "assessment" if interview or policy.uses_written_test else "deliberation"
    await audit.record(session, "case.stage_changed", case_id=case.id,
                       society_code=case.society_code, status=case.status,
                       materials_outcome=case.materials_outcome)


async def assessment_progressed(session: AsyncSession, case: Case) -> None:
    """To deliberation once every required assessment has a result, or one failed."""
    if case.status != "assessment":
        return
    policy = await policy_for(session, case.society_code)
    written_done = not policy.uses_written_test or case.written_test_passed is not None
    any_failed = case.written_test_passed is False or case.interview_outcome == "failed"
    if any_failed or (written_done and case.interview_outcome is not None):
        case.status = "deliberation"
        await audit.record(session, "case.stage_changed", case_id=case.id,
                           society_code=case.society_code, status=case.status)


async def record_written_test(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, body: WrittenTestIn
) -> Case:
    """The society records the written-test score; the pass mark is the society's."""
    case = await get_case(session, principal, case_id, for_update=True)
    policy = await policy_for(session, case.society_code)
    if not policy.uses_written_test:
        raise WrittenTestNotUsed(
            "本学会未设置笔试；如需笔试，请先在 /v1/cases/policy 中开启 / Your society does "
            "not use a written test; enable uses_written_test in /v1/cases/policy first."
        )
    require_status(case, "assessment", action=("录入笔试成绩", "record a written test"))
    if body.score > policy.written_test_maximum:
        raise ScoreAboveMaximum(
            f"笔试成绩 {body.score} 高于满分 {policy.written_test_maximum} / The score is above "
            f"the maximum of {policy.written_test_maximum}."
        )
    case.written_test_score = body.score
    case.written_test_passed = body.score >= Decimal(policy.written_test_pass_mark)
    await audit.record(session, "written_test.recorded", principal=principal, case_id=case.id,
                       society_code=case.society_code, score=body.score,
                       pass_mark=policy.written_test_pass_mark, passed=case.written_test_passed)
    await assessment_progressed(session, case)
    await session.flush()
    return case
