"""Enterprise recommendations (API and Annex 3 Excel) and the committee's pre-screening."""

import asyncio
import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import (
    APIRouter,
    Depends,
    File,
    Header,
    Path,
    Query,
    Request,
    Response,
    UploadFile,
    status,
)
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.documents import XLSX
from kit.masking import mask_phone
from kit.pagination import Page, PageParams, next_cursor

from applications.application import repository as applications
from applications.application.schemas import CandidateApplicationOut
from applications.config import Settings
from applications.models import Application, Candidate, Recommendation
from applications.recommendations import repository, service
from applications.recommendations.errors import WorkbookInvalid, WorkbookTooLarge
from applications.recommendations.schemas import (
    CandidateAssessmentOut,
    CandidateOut,
    CandidateStatus,
    DryRunOut,
    OverseasProjectOut,
    RecommendationBody,
    RecommendationIn,
    RecommendationOut,
    RuleOut,
    ScreeningIn,
    UploadProblem,
)

router = APIRouter(tags=["recommendations"])
TEMPLATE_NAME = "推荐参加工程能力评价人员情况表.xlsx"

Enterprise = Annotated[Principal, Depends(require_roles(Role.ENTERPRISE))]
Reader = Annotated[
    Principal, Depends(require_roles(Role.ENTERPRISE, Role.COMMITTEE, Role.SECRETARIAT))
]
Committee = Annotated[Principal, Depends(require_roles(Role.COMMITTEE))]
CommitteeReader = Annotated[Principal, Depends(require_roles(Role.COMMITTEE, Role.SECRETARIAT))]
IdempotencyKey = Annotated[
    str | None, Header(max_length=200, description="Retries with the same key create nothing")
]
RecommendationId = Annotated[uuid.UUID, Path(
    description="The recommendation's id (`id` of the push or upload answer, or of the list)")]
CandidateId = Annotated[uuid.UUID, Path(
    description="The candidate's id (`id` of an item in a recommendation's `candidates`)")]
UPLOAD_EXAMPLE: dict[str, object] = {"requestBody": {"content": {"multipart/form-data": {
    "example": {"file": "(the filled-in Annex 3 workbook, 推荐参加工程能力评价人员情况表.xlsx)"},
}}}}


def problem_item(problem: UploadProblem) -> dict[str, object]:
    """A workbook problem in the platform's one error-item shape: a cell, a row, a sheet, or
    (no sheet) the uploaded file as a whole."""
    item: dict[str, object] = {
        "code": "invalid_value" if problem.column else
        "invalid_row" if problem.row is not None else "invalid_workbook",
        "message_zh": problem.message_zh, "message_en": problem.message_en,
    }
    if problem.sheet:
        item["sheet"] = problem.sheet
    else:
        item["location"] = ["body", "file"]
    if problem.row is not None:
        item["row"] = problem.row
    if problem.column:
        item["column"] = problem.column
    return item


Followed = dict[uuid.UUID, Application]


async def followed(session: SessionDep, candidates: list[Candidate]) -> Followed:
    return await applications.latest_for_candidates(session, [c.id for c in candidates])


def candidate_out(candidate: Candidate, *, masked: bool, followed: Followed | None = None,
                  codes: bool = False) -> CandidateOut:
    application = (followed or {}).get(candidate.id)
    return CandidateOut(
        id=candidate.id, recommendation_id=candidate.recommendation_id,
        engineer_id=candidate.engineer_id, section=candidate.section,
        project_id=candidate.project_id, planned_project=candidate.planned_project,
        planned_country=candidate.planned_country, name=candidate.name,
        mobile=mask_phone(candidate.mobile) if masked else candidate.mobile,
        field_code=candidate.field_code, location=candidate.location, level=candidate.level,
        practice=candidate.practice, status=candidate.status,
        linked_candidate_id=candidate.linked_candidate_id,
        society_code=candidate.society_code, screening_reason=candidate.screening_reason,
        screened_at=candidate.screened_at,
        application=CandidateApplicationOut.model_validate(application) if application else None,
        claim_code=candidate.claim_code if codes else None,
    )


