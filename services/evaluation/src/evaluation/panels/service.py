"""Panels: assignment with conflict-of-interest and qualification checks, declarations."""

import uuid

from cse_contracts.events import EvaluationPanelAssigned
from kit import clock
from kit.auth import Principal
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.audit import service as audit
from evaluation.cases import repository as case_repository
from evaluation.cases import service as cases
from evaluation.events import outbox
from evaluation.examiners import repository as examiners
from evaluation.examiners.errors import ExaminerNotFound
from evaluation.examiners.rules import conflict_reasons, qualification_problems
from evaluation.examiners.service import employments_of, qualification_of
from evaluation.models import (
    Case,
    Examiner,
    ExaminerEmployment,
    ExaminerTraining,
    PanelSeat,
    SocietyPolicy,
)
from evaluation.panels import repository
from evaluation.panels.errors import (
    AlreadyDeclared,
    AlreadyOnPanel,
    ExaminerConflicted,
    ExaminerNotQualified,
    PanelTooSmall,
    SeatNotFound,
)
from evaluation.panels.rules import Candidate, panel_to_announce, propose_panel
from evaluation.panels.schemas import (
    DeclarationIn,
    ExcludedExaminer,
    PanelIn,
    PanelOut,
    PanelProposal,
    ProposedExaminer,
    SeatOut,
)
from evaluation.policies.service import policy_for
from evaluation.problems import items
from evaluation.reviews import repository as reviews

# Stages in which the panel may still change.
PANEL_STAGES = ("materials_review", "supplement_requested", "assessment")


def _conflicts(case: Case, examiner: Examiner, history: list[ExaminerEmployment],
               policy: SocietyPolicy) -> list[str]:
    return conflict_reasons(
        examiner_subject=examiner.subject,
        examiner_employments=employments_of(examiner, history),
        applicant_id=case.applicant_id, applicant_employers=case.employers,
        recommending_enterprise=case.recommending_enterprise,
        today=clock.today(), cooling_off_years=policy.conflict_cooling_off_years,
    )


def _unqualified(case: Case, examiner: Examiner, trainings: list[ExaminerTraining]) -> list[str]:
    return qualification_problems(
        qualification_of(examiner, trainings), field_code=case.field_code,
        specialty_code=case.specialty_code, level=case.level,
    )


async def panel(session: AsyncSession, principal: Principal, case_id: uuid.UUID) -> PanelOut:
    case = await cases.get_case(session, principal, case_id)
    return await describe(session, case)


async def describe(session: AsyncSession, case: Case) -> PanelOut:
    policy = await policy_for(session, case.society_code)
    rows = await repository.seats(session, case.id)
    cleared = sum(1 for seat, _ in rows if seat.status == "cleared")
    pending = any(seat.status == "pending" for seat, _ in rows)
    if case.announced_panel is None:
        access = (
            f"所有被指派的考官声明无利益冲突、且至少 {policy.panel_min_size} 名考官确认后，申请材料"
            f"才向考官组开放 / The application's files open to the panel once every seated "
            f"examiner has declared and at least {policy.panel_min_size} are cleared."
        )
    else:
        access = (
            "申请材料已向确认的考官开放；刚确认时通常需要几秒钟生效，请稍后重试 / The files are "
            "open to the cleared examiners; right after a change this takes a few seconds, "
            "so retry shortly if they are not there yet."
        )
    return PanelOut(
        case_id=case.id, min_size=policy.panel_min_size, cleared=cleared,
        complete=cleared >= policy.panel_min_size and not pending,
        files_opened_to=case.announced_panel, files_access=access,
        seats=[
            SeatOut(
                id=seat.id, examiner_id=examiner.id, examiner_subject=examiner.subject,
                examiner_name=examiner.name, status=seat.status, assigned_by=seat.assigned_by,
                assigned_at=seat.assigned_at, declared_at=seat.declared_at,
                declaration=seat.declaration, removed_by=seat.removed_by,
                removed_at=seat.removed_at,
            )
            for seat, examiner in rows
        ],
    )


