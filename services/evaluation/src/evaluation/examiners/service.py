"""The examiner pool of each society: profiles, employment history, training records."""

import uuid
from collections.abc import Sequence
from datetime import date

from cse_contracts.events import ExaminerTrained
from kit import clock
from kit.accounts import AccountDirectory
from kit.auth import Principal, Role
from kit.pagination import Page, PageParams
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.audit import service as audit
from evaluation.events import outbox
from evaluation.examiners import repository
from evaluation.examiners.errors import (
    ExaminerExists,
    ExaminerNotFound,
    NotAnExaminer,
    UnknownExaminerAccount,
)
from evaluation.examiners.rules import Employment, Qualification
from evaluation.examiners.schemas import (
    AssignmentOut,
    EmploymentIn,
    EmploymentOut,
    ExaminerIn,
    ExaminerOut,
    ExaminerPatch,
    ExaminerReport,
    TrainedExaminers,
    TrainingIn,
    TrainingOut,
)
from evaluation.models import Examiner, ExaminerEmployment, ExaminerTraining
from evaluation.paging import newest_first
from evaluation.panels import repository as panels


def _employments(examiner_id: uuid.UUID, history: Sequence[EmploymentIn]
                 ) -> list[ExaminerEmployment]:
    return [
        ExaminerEmployment(id=uuid.uuid4(), examiner_id=examiner_id, employer=e.employer,
                           started_on=e.started_on, ended_on=e.ended_on)
        for e in history
    ]


async def check_examiner_account(accounts: AccountDirectory, principal: Principal,
                                 subject: str, authorization: str) -> None:
    """A profile must refer to an examiner account of the caller's society that exists, or it
    would never match anyone's token."""
    how = (
        "请填写考官账号的用户 id（GET /v1/auth/users?role=examiner 中的 id，而非用户名）/ Give "
        "the examiner account's user id (the `id` in GET /v1/auth/users?role=examiner), not "
        "its username."
    )
    account = await accounts.user(subject, authorization)
    if account is None:
        raise UnknownExaminerAccount(
            f"本学会没有 id 为 {subject} 的账号 / Your society has no account with the id "
            f"{subject}. {how}"
        )
    if account.get("role") != "examiner" or not account.get("active", True):
        raise UnknownExaminerAccount(
            f"账号 {subject} 不是在用的考官账号 / The account {subject} is not an active "
            "examiner account; create one with the role examiner first (POST /v1/auth/users)."
        )
    society = account.get("society_code")
    if society is not None and society != principal.society:
        raise UnknownExaminerAccount(
            f"账号 {subject} 属于其他学会 / The account {subject} belongs to another society."
        )


async def create_examiner(session: AsyncSession, principal: Principal, body: ExaminerIn
                          ) -> Examiner:
    """Society staff add an identity user with the examiner role to their pool."""
    society = str(principal.society)
    if await repository.by_subject(session, society, body.subject) is not None:
        raise ExaminerExists(
            f"用户 {body.subject} 已在本学会考官库中 / {body.subject} is already an examiner "
            "of your society."
        )
    examiner = Examiner(
        id=uuid.uuid4(), society_code=society, subject=body.subject, name=body.name,
        employer=body.employer, fields=list(dict.fromkeys(body.fields)),
        specialties=list(dict.fromkeys(body.specialties)),
        levels=list(dict.fromkeys(body.levels)), status="active",
    )
    session.add(examiner)
    await session.flush()
    session.add_all(_employments(examiner.id, body.employment_history))
    await audit.record(session, "examiner.created", principal=principal, society_code=society,
                       examiner_id=examiner.id, profile=body.model_dump())
    try:
        await session.flush()
    except IntegrityError as exc:  # a concurrent create of the same subject
        raise ExaminerExists(f"用户 {body.subject} 已是考官 / Already an examiner.") from exc
    return examiner


async def get_examiner(session: AsyncSession, principal: Principal, examiner_id: uuid.UUID
                       ) -> Examiner:
    examiner = await repository.get(session, examiner_id)
    if examiner is None or (
        principal.role is Role.SOCIETY_ADMIN and examiner.society_code != principal.society
    ):
        raise ExaminerNotFound(f"考官 {examiner_id} 不存在 / No such examiner.")
    return examiner


async def me(session: AsyncSession, principal: Principal) -> Examiner:
    examiner = await repository.by_subject(session, str(principal.society), principal.subject)
    if examiner is None:
        raise NotAnExaminer(
            "请联系学会工作人员为您建立考官档案 / Ask your society's staff to create your "
            "examiner profile."
        )
    return examiner


async def update_examiner(
    session: AsyncSession, principal: Principal, examiner_id: uuid.UUID, patch: ExaminerPatch
) -> Examiner:
    examiner = await get_examiner(session, principal, examiner_id)
    changes = patch.model_dump(exclude_unset=True, exclude_none=True)
    history = changes.pop("employment_history", None)
    for name, value in changes.items():
        setattr(examiner, name, list(dict.fromkeys(value)) if isinstance(value, list) else value)
    if history is not None:
        await repository.delete_employments(session, examiner.id)
        session.add_all(_employments(examiner.id, patch.employment_history or []))
    examiner.updated_at = clock.now()
    await audit.record(session, "examiner.updated", principal=principal,
                       society_code=examiner.society_code, examiner_id=examiner.id,
                       changes=patch.model_dump(exclude_unset=True))
    await session.flush()
    return examiner


