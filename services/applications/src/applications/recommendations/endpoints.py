"""Enterprise recommendations (API) and the committee's pre-screening."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Response, status
from kit.app import SessionDep
from kit.auth import Principal, Role, require_roles
from kit.masking import mask_phone
from kit.pagination import Page, PageParams, next_cursor, page_params

from applications.models import Candidate, Recommendation
from applications.recommendations import repository, service
from applications.recommendations.schemas import (
    CandidateOut,
    RecommendationIn,
    RecommendationOut,
    ScreeningIn,
)

router = APIRouter(tags=["recommendations"])

Enterprise = Annotated[Principal, Depends(require_roles(Role.ENTERPRISE))]
Reader = Annotated[
    Principal, Depends(require_roles(Role.ENTERPRISE, Role.COMMITTEE, Role.SECRETARIAT))
]
Committee = Annotated[Principal, Depends(require_roles(Role.COMMITTEE))]


def candidate_out(candidate: Candidate, *, masked: bool) -> CandidateOut:
    return CandidateOut(
        id=candidate.id, name=candidate.name,
        mobile=mask_phone(candidate.mobile) if masked else candidate.mobile,
        field_code=candidate.field_code, location=candidate.location, level=candidate.level,
        practice=candidate.practice, status=candidate.status,
        society_code=candidate.society_code, screening_reason=candidate.screening_reason,
    )


def recommendation_out(recommendation: Recommendation, *, masked: bool) -> RecommendationOut:
    return RecommendationOut(
        id=recommendation.id,
        enterprise_id=recommendation.enterprise_id,
        enterprise_name=recommendation.enterprise_name,
        contact_name=recommendation.contact_name,
        contact_mobile=(
            mask_phone(recommendation.contact_mobile) if masked else recommendation.contact_mobile
        ),
        created_at=recommendation.created_at,
        candidates=[candidate_out(c, masked=masked) for c in recommendation.candidates],
    )


@router.post("/v1/recommendations", status_code=status.HTTP_201_CREATED)
async def create_recommendation(
    payload: RecommendationIn,
    principal: Enterprise,
    session: SessionDep,
    response: Response,
    idempotency_key: Annotated[
        str | None, Header(max_length=200, description="Retries with the same key create nothing")
    ] = None,
) -> RecommendationOut:
    """An enterprise pushes a recommendation of its engineers (Annex 3 of the 2025 notice)."""
    recommendation, created = await service.create_recommendation(
        session, principal, payload, idempotency_key
    )
    if not created:
        response.status_code = status.HTTP_200_OK
        response.headers["Idempotent-Replayed"] = "true"
    return recommendation_out(recommendation, masked=False)


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
    return Page(items=[recommendation_out(r, masked=True) for r in rows], next_cursor=cursor)


@router.get("/v1/recommendations/{recommendation_id}")
async def get_recommendation(
    recommendation_id: uuid.UUID, principal: Reader, session: SessionDep
) -> RecommendationOut:
    """One recommendation with its candidates and their screening status."""
    recommendation = await service.get_recommendation(session, principal, recommendation_id)
    return recommendation_out(recommendation, masked=principal.role is Role.SECRETARIAT)


@router.post("/v1/candidates/{candidate_id}/screening")
async def screen_candidate(
    candidate_id: uuid.UUID, decision: ScreeningIn, principal: Committee, session: SessionDep
) -> CandidateOut:
    """The evaluation committee accepts (assigning a society) or rejects one candidate."""
    candidate = await service.screen_candidate(session, principal, candidate_id, decision)
    return candidate_out(candidate, masked=True)