def recommendation_out(recommendation: Recommendation, *, masked: bool,
                       followed: Followed | None = None, codes: bool = False
                       ) -> RecommendationOut:
    return RecommendationOut(
        id=recommendation.id,
        enterprise_id=recommendation.enterprise_id,
        enterprise_name=recommendation.enterprise_name,
        contact_name=recommendation.contact_name,
        contact_mobile=(
            mask_phone(recommendation.contact_mobile) if masked else recommendation.contact_mobile
        ),
        source=recommendation.source,
        created_at=recommendation.created_at,
        projects=[
            OverseasProjectOut(
                id=p.id, name=p.name, country=p.country_code, project_type=p.project_type,
                project_status=p.project_status,
                chinese_engineers_abroad=p.chinese_engineers_abroad,
                foreign_engineers_hired=p.foreign_engineers_hired,
                engineers_meeting_basics=p.engineers_meeting_basics,
            )
            for p in recommendation.projects
        ],
        candidates=[candidate_out(c, masked=masked, followed=followed, codes=codes)
                    for c in recommendation.candidates],
    )


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def _store(
    session: SessionDep, principal: Principal, payload: RecommendationBody, key: str | None,
    response: Response, source: str,
) -> RecommendationOut:
    recommendation, created = await service.create_recommendation(
        session, principal, payload, key, source=source
    )
    if not created:
        response.status_code = status.HTTP_200_OK
        response.headers["Idempotent-Replayed"] = "true"
    return recommendation_out(recommendation, masked=False, codes=True)


@router.post("/v1/recommendations", status_code=status.HTTP_201_CREATED)
async def create_recommendation(
    payload: RecommendationIn,
    principal: Enterprise,
    session: SessionDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> RecommendationOut:
    """An enterprise pushes a recommendation of its engineers (Annex 3 of the 2025 notice)."""
    return await _store(session, principal, payload, idempotency_key, response, "api")


@router.get(
    "/v1/recommendations/template",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}}},
)
async def download_template(principal: Reader) -> Response:
    """The Annex 3 workbook to fill in (推荐参加工程能力评价人员情况表.xlsx)."""
    # The workbook code (openpyxl, defusedxml) is imported by the first request needing it,
    # not at start: it is ~8 MB a process would otherwise hold for an occasional download.
    from applications.recommendations import excel
    return Response(
        excel.build_template(),
        media_type=XLSX,
        headers={"Content-Disposition": "attachment; filename=\"annex3-template.xlsx\"; "
                 f"filename*=UTF-8''{quote(TEMPLATE_NAME)}"},
    )


@router.post(
    "/v1/recommendations/upload",
    status_code=status.HTTP_201_CREATED,
    response_model=RecommendationOut | DryRunOut,
    openapi_extra=UPLOAD_EXAMPLE,
)
async def upload_recommendation(
    request: Request,
    principal: Enterprise,
    session: SessionDep,
    response: Response,
    file: Annotated[UploadFile, File(description="the Annex 3 workbook (.xlsx)")],
    dry_run: Annotated[bool, Query(description="validate only; store nothing")] = False,
    idempotency_key: IdempotencyKey = None,
) -> RecommendationOut | DryRunOut:
    """Upload the Annex 3 workbook: every row is validated first; any error stores nothing."""
    from applications.recommendations import excel
    settings = _settings(request)
    data = await file.read(settings.excel_max_bytes + 1)
    if len(data) > settings.excel_max_bytes:
        raise WorkbookTooLarge(
            f"文件超过 {settings.excel_max_bytes} 字节上限 / The file exceeds the limit of "
            f"{settings.excel_max_bytes} bytes."
        )
    limits = excel.WorkbookLimits(
        max_bytes=settings.excel_max_bytes,
        max_uncompressed_bytes=settings.excel_max_uncompressed_bytes,
        max_members=settings.excel_max_zip_members,
        max_rows=settings.excel_max_rows,
    )
    # Parsing is CPU-bound: off the event loop, so other requests keep flowing.
    sheets = await asyncio.to_thread(excel.read_sheets, data, limits)
    parsed = excel.parse_sheets(sheets)
    if parsed.payload is None:
        summary = "; ".join(
            f"{p.sheet or '-'}!{p.column or ''}{p.row or ''}: {p.message_zh}"
            for p in parsed.problems[:5]
        )
        raise WorkbookInvalid(
            f"共 {len(parsed.problems)} 处问题，请按 errors 逐项更正后重新上传 / "
            f"{len(parsed.problems)} problem(s); correct each item in `errors` and upload again. "
            + summary,
            errors=[problem_item(p) for p in parsed.problems],
        )
    payload = parsed.payload
    if dry_run:
        # Unknown field codes cannot occur here: the parser resolved every field by name.
        service.require_enterprise(principal)
        response.status_code = status.HTTP_200_OK
        return DryRunOut(
            valid=True, enterprise_name=payload.enterprise.name, projects=len(payload.projects),
            candidates=len(payload.candidates) + sum(len(p.candidates) for p in payload.projects),
            planned_candidates=len(payload.planned_candidates), recommendation=payload,
        )
    return await _store(session, principal, payload, idempotency_key, response, "excel")


