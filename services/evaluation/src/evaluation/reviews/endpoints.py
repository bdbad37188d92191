"""Materials review records: examiners draft, save with If-Match, and submit to lock."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import expected_version, page_params, require_roles
from kit.pagination import Page, PageParams
from kit.versioning import etag

from evaluation.reviews import service
from evaluation.reviews.schemas import ReviewIn, ReviewOut, RoundOut

router = APIRouter(prefix="/v1/cases/{case_id}/reviews", tags=["materials review"])

Reader = Annotated[
    Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT, Role.EXAMINER))
]
ExaminerUser = Annotated[Principal, Depends(require_roles(Role.EXAMINER))]
IfMatch = Annotated[int, Depends(expected_version)]
CaseId = Annotated[uuid.UUID, Path(description="The case's id")]


@router.get("")
async def list_reviews(case_id: CaseId, principal: Reader, session: SessionDep,
                       params: Annotated[PageParams, Depends(page_params)]) -> Page[RoundOut]:
    """The case's review rounds in order (round 1 first) with their records (examiners see
    only their own records); `next_cursor` continues after the page's last round."""
    return await service.list_rounds(session, principal, case_id, params)


@router.get("/mine")
async def my_review(case_id: CaseId, principal: ExaminerUser, session: SessionDep,
                    response: Response) -> ReviewOut:
    """Your record for the current round, with its ETag for If-Match."""
    review = await service.my_review(session, principal, case_id)
    response.headers["ETag"] = etag(review.version)
    return review


@router.put("/mine")
async def save_my_review(case_id: CaseId, body: ReviewIn, principal: ExaminerUser,
                         session: SessionDep, expected: IfMatch, response: Response
                         ) -> ReviewOut:
    """Save your draft record (If-Match required: 428 without it, 412 when stale)."""
    review = await service.save_review(session, principal, case_id, expected, body)
    response.headers["ETag"] = etag(review.version)
    return review


@router.post("/mine/submission")
async def submit_my_review(case_id: CaseId, principal: ExaminerUser, session: SessionDep,
                           expected: IfMatch, response: Response) -> ReviewOut:
    """Submit and lock your record; a supplement request closes the round at once."""
    review = await service.submit_review(session, principal, case_id, expected)
    response.headers["ETag"] = etag(review.version)
    return review