async def add_training(
    session: AsyncSession, principal: Principal, examiner_id: uuid.UUID, body: TrainingIn
) -> ExaminerTraining:
    examiner = await get_examiner(session, principal, examiner_id)
    training = ExaminerTraining(
        id=uuid.uuid4(), examiner_id=examiner.id, course=body.course,
        completed_on=body.completed_on, certificate=body.certificate,
        recorded_by=principal.subject,
    )
    session.add(training)
    # A trained examiner counts towards the pilot's targets (oversight's reports).
    await outbox.emit(
        session,
        ExaminerTrained(examiner_id=examiner.subject, society_code=examiner.society_code,
                        course=body.course, completed_on=body.completed_on),
        subject=f"examiners/{examiner.id}",
    )
    await audit.record(session, "examiner.training_recorded", principal=principal,
                       society_code=examiner.society_code, examiner_id=examiner.id,
                       training=body.model_dump())
    await session.flush()
    return training


async def describe(session: AsyncSession, examiners: Sequence[Examiner]) -> list[ExaminerOut]:
    ids = [e.id for e in examiners]
    history = await repository.employments(session, ids)
    trainings = await repository.trainings(session, ids)
    workloads: dict[uuid.UUID, int] = {}
    for society in {e.society_code for e in examiners}:
        workloads.update(await panels.open_workloads(session, society))
    return [
        ExaminerOut.model_validate(e).model_copy(update={
            "employment_history": [EmploymentOut.model_validate(h) for h in history[e.id]],
            "trainings": [TrainingOut.model_validate(t) for t in trainings[e.id]],
            "trained": bool(trainings[e.id]),
            "open_workload": workloads.get(e.id, 0),
        })
        for e in examiners
    ]


async def list_examiners(
    session: AsyncSession, principal: Principal, *, status: str | None, field_code: str | None
) -> list[ExaminerOut]:
    """Every examiner the caller may see, by society and name (the Excel export)."""
    society = principal.society if principal.role is Role.SOCIETY_ADMIN else None
    rows = await repository.list_examiners(session, society_code=society, status=status,
                                           field_code=field_code)
    return await describe(session, rows)


async def examiners_page(
    session: AsyncSession, principal: Principal, *, status: str | None, field_code: str | None,
    params: PageParams,
) -> Page[ExaminerOut]:
    """A page of the examiners the caller may see, newest first."""
    society = principal.society if principal.role is Role.SOCIETY_ADMIN else None
    rows, cursor = newest_first(
        await repository.list_examiners(session, society_code=society, status=status,
                                        field_code=field_code, params=params),
        params, lambda e: (e.created_at, e.id))
    return Page(items=await describe(session, rows), next_cursor=cursor)


async def report(session: AsyncSession, principal: Principal, year: int) -> ExaminerReport:
    """Examiners trained in `year` and up to its end, per society."""
    society = principal.society if principal.role is Role.SOCIETY_ADMIN else None
    in_year = await repository.trained_counts(
        session, society_code=society, start=date(year, 1, 1), end=date(year, 12, 31))
    to_date = await repository.trained_counts(
        session, society_code=society, start=date(1900, 1, 1), end=date(year, 12, 31))
    codes = sorted(set(in_year) | set(to_date) | ({society} if society else set()))
    return ExaminerReport(year=year, societies=[
        TrainedExaminers(society_code=code, trained_in_year=in_year.get(code, 0),
                         trained_to_date=to_date.get(code, 0))
        for code in codes
    ])


async def my_assignments(session: AsyncSession, principal: Principal, params: PageParams
                         ) -> Page[AssignmentOut]:
    """A page of the examiner's seats, newest first: pending ones show who the applicant is,
    so they can declare."""
    rows, cursor = newest_first(
        await panels.assignments_of(session, principal.subject, str(principal.society), params),
        params, lambda row: (row[0].assigned_at, row[0].id))
    return Page(next_cursor=cursor, items=[
        AssignmentOut(
            case_id=case.id, seat_status=seat.status, assigned_at=seat.assigned_at,
            applicant_name=case.applicant_name, applicant_employers=case.employers,
            recommending_enterprise=case.recommending_enterprise, level=case.level,
            field_code=case.field_code, case_status=case.status, deadline=case.deadline,
            files_open=seat.status == "cleared"
            and principal.subject in (case.announced_panel or []),
        )
        for seat, case in rows
    ])


def employments_of(examiner: Examiner, history: Sequence[ExaminerEmployment]
                   ) -> list[Employment]:
    """The current employer (no end) and every past one with the day it ended."""
    return [Employment(examiner.employer),
            *(Employment(h.employer, h.ended_on) for h in history)]


def qualification_of(examiner: Examiner, trainings: Sequence[ExaminerTraining]
                     ) -> Qualification:
    return Qualification(
        fields=examiner.fields, specialties=examiner.specialties, levels=examiner.levels,
        active=examiner.status == "active", trained=bool(trainings),
    )