@router.get("/v1/recommendations")
async def list_recommendations(
    principal: Reader, session: SessionDep, params: Annotated[PageParams, Depends(page_params)]
) -> Page[RecommendationOut]:
    """Recommendations, newest first: an enterprise sees only its own; mobiles are masked."""
    enterprise = principal.enterprise if principal.role is Role.ENTERPRISE else None
    if principal.role is Role.ENTERPRISE and enterprise is None:
        return Page(items=[])
    rows, cursor = next_cursor(list(await repository.list_page(session, params, enterprise)),
                               params)
    progress = await followed(session, [c for r in rows for c in r.candidates])
    return Page(items=[recommendation_out(r, masked=True, followed=progress,
                                          codes=principal.role is Role.ENTERPRISE)
                       for r in rows], next_cursor=cursor)


@router.get("/v1/recommendations/{recommendation_id}")
async def get_recommendation(
    recommendation_id: RecommendationId, principal: Reader, session: SessionDep
) -> RecommendationOut:
    """One recommendation with its projects, candidates and their screening status."""
    recommendation = await service.get_recommendation(session, principal, recommendation_id)
    return recommendation_out(recommendation, masked=principal.role is Role.SECRETARIAT,
                              followed=await followed(session, recommendation.candidates),
                              codes=principal.role is Role.ENTERPRISE)


@router.get(
    "/v1/recommendations/{recommendation_id}/workbook",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}}},
)
async def export_recommendation(
    recommendation_id: RecommendationId, principal: Reader, session: SessionDep
) -> Response:
    """One recommendation as an Annex 3 workbook (mobiles masked for the secretariat, as in
    `GET /v1/recommendations/{id}`); text is never turned into a formula."""
    from applications.recommendations import excel
    recommendation = await service.get_recommendation(session, principal, recommendation_id)
    data = excel.recommendation_workbook(recommendation,
                                         masked=principal.role is Role.SECRETARIAT)
    return Response(
        data, media_type=XLSX,
        headers={"Content-Disposition": f"attachment; filename=\"recommendation-"
                 f"{recommendation.id}.xlsx\"", "Cache-Control": "no-store"},
    )


@router.get("/v1/candidates")
async def list_candidates(
    principal: Reader,
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    status_filter: Annotated[CandidateStatus | None, Query(
        alias="status", description="Only candidates in this pre-screening status: pending, "
        "linked, accepted or rejected; all when omitted")] = None,
    field_code: Annotated[str | None, Query(
        description="Only candidates of this 工程技术领域代码; all when omitted")] = None,
) -> Page[CandidateOut]:
    """Candidates, newest first (the committee's screening queue); an enterprise sees its own."""
    enterprise = principal.enterprise if principal.role is Role.ENTERPRISE else None
    if principal.role is Role.ENTERPRISE and enterprise is None:
        return Page(items=[])
    rows = await repository.list_candidates(
        session, params, status=status_filter, field_code=field_code, enterprise_id=enterprise
    )
    items, cursor = next_cursor(list(rows), params)
    progress = await followed(session, items)
    return Page(items=[candidate_out(c, masked=True, followed=progress,
                                     codes=principal.role is Role.ENTERPRISE) for c in items],
                next_cursor=cursor)


@router.get("/v1/candidates/{candidate_id}")
async def get_candidate(
    candidate_id: CandidateId, principal: Reader, session: SessionDep
) -> CandidateOut:
    """One candidate and their screening status."""
    candidate = await service.get_candidate(session, principal, candidate_id)
    return candidate_out(candidate, masked=principal.role is Role.SECRETARIAT,
                         followed=await followed(session, [candidate]),
                         codes=principal.role is Role.ENTERPRISE)


@router.get("/v1/candidates/{candidate_id}/assessment")
async def assess_candidate(
    candidate_id: CandidateId, principal: CommitteeReader, session: SessionDep
) -> CandidateAssessmentOut:
    """The pre-screening assessment, rule by rule: passed, failed or needs judgement."""
    candidate = await service.get_candidate(session, principal, candidate_id)
    rules, society = await service.assess(session, candidate)
    return CandidateAssessmentOut(
        candidate_id=candidate.id, suggested_society_code=society,
        rules=[RuleOut(code=r.code, outcome=r.outcome, message_zh=r.message_zh,
                       message_en=r.message_en) for r in rules],
        passes=not any(r.blocks for r in rules),
        needs_judgement=any(r.outcome == "judgement" for r in rules),
    )


@router.post("/v1/candidates/{candidate_id}/screening")
async def screen_candidate(
    candidate_id: CandidateId, decision: ScreeningIn, principal: Committee, session: SessionDep
) -> CandidateOut:
    """The evaluation committee accepts (assigning a society) or rejects one candidate."""
    candidate = await service.screen_candidate(session, principal, candidate_id, decision)
    return candidate_out(candidate, masked=True)