async def propose(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                  size: int | None) -> PanelProposal:
    """A balanced panel: every eligible examiner ranked by open workload."""
    case = await cases.get_case(session, principal, case_id)
    policy = await policy_for(session, case.society_code)
    seated = {seat.examiner_id for seat, _ in await repository.seats(session, case.id)}
    pool = [e for e in await examiners.list_examiners(session, society_code=case.society_code)
            if e.id not in seated]
    workloads = await repository.open_workloads(session, case.society_code)
    # Two queries for the whole pool, not two per examiner.
    histories = await examiners.employments(session, [e.id for e in pool])
    trainings = await examiners.trainings(session, [e.id for e in pool])
    candidates, excluded = [], []
    for examiner in pool:
        problems = [*_conflicts(case, examiner, histories[examiner.id], policy),
                    *_unqualified(case, examiner, trainings[examiner.id])]
        if problems:
            excluded.append(ExcludedExaminer(examiner_id=examiner.id, name=examiner.name,
                                             reasons=problems))
        else:
            candidates.append(Candidate(examiner.id, examiner.name, workloads.get(examiner.id, 0)))
    wanted = size or policy.panel_min_size
    by_id = {e.id: e for e in pool}
    return PanelProposal(
        case_id=case.id, size=wanted,
        proposed=[
            ProposedExaminer(examiner_id=c.examiner_id, name=c.name,
                             employer=by_id[c.examiner_id].employer,
                             open_workload=c.open_workload)
            for c in propose_panel(candidates, wanted)
        ],
        excluded=excluded,
    )


async def assign(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                 body: PanelIn) -> PanelOut:
    """Seat examiners; each must then declare no conflict before seeing the file."""
    case = await cases.get_case(session, principal, case_id, for_update=True)
    cases.require_status(case, *PANEL_STAGES, action=("调整考官组", "change the panel"))
    policy = await policy_for(session, case.society_code)
    rows = await repository.seats(session, case.id)
    live = {seat.examiner_id for seat, _ in rows if seat.status in repository.LIVE_SEATS}
    wanted = list(dict.fromkeys(body.examiner_ids))
    histories = await examiners.employments(session, wanted)
    trainings = await examiners.trainings(session, wanted)
    for examiner_id in wanted:
        examiner = await examiners.get(session, examiner_id)
        if examiner is None or examiner.society_code != case.society_code:
            raise ExaminerNotFound(f"考官 {examiner_id} 不在本学会考官库中 / No such examiner "
                                   "in your society's pool.")
        if examiner_id in live:
            raise AlreadyOnPanel(f"{examiner.name} 已在考官组中 / {examiner.name} is already "
                                 "on the panel.")
        conflicts = _conflicts(case, examiner, histories[examiner_id], policy)
        if conflicts:
            raise ExaminerConflicted(
                f"不能指派 {examiner.name}：{'；'.join(c.split(' / ')[0] for c in conflicts)} / "
                f"{examiner.name} cannot be assigned: "
                f"{' '.join(c.split(' / ')[-1] for c in conflicts)}",
                examiner_id=str(examiner.id), errors=items("examiner_conflicted", conflicts),
            )
        problems = _unqualified(case, examiner, trainings[examiner_id])
        if problems:
            raise ExaminerNotQualified(
                f"不能指派 {examiner.name}：{'；'.join(p.split(' / ')[0] for p in problems)} / "
                f"{examiner.name} cannot be assigned: "
                f"{' '.join(p.split(' / ')[-1] for p in problems)}",
                examiner_id=str(examiner.id),
                errors=items("examiner_not_qualified", problems),
            )
    if len(live) + len(wanted) < policy.panel_min_size:
        raise PanelTooSmall(
            f"考官组至少需要 {policy.panel_min_size} 名考官，当前将只有 "
            f"{len(live) + len(wanted)} 名 / The panel needs at least {policy.panel_min_size} "
            f"examiners; this would seat {len(live) + len(wanted)}. "
            "GET …/panel/proposal suggests eligible examiners.",
            min_size=policy.panel_min_size,
        )
    now = clock.now()
    for examiner_id in wanted:
        session.add(PanelSeat(id=uuid.uuid4(), case_id=case.id, examiner_id=examiner_id,
                              status="pending", assigned_by=principal.subject, assigned_at=now))
    await audit.record(session, "panel.assigned", principal=principal, case_id=case.id,
                       society_code=case.society_code, examiner_ids=wanted)
    await session.flush()
    return await describe(session, case)


