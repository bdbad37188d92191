"""Applications: applicants draft and submit; society staff run the formal check."""

import uuid
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from kit import clock
from kit.app import SessionDep, read_connection
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.documents import XLSX, table_workbook
from kit.pagination import Page, PageParams, next_cursor
from kit.types import Day

from applications.applicants import repository as applicants
from applications.applicants.schemas import ProfileOut
from applications.applicants.service import profile_out, snapshot_out
from applications.application import repository, service
from applications.application.errors import ApplicationNotFound
from applications.application.rules import current_employer, status_words
from applications.application.schemas import (
    ApplicationChange,
    ApplicationIn,
    ApplicationOut,
    ApplicationStatus,
    CommitmentIn,
    EligibilityOut,
    ExperienceOut,
    FormalCheckIn,
    RuleOut,
    StatementIn,
    StatementOut,
    StatementPartIn,
    SupplementOut,
)
from applications.eligibility.policies import LEVEL_NAMES
from applications.eligibility.rules import RuleResult
from applications.evidence.storage import Storage, storage_of
from applications.models import Application

router = APIRouter(prefix="/v1/applications", tags=["applications"])

Applicant = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]
SocietyStaff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]
Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]
StorageDep = Annotated[Storage, Depends(storage_of)]
Reader = Annotated[Principal, Depends(require_roles(
    Role.APPLICANT, Role.SOCIETY_ADMIN, Role.EXAMINER, Role.SECRETARIAT))]
ApplicationId = Annotated[uuid.UUID, Path(
    description="The application's id (`id` of POST /v1/applications or of the list)")]


def _rules(rules: list[RuleResult]) -> list[RuleOut]:
    return [RuleOut(code=r.code, outcome=r.outcome, message_zh=r.message_zh,
                    message_en=r.message_en) for r in rules]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_application(
    payload: ApplicationIn, principal: Applicant, session: SessionDep
) -> ApplicationOut:
    """Start a draft application for a level in a field."""
    application = await service.create_application(session, principal, payload)
    return ApplicationOut.model_validate(application)


@router.get("")
async def list_applications(
    principal: Reader,
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    status_filter: Annotated[ApplicationStatus | None, Query(
        alias="status", description="Only applications in this status; all when omitted")
    ] = None,
) -> Page[ApplicationOut]:
    """Applications the caller may see: their own, their society's or their panel's."""
    rows = await repository.list_page(
        session, params, status=status_filter,
        applicant_id=principal.subject if principal.role is Role.APPLICANT else None,
        society_code=principal.society if principal.role in (Role.SOCIETY_ADMIN, Role.EXAMINER)
        else None,
        examiner_id=principal.subject if principal.role is Role.EXAMINER else None,
        # A draft is the applicant's own until submitted.
        with_drafts=principal.role is Role.APPLICANT,
    )
    items, cursor = next_cursor(list(rows), params)
    return Page(items=[ApplicationOut.model_validate(a) for a in items], next_cursor=cursor)


@router.get("/export.xlsx", response_class=Response, responses={200: {
    "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
    "description": "申报人信息一览表 as an Excel workbook"}})
async def export_applicants(
    principal: Staff, session: SessionDep,
    submitted_from: Annotated[Day | None, Query(
        description="First China date of submission in the batch (inclusive)")] = None,
    submitted_to: Annotated[Day | None, Query(
        description="Last China date of submission in the batch (inclusive)")] = None,
    society: Annotated[str | None, Query(max_length=20,
                                         description="Secretariat only; default all")] = None,
) -> Response:
    """The list of applicants of a batch in the layout societies send to the CSE (申报人信息
    一览表, 004 Annex 3): name, level sought, field, employer, contact, status."""
    if principal.role is Role.SOCIETY_ADMIN:
        society = principal.society
    rows = await repository.submitted_of(
        session, society,
        clock.china_midnight(submitted_from) if submitted_from else None,
        clock.china_midnight(submitted_to + timedelta(days=1)) if submitted_to else None)
    content = table_workbook("申报人信息一览表", APPLICANT_HEADINGS, (
        _applicant_row(n, application) for n, application in enumerate(rows, 1)))
    return Response(content, media_type=XLSX, headers={
        "Content-Disposition": 'attachment; filename="applicants.xlsx"'})


APPLICANT_HEADINGS = (
    ("序号", "No."), ("姓名", "Name"), ("申报级别", "Level sought"),
    ("工程技术领域", "Field"), ("工作单位", "Employer"), ("联系方式", "Mobile"),
    ("电子邮箱", "E-mail"), ("状态", "Status"), ("提交日期", "Submitted on"),
)


def _applicant_row(number: int, application: Application) -> tuple[object, ...]:
    submitted = application.profile_snapshot or {}
    level_zh, level_en = LEVEL_NAMES.get(application.level, (application.level,) * 2)
    status_zh, status_en = status_words(application.status)
    return (
        number, application.applicant_name, f"{level_zh} / {level_en}", application.field_code,
        current_employer(submitted.get("work_history") or []) or "",
        submitted.get("mobile") or "", submitted.get("email") or "",
        f"{status_zh} / {status_en}",
        clock.china_date(application.submitted_at).isoformat()
        if application.submitted_at else "",
    )


@router.get("/{application_id}")
async def get_application(
    application_id: ApplicationId, principal: Reader, request: Request
) -> ApplicationOut:
    """One application."""
    async with read_connection(request) as connection:
        return await service.read_application(connection, principal, application_id)


