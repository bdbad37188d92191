"""Examiner calibration: how each examiner's scores sit against their panels'."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import PageParams

from oversight.calibration import service
from oversight.calibration.schemas import CalibrationOut, ScoreKind
from oversight.pipeline.service import scope_of

router = APIRouter(prefix="/v1/reports", tags=["reports"])

Reader = Annotated[Principal, Depends(require_roles(
    Role.SOCIETY_ADMIN, Role.SECRETARIAT, Role.SUPERVISION))]


@router.get("/calibration")
async def get_calibration(
    principal: Reader, session: SessionDep,
    page: Annotated[PageParams, Depends(page_params)],
    kind: Annotated[ScoreKind, Query(
        description="Which scores: `interview` (面试, 0–100 points) or `review` (材料评审, the "
        "share of the five competencies found achieved, in %)")] = "interview",
    society: Annotated[str | None, Query(
        max_length=20, description="Only this society's examiners, for the secretariat and "
        "the committee; a society's staff always get their own and may name only it (else "
        "403).")] = None,
) -> CalibrationOut:
    """Per examiner: mean difference from the rest of the panel, its spread, cases, and a flag
    for examiners consistently out of line. Flagged examiners first, then the farthest from
    their panels, a page at a time."""
    return await service.calibration(session, kind, scope_of(principal, society), page)
