"""Interviews (面试): scheduling, the panel's shared score sheet, aggregation and the pass
rule. The sheet carries one version: a save with a stale If-Match is refused (412), so
two examiners saving at once never overwrite each other."""

import uuid
from decimal import Decimal

from cse_contracts.events import EvaluationInterviewScored
from kit import clock
from kit.auth import Principal, Role
from kit.versioning import check_version, stale_write
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from evaluation.audit import service as audit
from evaluation.cases import repository as case_repository
from evaluation.cases import service as cases
from evaluation.cases.errors import ScoreAboveMaximum
from evaluation.events import outbox
from evaluation.examiners import service as examiners
from evaluation.interviews import repository
from evaluation.interviews.errors import (
    InterviewClosed,
    InterviewNotFound,
    InterviewNotHeldYet,
    InterviewNotRequired,
    ScoresLocked,
)
from evaluation.interviews.rules import (
    COMPETENCIES,
    Aggregation,
    aggregate,
    judge,
    scores_above_maximum,
)
from evaluation.interviews.schemas import InterviewIn, InterviewOut, ScoreLineOut, ScoresIn
from evaluation.models import Case, Interview, InterviewScore
from evaluation.panels import repository as panels
from evaluation.policies.service import policy_for, rubric_for
from evaluation.problems import items


async def schedule(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                   body: InterviewIn) -> InterviewOut:
    """Schedule (or reschedule, before anyone has scored) the case's interview."""
    case = await cases.get_case(session, principal, case_id, for_update=True)
    cases.require_status(case, "assessment", action=("安排面试", "schedule an interview"))
    if case.interview_outcome == "not_required":
        raise InterviewNotRequired("本案件无需面试 / This case needs no interview.")
    interview = await repository.for_case(session, case.id, for_update=True)
    if interview is None:
        interview = Interview(id=uuid.uuid4(), case_id=case.id, status="scheduled",
                              scheduled_at=body.scheduled_at, mode=body.mode,
                              location=body.location, scheduled_by=principal.subject)
        session.add(interview)
    else:
        if await repository.lines(session, interview.id):
            raise InterviewClosed("已有考官评分，不能改期 / Scores are recorded; the interview "
                                  "can no longer be rescheduled.")
        interview.scheduled_at = body.scheduled_at
        interview.mode = body.mode
        interview.location = body.location
        interview.scheduled_by = principal.subject
    interview.updated_by = principal.subject
    interview.updated_at = clock.now()
    await audit.record(session, "interview.scheduled", principal=principal, case_id=case.id,
                       society_code=case.society_code, schedule=body.model_dump())
    await session.flush()
    return await describe(session, principal, case, interview)


async def sheet(session: AsyncSession, principal: Principal, case_id: uuid.UUID
                ) -> InterviewOut:
    case = await cases.get_case(session, principal, case_id)
    interview = await repository.for_case(session, case.id)
    if interview is None:
        raise InterviewNotFound("面试尚未安排 / No interview is scheduled for this case.")
    return await describe(session, principal, case, interview)


async def describe(session: AsyncSession, principal: Principal, case: Case,
                   interview: Interview) -> InterviewOut:
    """The sheet; until it is scored an examiner sees only their own line (independent
    scoring), society staff see every line."""
    policy = await policy_for(session, case.society_code)
    rubric = await rubric_for(session, case.society_code, case.level)
    rows = await repository.lines(session, interview.id)
    if principal.role is Role.EXAMINER and interview.status != "scored":
        rows = [(s, e) for s, e in rows if e.subject == principal.subject]
    return InterviewOut(
        id=interview.id, case_id=case.id, scheduled_at=interview.scheduled_at,
        mode=interview.mode, location=interview.location, status=interview.status,
        maxima=dict(rubric.maxima), minima=dict(rubric.minima), pass_total=rubric.pass_total,
        aggregation=policy.aggregation,
        lines=[
            ScoreLineOut(examiner_id=e.id, examiner_name=e.name,
                         scores={k: Decimal(v) for k, v in s.scores.items()},
                         comment=s.comment, submitted_at=s.submitted_at)
            for s, e in rows
        ],
        aggregated=(None if interview.aggregated is None
                    else {k: Decimal(v) for k, v in interview.aggregated.items()}),
        total=interview.total, passed=interview.passed, shortfalls=interview.shortfalls,
        version=interview.version,
    )


