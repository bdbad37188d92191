"""The examiner pool: profiles, training records, reporting, and an examiner's own view."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.documents import XLSX, table_workbook
from kit.pagination import Page, PageParams

from evaluation.examiners import service
from evaluation.examiners.schemas import (
    AssignmentOut,
    ExaminerIn,
    ExaminerOut,
    ExaminerPatch,
    ExaminerReport,
    TrainingIn,
    TrainingOut,
)
from evaluation.vocabulary import ExaminerStatus

router = APIRouter(prefix="/v1/examiners", tags=["examiners"])

SocietyStaff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]
Reader = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]
ExaminerUser = Annotated[Principal, Depends(require_roles(Role.EXAMINER))]
ExaminerId = Annotated[uuid.UUID, Path(description="The examiner's id")]
Paging = Annotated[PageParams, Depends(page_params)]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_examiner(
    body: ExaminerIn, principal: SocietyStaff, session: SessionDep, request: Request
) -> ExaminerOut:
    """Add an identity user (role examiner, your society) to your society's examiner pool."""
    await service.check_examiner_account(
        request.app.state.accounts, principal, body.subject,
        request.headers.get("authorization", ""))
    examiner = await service.create_examiner(session, principal, body)
    return (await service.describe(session, [examiner]))[0]


@router.get("")
async def list_examiners(
    principal: Reader,
    session: SessionDep,
    params: Paging,
    status_filter: Annotated[ExaminerStatus | None, Query(
        alias="status", description="Only active or only inactive examiners")] = None,
    field_code: Annotated[str | None, Query(
        description="Only examiners of this engineering field code, e.g. `civil`")] = None,
) -> Page[ExaminerOut]:
    """Examiners of your society (all societies for the secretariat) with open workload,
    newest first."""
    return await service.examiners_page(session, principal, status=status_filter,
                                        field_code=field_code, params=params)


@router.get("/report")
async def report(
    principal: Reader, session: SessionDep, year: Annotated[int, Query(
        ge=2000, le=2100, description="Calendar year to report on, e.g. 2026")]
) -> ExaminerReport:
    """Trained examiners per society: trained in the year and up to its end."""
    return await service.report(session, principal, year)


@router.get("/export.xlsx", response_class=Response, responses={200: {
    "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
    "description": "The examiner list as an Excel workbook"}})
async def export_examiners(principal: Reader, session: SessionDep) -> Response:
    """Your society's examiners and their training as Excel (all societies for the
    secretariat); text that looks like a formula stays text."""
    examiners = await service.list_examiners(session, principal, status=None, field_code=None)
    content = table_workbook("考官 Examiners", EXAMINER_HEADINGS, (
        (e.society_code, e.name, e.employer, "、".join(e.fields), "、".join(e.levels),
         e.status, "是 / yes" if e.trained else "否 / no",
         "；".join(f"{t.course}（{t.completed_on.isoformat()}）" for t in e.trainings))
        for e in examiners))
    return Response(content, media_type=XLSX, headers={
        "Content-Disposition": 'attachment; filename="examiners.xlsx"'})


EXAMINER_HEADINGS = (
    ("学会", "Society"), ("姓名", "Name"), ("工作单位", "Employer"), ("领域", "Fields"),
    ("级别", "Levels"), ("状态", "Status"), ("已培训", "Trained"), ("培训记录", "Trainings"),
)


@router.get("/me")
async def my_profile(principal: ExaminerUser, session: SessionDep) -> ExaminerOut:
    """Your own examiner profile."""
    return (await service.describe(session, [await service.me(session, principal)]))[0]


@router.get("/me/assignments")
async def my_assignments(principal: ExaminerUser, session: SessionDep, params: Paging
                         ) -> Page[AssignmentOut]:
    """Cases you are assigned to, newest seat first; declare on pending ones before you can
    open them."""
    return await service.my_assignments(session, principal, params)


@router.get("/{examiner_id}")
async def get_examiner(
    examiner_id: ExaminerId, principal: Reader, session: SessionDep
) -> ExaminerOut:
    """One examiner with employment history and training records."""
    examiner = await service.get_examiner(session, principal, examiner_id)
    return (await service.describe(session, [examiner]))[0]


@router.patch("/{examiner_id}")
async def update_examiner(
    examiner_id: ExaminerId, patch: ExaminerPatch, principal: SocietyStaff, session: SessionDep
) -> ExaminerOut:
    """Change an examiner's profile, qualifications or active / inactive status."""
    examiner = await service.update_examiner(session, principal, examiner_id, patch)
    return (await service.describe(session, [examiner]))[0]


@router.post("/{examiner_id}/trainings", status_code=status.HTTP_201_CREATED)
async def add_training(
    examiner_id: ExaminerId, body: TrainingIn, principal: SocietyStaff, session: SessionDep
) -> TrainingOut:
    """Record a training course the examiner completed (course, date, certificate)."""
    return TrainingOut.model_validate(
        await service.add_training(session, principal, examiner_id, body)
    )
