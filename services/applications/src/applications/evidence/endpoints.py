"""Evidence files (佐证材料) of an application: upload, list, download, withdraw, audit."""

import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Path, Request, Response, UploadFile, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams, encode_cursor, next_cursor

from applications.evidence import service
from applications.evidence.errors import EvidenceTooLarge
from applications.evidence.rules import KINDS
from applications.evidence.schemas import KIND_DESCRIPTION, DownloadOut, EvidenceOut
from applications.evidence.storage import Storage, storage_of

router = APIRouter(prefix="/v1/applications/{application_id}/evidence", tags=["evidence"])

Applicant = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]
Reader = Annotated[Principal, Depends(require_roles(
    Role.APPLICANT, Role.SOCIETY_ADMIN, Role.EXAMINER, Role.SECRETARIAT))]
FileReader = Annotated[Principal, Depends(require_roles(
    Role.APPLICANT, Role.SOCIETY_ADMIN, Role.EXAMINER))]
Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]
StorageDep = Annotated[Storage, Depends(storage_of)]
ApplicationId = Annotated[uuid.UUID, Path(description="The application's id")]
EvidenceId = Annotated[uuid.UUID, Path(description="The evidence file's id (`id` in the "
                                                   "list)")]
Paging = Annotated[PageParams, Depends(page_params)]


@router.post("", status_code=status.HTTP_201_CREATED, openapi_extra={"requestBody": {
    "content": {"multipart/form-data": {"example": {"kind": "education",
                                                    "file": "(the PDF, JPEG or PNG bytes)"}}}}})
async def upload_evidence(
    application_id: ApplicationId,
    request: Request,
    principal: Applicant,
    session: SessionDep,
    storage: StorageDep,
    kind: Annotated[str, Form(description=KIND_DESCRIPTION
                              + "; another word is a 422 evidence-unknown-kind",
                              json_schema_extra={"enum": list(KINDS)})],
    file: Annotated[UploadFile, File(description="PDF, JPEG or PNG, recognised by its bytes; "
                                     "at most 10 MiB by default (larger is a 413)")],
) -> EvidenceOut:
    """Upload one evidence file (while in draft or returned, or for a supplement request)."""
    limit: int = request.app.state.settings.evidence_max_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise EvidenceTooLarge(
            f"文件超过 {limit} 字节上限 / The file exceeds the limit of {limit} bytes."
        )
    record = await service.upload(
        session, storage, principal, application_id, kind=kind, filename=file.filename,
        data=data, max_bytes=limit,
    )
    return EvidenceOut.model_validate(record)


@router.get("")
async def list_evidence(
    application_id: ApplicationId, principal: Reader, session: SessionDep, params: Paging
) -> Page[EvidenceOut]:
    """The application's evidence files (metadata only), newest first; withdrawn files are
    left out."""
    rows = await service.list_files(session, principal, application_id, params)
    items, cursor = next_cursor(list(rows), params)
    return Page(items=[EvidenceOut.model_validate(f) for f in items], next_cursor=cursor)


@router.get("/{evidence_id}/content", response_class=Response,
            responses={200: {"content": {"application/pdf": {}, "image/png": {},
                                         "image/jpeg": {}}}})
async def download_evidence(
    application_id: ApplicationId, evidence_id: EvidenceId, principal: FileReader,
    session: SessionDep, storage: StorageDep,
) -> Response:
    """Download one file: the applicant, the society's staff or an assigned examiner; logged."""
    result = await service.download(session, storage, principal, application_id, evidence_id)
    return Response(
        result.data, media_type=result.file.content_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(result.file.filename)}",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.delete("/{evidence_id}", status_code=status.HTTP_204_NO_CONTENT)
async def withdraw_evidence(
    application_id: ApplicationId, evidence_id: EvidenceId, principal: Applicant,
    session: SessionDep, storage: StorageDep,
) -> None:
    """Withdraw a file while the application can still be edited."""
    await service.delete(session, storage, principal, application_id, evidence_id)


@router.get("/downloads", tags=["audit"])
async def list_downloads(
    application_id: ApplicationId, principal: Staff, session: SessionDep, params: Paging
) -> Page[DownloadOut]:
    """Who read which evidence file of this application, when (audit log), newest first."""
    rows = list(await service.downloads(session, principal, application_id, params))
    cursor = None
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        cursor = encode_cursor(rows[-1].downloaded_at, rows[-1].id)
    return Page(items=[DownloadOut.model_validate(d) for d in rows], next_cursor=cursor)