async def save_scores(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                      expected: int, body: ScoresIn) -> InterviewOut:
    """Save the examiner's line; If-Match must carry the sheet version they read."""
    case = await cases.get_case(session, principal, case_id)
    examiner = await examiners.me(session, principal)
    interview = await repository.for_case(session, case.id)
    if interview is None:
        raise InterviewNotFound("面试尚未安排 / No interview is scheduled for this case.")
    if interview.status != "scheduled":
        raise InterviewClosed("面试评分已汇总，不能再修改 / The sheet is already aggregated.")
    if clock.now() < interview.scheduled_at:
        # Scores record what the panel saw and heard (003 Q16): none before the interview.
        at = interview.scheduled_at.astimezone(clock.CHINA)
        raise InterviewNotHeldYet(
            f"面试定于北京时间 {at:%Y年%m月%d日 %H:%M} 开始，请在面试开始后评分 / The interview "
            f"is scheduled for {at:%Y-%m-%d %H:%M} Beijing time; score it once it has begun.",
            scheduled_at=interview.scheduled_at.isoformat(),
        )
    check_version(interview.version, expected)
    rubric = await rubric_for(session, case.society_code, case.level)
    scores = body.scores.model_dump()
    too_high = scores_above_maximum(scores, rubric)
    if too_high:
        raise ScoreAboveMaximum(
            "分数超过该项满分：" + "；".join(m.split(" / ")[0] for m in too_high)
            + " / A score is above the competency's maximum: "
            + " ".join(m.split(" / ")[-1] for m in too_high),
            maxima=dict(rubric.maxima),
            errors=[item for name, message in zip(
                (n for n in COMPETENCIES if scores[n] > rubric.maxima[n]), too_high, strict=True)
                    for item in items("score_above_maximum", [message],
                                      location=["body", "scores", name])],
        )
    line = await repository.line_of(session, interview.id, examiner.id)
    if line is not None and line.submitted_at is not None:
        raise ScoresLocked("您的评分已提交，不能修改 / Your scores are submitted and locked.")
    now = clock.now()
    if line is None:
        line = InterviewScore(id=uuid.uuid4(), interview_id=interview.id,
                              examiner_id=examiner.id, scores={}, comment="", updated_at=now)
        session.add(line)
    line.scores = {name: str(scores[name]) for name in COMPETENCIES}
    line.comment = body.comment
    line.updated_at = now
    if body.submit:
        line.submitted_at = now
    # Touching the sheet bumps its version, checked in the UPDATE: of two saves made from
    # the same version only the first is written.
    interview.updated_by = principal.subject
    interview.updated_at = now
    flag_modified(interview, "updated_at")
    try:
        await session.flush()
    except StaleDataError as exc:
        raise stale_write() from exc
    await audit.record(session, "interview.scores_submitted" if body.submit
                       else "interview.scores_saved", principal=principal, case_id=case.id,
                       society_code=case.society_code, examiner_id=examiner.id,
                       scores=line.scores, comment=body.comment, version=interview.version)
    if body.submit:
        # For the supervision committee's calibration of examiners (oversight).
        await outbox.emit(
            session,
            EvaluationInterviewScored(
                case_id=case.id, society_code=case.society_code,
                level=case.level,
                examiner_id=examiner.subject,
                scores={name: float(scores[name]) for name in COMPETENCIES},
                total=float(sum(scores[name] for name in COMPETENCIES)), submitted_at=now,
            ),
            subject=f"cases/{case.id}",
        )
        await _aggregate_if_complete(session, case, interview)
    return await describe(session, principal, case, interview)


async def _aggregate_if_complete(session: AsyncSession, case: Case, interview: Interview
                                 ) -> None:
    cleared = {seat.examiner_id for seat, _ in await panels.seats(session, case.id)
               if seat.status == "cleared"}
    policy = await policy_for(session, case.society_code)
    rows = await repository.lines(session, interview.id)
    sheets = {s.examiner_id: s for s, _ in rows if s.submitted_at is not None}
    if len(cleared) < policy.panel_min_size or not cleared <= sheets.keys():
        return
    method: Aggregation = "median" if policy.aggregation == "median" else "mean"
    panel_scores = aggregate(
        [{k: Decimal(v) for k, v in sheets[e].scores.items()} for e in sorted(cleared)], method
    )
    rubric = await rubric_for(session, case.society_code, case.level)
    result = judge(panel_scores, rubric, case.level)
    interview.status = "scored"
    interview.aggregated = {k: str(v) for k, v in panel_scores.items()}
    interview.total = result.total.quantize(Decimal("0.01"))
    interview.passed = result.passed
    interview.shortfalls = result.shortfalls
    case = await case_repository.get(session, case.id, for_update=True) or case
    case.interview_outcome = "passed" if result.passed else "failed"
    await audit.record(session, "interview.aggregated", case_id=case.id,
                       society_code=case.society_code, method=method,
                       aggregated=interview.aggregated, total=str(result.total),
                       passed=result.passed, shortfalls=result.shortfalls)
    await cases.assessment_progressed(session, case)
    await session.flush()
