"""Interviews: scheduling by society staff, scoring by the cleared examiners."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import expected_version, require_roles
from kit.versioning import etag

from evaluation.cases import service as cases
from evaluation.cases.schemas import CaseOut, WrittenTestIn
from evaluation.interviews import service
from evaluation.interviews.schemas import InterviewIn, InterviewOut, ScoresIn

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["written test and interview"])

SocietyStaff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]
Reader = Annotated[
    Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT, Role.EXAMINER))
]
ExaminerUser = Annotated[Principal, Depends(require_roles(Role.EXAMINER))]
IfMatch = Annotated[int, Depends(expected_version)]
CaseId = Annotated[uuid.UUID, Path(description="The case's id")]


@router.post("/written-test")
async def record_written_test(case_id: CaseId, body: WrittenTestIn, principal: SocietyStaff,
                              session: SessionDep) -> CaseOut:
    """Record the written-test score (笔试) where your society uses one."""
    case = await cases.record_written_test(session, principal, case_id, body)
    return (await cases.describe(session, [case]))[0]


@router.post("/interview")
async def schedule_interview(case_id: CaseId, body: InterviewIn, principal: SocietyStaff,
                             session: SessionDep, response: Response) -> InterviewOut:
    """Schedule or reschedule the interview: time, in person or online, place or link."""
    interview = await service.schedule(session, principal, case_id, body)
    response.headers["ETag"] = etag(interview.version)
    return interview


@router.get("/interview")
async def get_interview(case_id: CaseId, principal: Reader, session: SessionDep,
                        response: Response) -> InterviewOut:
    """The interview and its score sheet, with the sheet's ETag for If-Match."""
    interview = await service.sheet(session, principal, case_id)
    response.headers["ETag"] = etag(interview.version)
    return interview


@router.put("/interview/scores/mine")
async def save_my_scores(case_id: CaseId, body: ScoresIn, principal: ExaminerUser,
                         session: SessionDep, expected: IfMatch, response: Response
                         ) -> InterviewOut:
    """Save your scores on the sheet (If-Match: the sheet's ETag; 412 if someone saved
    since you read it); `submit: true` locks them and the last one aggregates."""
    interview = await service.save_scores(session, principal, case_id, expected, body)
    response.headers["ETag"] = etag(interview.version)
    return interview
