"""The applicant's own profile (申请人信息)."""

from typing import Annotated

from fastapi import APIRouter, Depends
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams, decode_cursor, next_cursor

from applications.applicants import repository, service
from applications.applicants.schemas import ProfileIn, ProfileOut
from applications.application import repository as applications
from applications.models import ApplicantProfile, Candidate
from applications.recommendations import repository as recommendations
from applications.recommendations import service as recommendation_service
from applications.recommendations.rules import candidate_status_words
from applications.recommendations.schemas import ClaimIn, OwnRecommendationOut

router = APIRouter(prefix="/v1/applicants", tags=["applicants"])

Applicant = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]


@router.get("/me")
async def get_my_profile(principal: Applicant, session: SessionDep) -> ProfileOut:
    """The caller's own profile, unmasked."""
    return service.profile_out(
        await service.get_profile(session, principal.subject), masked=False
    )


@router.put("/me")
async def save_my_profile(payload: ProfileIn, principal: Applicant, session: SessionDep
                          ) -> ProfileOut:
    """Create or replace the caller's profile: identity, contact, education, work, titles,
    society membership."""
    return service.profile_out(await service.save_profile(session, principal, payload),
                               masked=False)


async def _own_out(session: SessionDep, principal: Principal, candidate: Candidate,
                   profile: ApplicantProfile | None) -> OwnRecommendationOut:
    recommendation = await recommendations.get(session, candidate.recommendation_id)
    assert recommendation is not None
    followed = await applications.own_for_candidate(session, principal.subject, candidate.id)
    zh, en = candidate_status_words(candidate.status)
    return OwnRecommendationOut(
        candidate_id=candidate.id, recommendation_id=candidate.recommendation_id,
        enterprise_name=recommendation.enterprise_name, section=candidate.section,
        project=candidate.project.name if candidate.project else candidate.planned_project,
        field_code=candidate.field_code, level=candidate.level, status=candidate.status,
        status_words={"zh": zh, "en": en}, society_code=candidate.society_code,
        screening_reason=candidate.screening_reason,
        found_by="claim_code" if candidate.claimed_by == principal.subject
        else "identity_number",
        application_id=followed.id if followed else None,
    )


@router.get("/me/recommendations")
async def my_recommendations(
    principal: Applicant, session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
) -> Page[OwnRecommendationOut]:
    """Your recommendations, newest first: claimed with the enterprise's code, or found by the
    identity number in your profile; apply on one with its candidate_id."""
    profile = await repository.get(session, principal.subject)
    own = sorted(await recommendation_service.own_candidates(session, principal, profile),
                 key=lambda c: (c.created_at, c.id), reverse=True)
    if params.cursor:
        after = decode_cursor(params.cursor)
        own = [c for c in own if (c.created_at, c.id) < after]
    items, cursor = next_cursor(own[: params.limit + 1], params)
    return Page(items=[await _own_out(session, principal, c, profile) for c in items],
                next_cursor=cursor)


@router.post("/me/recommendations/claim")
async def claim_recommendation(payload: ClaimIn, principal: Applicant, session: SessionDep
                               ) -> OwnRecommendationOut:
    """Claim the recommendation whose code your enterprise gave you (推荐码)."""
    profile = await repository.get(session, principal.subject)
    candidate = await recommendation_service.claim(session, principal, payload.code, profile)
    return await _own_out(session, principal, candidate, profile)
