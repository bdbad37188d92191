"""Complaints and suggestions (意见建议) to the supervision committee: the public and account
holders send them, the committee handles them, the society concerned answers for itself."""

import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import (
    APIRouter,
    Body,
    Depends,
    File,
    Path,
    Query,
    Request,
    Response,
    UploadFile,
    status,
)
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from kit import clock
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import CurrentPrincipal, current_principal, page_params, require_roles
from kit.pagination import Page, PageParams, next_cursor

from oversight.complaints import repository, service
from oversight.complaints.errors import AttachmentTooLarge
from oversight.complaints.schemas import (
    AnswerIn,
    AttachmentOut,
    ComplaintAboutRecord,
    ComplaintAboutSociety,
    ComplaintGeneral,
    ComplaintIn,
    ComplaintOut,
    ComplaintReceipt,
    ComplaintSummary,
    FindingsIn,
    InvestigatorsIn,
    NoteIn,
    SocietyComplaintView,
    StatementIn,
    StatementRequestIn,
    Status,
    TrackedComplaint,
)
from oversight.config import Settings

router = APIRouter(prefix="/v1/complaints", tags=["complaints"])

Supervision = Annotated[Principal, Depends(require_roles(Role.SUPERVISION))]
Society = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]
TrackingCode = Annotated[str, Path(
    min_length=6, max_length=30,
    description="The tracking code the sender received, e.g. `YJ-7K3M-Q9XA-2BHD`; case, spaces "
    "and the look-alikes O/0, I/L/1 are forgiven.")]
ComplaintId = Annotated[uuid.UUID, Path(description="The complaint's id (UUID).")]
_optional_bearer = HTTPBearer(auto_error=False)


async def optional_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_optional_bearer)],
) -> Principal | None:
    """The caller when a token is sent (a bad token is still a 401), else the public."""
    if credentials is None:
        return None
    return await current_principal(request, credentials)


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(settings_of)]


@router.post("", status_code=status.HTTP_201_CREATED)
async def submit_complaint(
    body: Annotated[ComplaintIn, Body(discriminator="about_kind", openapi_examples={
        "case": {"summary": "A complaint about a case, from the public",
                 "value": ComplaintAboutRecord.model_json_schema()["examples"][0]},
        "society": {"summary": "A complaint about a society",
                    "value": ComplaintAboutSociety.model_json_schema()["examples"][0]},
        "general": {"summary": "A suggestion on the system",
                    "value": ComplaintGeneral.model_json_schema()["examples"][0]},
    })],
    session: SessionDep,
    principal: Annotated[Principal | None, Depends(optional_principal)],
) -> ComplaintReceipt:
    """Send a complaint or suggestion; keep the tracking code to follow it."""
    complaint = await service.submit(session, principal, body)
    return ComplaintReceipt(tracking_code=complaint.tracking_code, status=complaint.status,
                            received_at=complaint.created_at)


@router.get("/track/{code}")
async def track_complaint(code: TrackingCode, session: SessionDep) -> TrackedComplaint:
    """Where a complaint stands, and its answer, by its tracking code."""
    return await service.tracked_view(session, await service.track(session, code))


@router.post("/track/{code}/attachments", status_code=status.HTTP_201_CREATED, openapi_extra={
    "requestBody": {"content": {"multipart/form-data": {
        "example": {"file": "(the bytes of evidence.pdf)"}}}}})
async def attach_file(
    code: TrackingCode, session: SessionDep, settings: SettingsDep,
    file: Annotated[UploadFile, File(
        description="One PDF, JPEG or PNG file (judged by its content), at most 10 MiB by "
        "default; its name is kept for the committee.")],
) -> AttachmentOut:
    """Add a file to a complaint (until the investigation starts)."""
    limit = settings.attachment_max_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise AttachmentTooLarge(
            f"附件超过 {limit} 字节上限 / The file exceeds the limit of {limit} bytes."
        )
    record = await service.attach(session, code, filename=file.filename, data=data,
                                  settings=settings)
    return AttachmentOut.model_validate(record)


Paging = Annotated[PageParams, Depends(page_params)]


@router.get("/mine")
async def my_complaints(principal: CurrentPrincipal, session: SessionDep, page: Paging
                        ) -> Page[ComplaintSummary]:
    """The complaints the caller sent with their account, newest first, a page at a time."""
    rows, cursor = next_cursor(
        list(await repository.of_complainant(session, principal.subject, page)), page)
    return Page(items=[service.summary(c) for c in rows], next_cursor=cursor)


