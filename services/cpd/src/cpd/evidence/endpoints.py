"""Evidence files of activities and deferrals: upload, list, download (logged), withdraw."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Request, Response, UploadFile, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams, next_cursor

from cpd import paging
from cpd.evidence import service
from cpd.evidence.errors import EvidenceTooLarge
from cpd.evidence.schemas import DownloadOut, EvidenceOut
from cpd.ledgers.service import READER_ROLES
from cpd.params import ActivityId, DeferralId, EvidenceId, Number

router = APIRouter(prefix="/v1/cpd/ledgers/{certificate_number}", tags=["cpd evidence"])

Member = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]
Reader = Annotated[Principal, Depends(require_roles(*READER_ROLES))]
FileReader = Annotated[Principal, Depends(require_roles(Role.APPLICANT, Role.SOCIETY_ADMIN))]
Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]
Upload = Annotated[UploadFile, File(description=(
    "The file: PDF, JPEG or PNG, judged by its content; at most the service's limit (10 MB by "
    "default, else 413). Its name is kept without any folder path."))]
# For the document: a multipart body's example (the bytes themselves cannot be shown).
UPLOAD_EXAMPLE: dict[str, object] = {"requestBody": {"content": {"multipart/form-data": {
    "example": {"file": "(the PDF, JPEG or PNG bytes, e.g. 结业证书.pdf)"}}}}}


async def _read(request: Request, file: UploadFile) -> tuple[bytes, int]:
    limit: int = request.app.state.settings.evidence_max_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise EvidenceTooLarge(f"文件超过 {limit} 字节上限 / The file exceeds the limit of "
                               f"{limit} bytes.")
    return data, limit


@router.post("/activities/{activity_id}/evidence", status_code=status.HTTP_201_CREATED,
             openapi_extra=UPLOAD_EXAMPLE)
async def upload_activity_evidence(certificate_number: Number, activity_id: ActivityId,
                                   request: Request, principal: Member, session: SessionDep,
                                   file: Upload) -> EvidenceOut:
    """Attach a certificate of attendance, a publication or other proof to an activity."""
    data, limit = await _read(request, file)
    return EvidenceOut.model_validate(await service.attach_to_activity(
        session, principal, certificate_number, activity_id, filename=file.filename, data=data,
        max_bytes=limit))


@router.post("/deferrals/{deferral_id}/evidence", status_code=status.HTTP_201_CREATED,
             openapi_extra=UPLOAD_EXAMPLE)
async def upload_deferral_evidence(certificate_number: Number, deferral_id: DeferralId,
                                   request: Request, principal: Member, session: SessionDep,
                                   file: Upload) -> EvidenceOut:
    """Attach proof of the special circumstances to a deferral request."""
    data, limit = await _read(request, file)
    return EvidenceOut.model_validate(await service.attach_to_deferral(
        session, principal, certificate_number, deferral_id, filename=file.filename, data=data,
        max_bytes=limit))


@router.get("/evidence")
async def list_evidence(certificate_number: Number, principal: Reader, session: SessionDep,
                        params: Annotated[PageParams, Depends(page_params)]
                        ) -> Page[EvidenceOut]:
    """The ledger's evidence files (metadata only), newest upload first."""
    rows, cursor = next_cursor(list(await service.list_files(
        session, principal, certificate_number, params)), params)
    return Page(items=[EvidenceOut.model_validate(f) for f in rows], next_cursor=cursor)


@router.get("/evidence/{evidence_id}/content", response_class=Response,
            responses={200: {"content": {"application/pdf": {}, "image/png": {},
                                         "image/jpeg": {}}}})
async def download_evidence(certificate_number: Number, evidence_id: EvidenceId,
                            principal: FileReader, session: SessionDep) -> Response:
    """Download one file: the member or the society's staff; every read is logged."""
    result = await service.download(session, principal, certificate_number, evidence_id)
    return Response(
        result.data, media_type=result.file.content_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(result.file.filename)}",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.delete("/evidence/{evidence_id}", status_code=status.HTTP_204_NO_CONTENT)
async def withdraw_evidence(certificate_number: Number, evidence_id: EvidenceId,
                            principal: Member, session: SessionDep) -> None:
    """Withdraw a file while its activity can still change."""
    await service.remove(session, principal, certificate_number, evidence_id)


@router.get("/evidence-downloads", tags=["audit"])
async def list_downloads(certificate_number: Number, principal: Staff, session: SessionDep,
                         params: Annotated[PageParams, Depends(page_params)]
                         ) -> Page[DownloadOut]:
    """Who read which evidence file of this ledger, when (audit log), latest read first."""
    rows, cursor = paging.trim(await service.downloads(
        session, principal, certificate_number, params), params, lambda d: d.downloaded_at,
        lambda d: d.id)
    return Page(items=[DownloadOut.model_validate(d) for d in rows], next_cursor=cursor)