async def remove(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                 examiner_id: uuid.UUID, reason: str) -> PanelOut:
    """Take an examiner off the panel (reassignment); their locked records stay."""
    case = await cases.get_case(session, principal, case_id, for_update=True)
    cases.require_status(case, *PANEL_STAGES, action=("调整考官组", "change the panel"))
    seat = next((s for s, _ in await repository.seats(session, case.id)
                 if s.examiner_id == examiner_id and s.status in repository.LIVE_SEATS), None)
    if seat is None:
        raise SeatNotFound("该考官不在考官组中 / The examiner has no seat on this panel.")
    seat.status = "removed"
    seat.removed_by = principal.subject
    seat.removed_at = clock.now()
    await audit.record(session, "panel.examiner_removed", principal=principal, case_id=case.id,
                       society_code=case.society_code, examiner_id=examiner_id, reason=reason)
    await session.flush()
    await announce_if_changed(session, case)
    return await describe(session, case)


async def declare(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                  body: DeclarationIn) -> PanelOut:
    """The examiner declares: no conflict → cleared to see the file; conflict → seat freed."""
    case = await case_repository.get(session, case_id, for_update=True)
    found = None
    if case is not None and case.society_code == principal.society:
        found = await repository.live_seat_of_subject(session, case.id, principal.subject)
    if case is None or found is None:
        raise SeatNotFound("您未被分配到该案件 / You are not assigned to this case.")
    seat, examiner = found
    if seat.status != "pending":
        raise AlreadyDeclared("您已声明无利益冲突 / You already declared no conflict.")
    seat.declared_at = clock.now()
    seat.declaration = body.statement
    seat.status = "conflicted" if body.conflict else "cleared"
    await audit.record(
        session, "panel.conflict_declared" if body.conflict else "panel.no_conflict_declared",
        principal=principal, case_id=case.id, society_code=case.society_code,
        examiner_id=examiner.id, statement=body.statement,
    )
    if not body.conflict:
        latest = await reviews.latest_round(session, case.id)
        if latest is not None and latest.status == "open":
            await reviews.ensure_draft(session, latest, examiner.id)
    await session.flush()
    await announce_if_changed(session, case)
    return await describe(session, case)


async def announce_if_changed(session: AsyncSession, case: Case) -> None:
    """evaluation.panel_assigned once the panel is complete, and whenever its cleared set
    changes afterwards; applications lets exactly these examiners download evidence."""
    policy = await policy_for(session, case.society_code)
    rows = await repository.seats(session, case.id)
    subjects = panel_to_announce(
        [(examiner.subject, seat.status) for seat, examiner in rows],
        min_size=policy.panel_min_size, announced=case.announced_panel,
    )
    if subjects is None:
        return
    case.announced_panel = subjects
    await outbox.emit(
        session,
        EvaluationPanelAssigned(case_id=case.id, application_id=case.application_id,
                                society_code=case.society_code, examiner_ids=subjects),
        subject=f"cases/{case.id}",
    )
    await audit.record(session, "panel.announced", case_id=case.id,
                       society_code=case.society_code, examiner_subjects=subjects)
    await session.flush()