@router.get("")
async def list_complaints(
    principal: Supervision, session: SessionDep, page: Paging,
    status_: Annotated[Status | None, Query(
        alias="status", description="Only complaints in this status; all when left out.")] = None,
    overdue: Annotated[bool, Query(
        description="Only those past their answer date (China date) and not yet answered"
    )] = False,
    society: Annotated[str | None, Query(
        max_length=20, description="Only those concerning this society (its code)")] = None,
) -> Page[ComplaintSummary]:
    """Every complaint (supervision committee only), newest first, a page at a time."""
    rows, cursor = next_cursor(list(await repository.list_all(
        session, status=status_, society_code=society,
        overdue_on=clock.today() if overdue else None, params=page)), page)
    return Page(items=[service.summary(c) for c in rows], next_cursor=cursor)


@router.get("/statement-requests")
async def statement_requests(principal: Society, session: SessionDep, page: Paging
                             ) -> Page[SocietyComplaintView]:
    """The statements the supervision committee asked of the caller's society, newest
    complaint first, a page at a time."""
    assert principal.society is not None
    rows, cursor = next_cursor(
        list(await repository.asked_of_society(session, principal.society, page)), page)
    return Page(items=[service.society_view(c) for c in rows], next_cursor=cursor)


@router.get("/{complaint_id}", response_model=None)
async def get_complaint(
    complaint_id: ComplaintId, principal: CurrentPrincipal, session: SessionDep
) -> ComplaintOut | SocietyComplaintView | TrackedComplaint:
    """One complaint, as much of it as the caller may see."""
    complaint = await service.visible(session, principal, complaint_id)
    if principal.role is Role.SUPERVISION:
        return await service.staff_view(session, complaint)
    if principal.role is Role.SOCIETY_ADMIN and complaint.complainant_subject != (
            principal.subject):
        return service.society_view(complaint)
    return await service.tracked_view(session, complaint)


@router.post("/{complaint_id}/register")
async def register_complaint(
    complaint_id: ComplaintId, body: NoteIn, principal: Supervision, session: SessionDep,
    settings: SettingsDep,
) -> ComplaintOut:
    """Register a received complaint; the answer is due in the configured number of days."""
    complaint = await service.register(session, principal, complaint_id, settings, body.note)
    return await service.staff_view(session, complaint)


@router.post("/{complaint_id}/investigators")
async def assign_investigators(
    complaint_id: ComplaintId, body: InvestigatorsIn, principal: Supervision, session: SessionDep
) -> ComplaintOut:
    """Assign the experts who investigate."""
    complaint = await service.assign_investigators(session, principal, complaint_id,
                                                   body.investigators)
    return await service.staff_view(session, complaint)


@router.post("/{complaint_id}/statement-request")
async def request_statement(
    complaint_id: ComplaintId, body: StatementRequestIn, principal: Supervision,
    session: SessionDep, settings: SettingsDep,
) -> ComplaintOut:
    """Ask the society concerned for a statement; it sees only this request."""
    complaint = await service.request_statement(session, principal, complaint_id, body.request,
                                                settings, body.society_code)
    return await service.staff_view(session, complaint)


@router.post("/{complaint_id}/statement")
async def submit_statement(
    complaint_id: ComplaintId, body: StatementIn, principal: Society, session: SessionDep
) -> SocietyComplaintView:
    """The society's statement on a complaint about itself."""
    complaint = await service.submit_statement(session, principal, complaint_id, body.statement)
    return service.society_view(complaint)


@router.post("/{complaint_id}/findings")
async def record_findings(
    complaint_id: ComplaintId, body: FindingsIn, principal: Supervision, session: SessionDep
) -> ComplaintOut:
    """Record the investigation's findings."""
    complaint = await service.record_findings(session, principal, complaint_id, body.findings)
    return await service.staff_view(session, complaint)


@router.post("/{complaint_id}/answer")
async def answer_complaint(
    complaint_id: ComplaintId, body: AnswerIn, principal: Supervision, session: SessionDep
) -> ComplaintOut:
    """Answer the complainant; the answer reaches them through notifications."""
    complaint = await service.answer(session, principal, complaint_id, body.answer)
    return await service.staff_view(session, complaint)


@router.get("/{complaint_id}/attachments/{attachment_id}", response_class=Response,
            responses={200: {"content": {"application/pdf": {}, "image/png": {},
                                         "image/jpeg": {}}}})
async def download_attachment(
    complaint_id: ComplaintId,
    attachment_id: Annotated[uuid.UUID, Path(description="The attachment's id (UUID), "
                             "from the complaint's `attachments`.")], principal: Supervision,
    session: SessionDep,
) -> Response:
    """An attachment's content (supervision committee only)."""
    download = await service.download(session, principal, complaint_id, attachment_id)
    name = quote(download.attachment.filename)
    return Response(download.data, media_type=download.attachment.content_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{name}",
        "X-Content-Type-Options": "nosniff",
    })