@router.delete("/{application_id}", status_code=status.HTTP_204_NO_CONTENT)
async def withdraw_draft(
    application_id: ApplicationId, principal: Applicant, session: SessionDep, storage: StorageDep
) -> None:
    """Withdraw (delete) a draft that was never submitted, with its uploaded files."""
    for key in await service.withdraw_draft(session, principal, application_id):
        await storage.delete(session, key)


@router.patch("/{application_id}")
async def change_application(
    application_id: ApplicationId, change: ApplicationChange, principal: Applicant,
    session: SessionDep,
) -> ApplicationOut:
    """Change the level or specialty while the application is a draft or returned."""
    return ApplicationOut.model_validate(
        await service.change_application(session, principal, application_id, change)
    )


@router.get("/{application_id}/applicant")
async def get_applicant(
    application_id: ApplicationId, principal: Reader, session: SessionDep
) -> ProfileOut:
    """The applicant's profile as submitted with this application (a draft: the live profile);
    identity number, mobile and e-mail masked except for the applicant and the society's
    staff."""
    application = await service.get_application(session, principal, application_id)
    masked = principal.role not in (Role.APPLICANT, Role.SOCIETY_ADMIN)
    if application.profile_snapshot is not None:
        return snapshot_out(application.profile_snapshot, masked=masked)
    profile = await applicants.get(session, application.applicant_id)
    if profile is None:
        raise ApplicationNotFound(
            "申请人尚未填写个人信息 / The applicant has no profile yet."
        )
    return profile_out(profile, masked=masked)


@router.put("/{application_id}/statement")
async def save_statement(
    application_id: ApplicationId, statement: StatementIn, principal: Applicant, session: SessionDep
) -> StatementOut:
    """Save the self-statement (工作情况自述), each part mapped to the competencies it shows."""
    application = await service.save_statement(session, principal, application_id, statement)
    return StatementOut(parts=statement.parts,
                        characters=service.statement_characters(application))


@router.get("/{application_id}/statement")
async def get_statement(
    application_id: ApplicationId, principal: Reader, session: SessionDep
) -> StatementOut:
    """The self-statement as saved."""
    application = await service.get_application(session, principal, application_id)
    return StatementOut(
        parts=[StatementPartIn.model_validate(p) for p in application.statement],
        characters=service.statement_characters(application),
    )


@router.post("/{application_id}/commitment")
async def sign_commitment(
    application_id: ApplicationId, commitment: CommitmentIn, principal: Applicant,
    session: SessionDep,
) -> ApplicationOut:
    """Sign the commitment letter (承诺书) of the current version."""
    return ApplicationOut.model_validate(
        await service.sign_commitment(session, principal, application_id, commitment)
    )


@router.get("/{application_id}/eligibility")
async def eligibility(
    application_id: ApplicationId, principal: Reader, session: SessionDep
) -> EligibilityOut:
    """Eligibility rule by rule and what is still missing, before submitting."""
    application = await service.get_application(session, principal, application_id)
    assessment, checklist = await service.readiness(
        session, application, by_applicant=principal.role is Role.APPLICANT)
    blocked = any(r.blocks for r in (*assessment.rules, *checklist))
    return EligibilityOut(
        application_id=application.id, eligible=assessment.eligible,
        needs_judgement=assessment.needs_judgement, fast_track=assessment.fast_track,
        can_submit=application.status in service.EDITABLE and not blocked,
        experience=ExperienceOut(**vars(assessment.experience)),
        rules=_rules(assessment.rules), checklist=_rules(checklist),
    )


@router.post("/{application_id}/submit")
async def submit_application(
    application_id: ApplicationId, principal: Applicant, session: SessionDep
) -> ApplicationOut:
    """Submit a draft (or a returned application after correcting it)."""
    return ApplicationOut.model_validate(await service.submit(session, principal, application_id))


@router.post("/{application_id}/formal-check")
async def formal_check(
    application_id: ApplicationId, check: FormalCheckIn, principal: SocietyStaff,
    session: SessionDep,
    request: Request,
) -> ApplicationOut:
    """The society's formal check (初审) of a submitted application: `accepted` (受理; emits
    `application.accepted` and evaluation opens a case) or `returned` with reasons (退回; the
    applicant corrects and resubmits within 10 working days, `resubmit_by`)."""
    return ApplicationOut.model_validate(await service.formal_check(
        session, principal, application_id, check,
        working_days=request.app.state.settings.resubmit_working_days,
    ))


@router.get("/{application_id}/supplements")
async def list_supplements(
    application_id: ApplicationId, principal: Reader, session: SessionDep
) -> Page[SupplementOut]:
    """Requests for supplementary material (补充材料) and whether they were answered, by round.
    Bounded (one per review round of the application's evaluation case): every request is in
    the one page and `next_cursor` is always null."""
    return Page(items=[SupplementOut.model_validate(s)
                       for s in await service.list_supplements(session, principal,
                                                               application_id)])


@router.post("/{application_id}/supplements/{round_number}/submit")
async def submit_supplement(
    application_id: ApplicationId,
    round_number: Annotated[int, Path(description="The supplement request's `round` (GET "
                                      "…/supplements)")],
    principal: Applicant, session: SessionDep
) -> SupplementOut:
    """Hand in the files uploaded for a supplement request, before its deadline."""
    return SupplementOut.model_validate(
        await service.submit_supplement(session, principal, application_id, round_number)
    )
