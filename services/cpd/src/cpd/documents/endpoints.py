"""The record sheet and the development summary as PDF or Excel, for any date range."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Response
from kit.app import SessionDep
from kit.auth import Principal
from kit.dependencies import require_roles
from kit.types import Day

from cpd.documents import service
from cpd.documents.service import MEDIA_TYPES, Document, Format
from cpd.ledgers.service import READER_ROLES
from cpd.params import Number

router = APIRouter(prefix="/v1/cpd/ledgers/{certificate_number}", tags=["cpd documents"])

Reader = Annotated[Principal, Depends(require_roles(*READER_ROLES))]
From = Annotated[Day | None, Query(alias="from", description=(
    "First China date of the range, YYYY-MM-DD; absent: the start of the current validity."))]
To = Annotated[Day | None, Query(alias="to", description=(
    "Last China date of the range, YYYY-MM-DD; absent: the end of the current validity."))]
FormatQuery = Annotated[Format, Query(alias="format", description=(
    "`pdf` (printable, A4) or `xlsx` (an Excel workbook); default `pdf`."))]
RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"content": {media: {} for media in MEDIA_TYPES.values()}}}


def _response(document: Document) -> Response:
    return Response(document.data, media_type=document.media_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(document.filename)}",
        "Cache-Control": "no-store",
    })


@router.get("/record-sheet", response_class=Response, responses=RESPONSES)
async def record_sheet(certificate_number: Number, principal: Reader, session: SessionDep,
                       start: From = None, end: To = None, fmt: FormatQuery = "pdf"
                       ) -> Response:
    """持续职业发展活动记录表: the activities that ended in the range, with hours per year."""
    return _response(await service.record_sheet(session, principal, certificate_number, start,
                                                end, fmt))


@router.get("/summary/document", response_class=Response, responses=RESPONSES)
async def summary_document(certificate_number: Number, principal: Reader, session: SessionDep,
                           start: From = None, end: To = None, fmt: FormatQuery = "pdf"
                           ) -> Response:
    """职业发展总结: the member's summary with the hours of the years in the range."""
    return _response(await service.summary(session, principal, certificate_number, start, end,
                                           fmt))
