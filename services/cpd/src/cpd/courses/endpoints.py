"""The yearly CPD plans and courses, and providers pushing attendance for their courses."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import CurrentPrincipal, page_params, require_roles
from kit.pagination import Page, PageParams, next_cursor

from cpd.courses import repository, service
from cpd.courses.schemas import (
    AttendanceIn,
    AttendanceOut,
    CourseCountOut,
    CourseIn,
    CourseOut,
    PlanIn,
    PlanOut,
)
from cpd.params import CourseId, PublisherFilter, Year

router = APIRouter(prefix="/v1/cpd", tags=["cpd courses"])

Publisher = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT, Role.SOCIETY_ADMIN))]
Provider = Annotated[Principal, Depends(require_roles(Role.PROVIDER))]
IdempotencyKey = Annotated[
    str | None, Header(max_length=200, description="One per push; a retry reuses it")
]


@router.post("/plans", status_code=status.HTTP_201_CREATED)
async def publish_plan(payload: PlanIn, principal: Publisher, session: SessionDep) -> PlanOut:
    """Publish the yearly CPD activity plan of the CSE (secretariat) or your society."""
    return PlanOut.model_validate(await service.publish_plan(session, principal, payload))


@router.get("/plans")
async def list_plans(
    principal: CurrentPrincipal, session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    year: Year = None,
    publisher: PublisherFilter = None,
) -> Page[PlanOut]:
    """The published yearly plans (CSE's and the societies'), latest published first."""
    rows, cursor = next_cursor(list(await repository.plans(session, params, year, publisher)),
                               params)
    return Page(items=[PlanOut.model_validate(p) for p in rows], next_cursor=cursor)


@router.post("/courses", status_code=status.HTTP_201_CREATED)
async def publish_course(payload: CourseIn, principal: Publisher, session: SessionDep
                         ) -> CourseOut:
    """Publish a course run by a provider, marked quality course where the CSE counts it."""
    return CourseOut.model_validate(await service.publish_course(session, principal, payload))


@router.get("/courses")
async def list_courses(
    principal: CurrentPrincipal, session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    year: Year = None,
    publisher: PublisherFilter = None,
    quality: Annotated[bool | None, Query(description=(
        "`true`: only quality courses (精品课程); `false`: only the others; absent: all."))
    ] = None,
) -> Page[CourseOut]:
    """Published courses, latest published first (a provider's client sees its own)."""
    rows, cursor = next_cursor(list(await service.list_courses(
        session, principal, params, year=year, publisher=publisher, quality=quality)), params)
    return Page(items=[CourseOut.model_validate(c) for c in rows], next_cursor=cursor)


@router.get("/courses/{course_id}")
async def get_course(course_id: CourseId, principal: CurrentPrincipal, session: SessionDep
                     ) -> CourseOut:
    """One course."""
    return CourseOut.model_validate(await service.get_course(session, principal, course_id))


@router.post("/courses/{course_id}/attendance", status_code=status.HTTP_201_CREATED)
async def push_attendance(course_id: CourseId, payload: AttendanceIn, principal: Provider,
                          session: SessionDep, response: Response,
                          idempotency_key: IdempotencyKey = None) -> AttendanceOut:
    """A provider pushes the attendees of its own course, by certificate number; each becomes
    one verified activity, however often it is pushed."""
    result, created = await service.push_attendance(session, principal, course_id, payload,
                                                    idempotency_key)
    if not created:
        response.status_code = status.HTTP_200_OK
    return result


@router.get("/reports/courses")
async def course_counts(
    principal: Publisher, session: SessionDep,
    year: Year = None,
) -> Page[CourseCountOut]:
    """Courses and quality courses per publisher, for the pilot report [000 §2(二)], by
    publisher code. One row per publisher (the CSE and each society: a few dozen at most), so
    the whole report is one page: `next_cursor` is always null and there is no `limit`."""
    counts = await repository.quality_counts(session, year)
    mine = service.publisher_of(principal)
    return Page(items=[CourseCountOut(publisher=p, courses=n, quality_courses=q)
                       for p, n, q in counts
                       if principal.role is Role.SECRETARIAT or p == mine], next_cursor=None)
