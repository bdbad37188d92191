"""Pilot reports (试点报告) as JSON, Excel and PDF; their targets; the GBA unit's figures."""

import asyncio
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Response
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams

from oversight import cursors
from oversight.pipeline.service import scope_of
from oversight.reports import repository, service
from oversight.reports.errors import ReportNotReady
from oversight.reports.schemas import (
    GbaRecognitionsIn,
    PilotReportOut,
    ReadyReportOut,
    TargetIn,
    TargetOut,
)

router = APIRouter(prefix="/v1/reports", tags=["reports"])

Reader = Annotated[Principal, Depends(require_roles(
    Role.SOCIETY_ADMIN, Role.SECRETARIAT, Role.SUPERVISION))]
Secretariat = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT))]
PeriodText = Annotated[str, Query(
    max_length=7, pattern=r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2])|-H[12])?$",
    description="The period, and by its form the report's kind: `2026-11` a month, "
    "`2026-H2` a half year, `2026` a year")]
MAX_TARGETS = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def _report(session: SessionDep, principal: Principal, period: str,
                  snapshot: bool, society: str | None) -> PilotReportOut:
    scope = scope_of(principal, society)
    span = service.period_of(period)
    kind = span.kind
    if not snapshot:
        return await service.build(session, span, scope)
    ready = await repository.ready_report(session, kind, span.start)
    if ready is None:
        raise ReportNotReady(f"{span.label}报告尚未生成 / The {kind} report for {period} is "
                             "not ready yet.")
    report = PilotReportOut.model_validate(ready.figures)
    if scope is not None:
        # The snapshot holds every unit; a society reads its own and the total only.
        report = report.model_copy(update={
            "units": [u for u in report.units if u.unit_code == scope]})
    return report


Snapshot = Annotated[bool, Query(
    description="true: the report as the scheduled job made it ready on its day (404 before "
    "then); false: computed now from the current figures")]
Society = Annotated[str | None, Query(
    max_length=20, description="Only this society's unit (and the total), for the secretariat "
    "and the committee; a society's staff always get their own and may name only it (else "
    "403).")]


@router.get("/pilot")
async def pilot_report(principal: Reader, session: SessionDep, period: PeriodText,
                       snapshot: Snapshot = False, society: Society = None) -> PilotReportOut:
    """The pilot report's figures as JSON (for partner systems)."""
    return await _report(session, principal, period, snapshot, society)


@router.get("/pilot.xlsx", response_class=Response,
            responses={200: {"content": {XLSX: {}}}})
async def pilot_report_workbook(principal: Reader, session: SessionDep,
                                period: PeriodText, snapshot: Snapshot = False,
                                society: Society = None) -> Response:
    """The pilot report as an Excel workbook with native charts."""
    # openpyxl and reportlab are imported by the first report rendered, not at start.
    from oversight.reports import workbook
    report = await _report(session, principal, period, snapshot, society)
    data = await asyncio.to_thread(workbook.render, report)
    return Response(data, media_type=XLSX, headers={
        "Content-Disposition": f'attachment; filename="pilot-report-{report.period}.xlsx"'})


@router.get("/pilot.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
async def pilot_report_pdf(principal: Reader, session: SessionDep,
                           period: PeriodText, snapshot: Snapshot = False,
                           society: Society = None) -> Response:
    """The pilot report as PDF, with charts and the CJK font embedded."""
    from oversight.reports import pdf
    report = await _report(session, principal, period, snapshot, society)
    data = await asyncio.to_thread(pdf.render, report)
    return Response(data, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="pilot-report-{report.period}.pdf"'})


Paging = Annotated[PageParams, Depends(page_params)]


@router.get("/pilot/ready")
async def ready_reports(principal: Reader, session: SessionDep, page: Paging
                        ) -> Page[ReadyReportOut]:
    """The reports the scheduled job (or a request) has made ready: the latest period first,
    and for periods starting on the same day the longest first (year, half year, month)."""
    rows, cursor = cursors.trim(await repository.ready_reports(session, page), page,
                                repository.ready_cursor)
    return Page(items=[ReadyReportOut.model_validate(r) for r in rows], next_cursor=cursor)


@router.get("/targets")
async def list_targets(principal: Reader, session: SessionDep, page: Paging
                       ) -> Page[TargetOut]:
    """The pilot targets as data, ordered by year, unit and metric, a page at a time."""
    rows, cursor = await repository.targets_page(session, page)
    return Page(items=[TargetOut.model_validate(t) for t in rows], next_cursor=cursor)


@router.put("/targets")
async def set_targets(
    body: Annotated[list[TargetIn], Body(
        min_length=1, max_length=MAX_TARGETS,
        description="1–500 targets; each replaces the one of its year, unit and metric (given "
        "twice, the last one counts).",
        openapi_examples={"registrations": {
            "summary": "The whole pilot's registration targets for 2026",
            "value": TargetIn.model_json_schema()["examples"]}})],
    principal: Secretariat, session: SessionDep,
) -> Page[TargetOut]:
    """Set targets (the secretariat); years without their own use the latest before. Answers
    the targets as written, by year, unit and metric, all on one page (at most 500 per
    request, so `next_cursor` is always null)."""
    written = await service.set_targets(session, body)
    return Page(items=[TargetOut.model_validate(t.model_dump()) for t in written],
                next_cursor=None)


@router.post("/gba-recognitions")
async def record_gba_recognitions(body: GbaRecognitionsIn, principal: Secretariat,
                                  session: SessionDep) -> dict[str, int]:
    """Record the Greater Bay Area pilot's access / non-access figures as it reports them."""
    return {"recorded": await service.record_gba(session, body)}



