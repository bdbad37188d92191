"""The yearly CPD plan and courses, published by the CSE or a society [003 Q21], and the
attendance providers push for their own courses, which becomes verified activities."""

import hashlib
import json
import uuid
from collections.abc import Sequence
from datetime import date

from cse_contracts.events import CpdCoursePublished
from kit import clock
from kit.auth import Principal, Role
from kit.pagination import PageParams
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.activities import repository as activities
from cpd.compliance import service as compliance
from cpd.courses import repository
from cpd.courses.errors import (
    CourseNotFound,
    IdempotencyKeyRequired,
    IdempotencyKeyReused,
    InvalidCourse,
    NotYourCourse,
    PlanExists,
    PlanNotFound,
)
from cpd.courses.schemas import (
    AttendanceIn,
    AttendanceOut,
    AttendeeIn,
    AttendeeResult,
    CourseIn,
    Outcome,
    PlanIn,
)
from cpd.events import outbox
from cpd.ledgers.rules import validity_years, year_closed, year_of
from cpd.models import CpdActivity, CpdAttendancePush, CpdCourse, CpdLedger, CpdPlan
from cpd.policies.service import policy_book
from cpd.problems import body_item

CSE = "cse"


def publisher_of(principal: Principal) -> str:
    """The CSE secretariat publishes as "cse", a society's staff as their society."""
    if principal.role is Role.SECRETARIAT:
        return CSE
    if principal.role is Role.SOCIETY_ADMIN and principal.society:
        return principal.society
    raise NotYourCourse("只有联合体秘书处或学会工作人员可以发布 / Only the CSE secretariat or "
                        "a society's staff publish plans and courses.")


async def publish_plan(session: AsyncSession, principal: Principal, data: PlanIn) -> CpdPlan:
    publisher = publisher_of(principal)
    if await repository.plan_of(session, publisher, data.year) is not None:
        raise PlanExists(f"{publisher} 已发布 {data.year} 年度计划 / {publisher} has already "
                         f"published its plan for {data.year}.")
    plan = CpdPlan(id=uuid.uuid4(), publisher=publisher, year=data.year, title=data.title,
                   description=data.description, published_by=principal.subject,
                   created_at=clock.now())
    session.add(plan)
    await session.flush()
    return plan


async def publish_course(session: AsyncSession, principal: Principal, data: CourseIn
                         ) -> CpdCourse:
    publisher = publisher_of(principal)
    if data.starts_on > data.ends_on:
        raise InvalidCourse("课程结束日期早于开始日期 / The course ends before it starts.",
                            errors=[body_item("ends_on", "ends_before_start",
                                              "课程结束日期早于开始日期",
                                              "The course ends before it starts.")])
    if data.plan_id is not None:
        plan = await repository.get_plan(session, data.plan_id)
        if plan is None or plan.publisher != publisher:
            raise PlanNotFound(f"计划 {data.plan_id} 不存在 / No plan {data.plan_id} of "
                               f"{publisher}.")
    course = CpdCourse(id=uuid.uuid4(), publisher=publisher, published_by=principal.subject,
                       created_at=clock.now(), **data.model_dump())
    session.add(course)
    await session.flush()
    # Oversight counts (quality) courses for the pilot report from this event.
    await outbox.emit(session, CpdCoursePublished(
        course_id=course.id, publisher=publisher, provider_code=course.provider_code,
        title=course.title, kind=course.kind, minutes=course.minutes,
        starts_on=course.starts_on, ends_on=course.ends_on, quality=course.quality,
    ), subject=f"courses/{course.id}")
    return course


async def list_courses(session: AsyncSession, principal: Principal, params: PageParams, *,
                       year: int | None, publisher: str | None, quality: bool | None
                       ) -> Sequence[CpdCourse]:
    # A provider's client sees only the courses it runs.
    provider = principal.organisation or "" if principal.role is Role.PROVIDER else None
    return await repository.courses(session, params, year=year, publisher=publisher,
                                    provider_code=provider, quality=quality)


async def get_course(session: AsyncSession, principal: Principal, course_id: uuid.UUID
                     ) -> CpdCourse:
    course = await repository.get_course(session, course_id)
    if course is None or (principal.role is Role.PROVIDER
                          and course.provider_code != principal.organisation):
        raise CourseNotFound(f"课程 {course_id} 不存在 / No course {course_id}.")
    return course


def request_hash(data: AttendanceIn) -> str:
    canonical = json.dumps(data.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def push_attendance(session: AsyncSession, principal: Principal, course_id: uuid.UUID,
                          data: AttendanceIn, idempotency_key: str | None
                          ) -> tuple[AttendanceOut, bool]:
    """Verified activities for the course's attendees, matched by certificate number; returns
    (result, created). A retry with the same Idempotency-Key returns the first result, and the
    same attendee pushed again under any key stays one activity."""
    if not idempotency_key:
        raise IdempotencyKeyRequired(
            "请在 Idempotency-Key 头中带上本次推送的唯一键，重试时沿用 / Send an "
            "Idempotency-Key header, unique per push and reused on retries.")
    course = await get_course(session, principal, course_id)
    if course.provider_code != principal.organisation:
        raise CourseNotFound(f"课程 {course_id} 不存在 / No course {course_id}.")
    digest = request_hash(data)
    existing = await repository.push_of(session, course.provider_code, idempotency_key)
    if existing is not None:
        return _replay(existing, course.id, digest), False
    result = await _record_attendance(session, course, data.attendees)
    push = CpdAttendancePush(id=uuid.uuid4(), provider_code=course.provider_code,
                             idempotency_key=idempotency_key, course_id=course.id,
                             request_hash=digest, result=result.model_dump(mode="json"),
                             created_at=clock.now())
    try:
        async with session.begin_nested():
            session.add(push)
            await session.flush()
    except IntegrityError:
        # A concurrent retry with the same key committed first: answer with its result.
        # (Its activities are the same ones: the unique (ledger, course) pair held them.)
        again = await repository.push_of(session, course.provider_code, idempotency_key)
        if again is None:
            raise
        return _replay(again, course.id, digest), False
    return result, True


def _replay(push: CpdAttendancePush, course_id: uuid.UUID, digest: str) -> AttendanceOut:
    if push.request_hash != digest or push.course_id != course_id:
        raise IdempotencyKeyReused(
            "该 Idempotency-Key 已用于内容不同的推送；新的推送请使用新的键 / This "
            "Idempotency-Key was used for a different push; use a new key for a new push.")
    return AttendanceOut.model_validate(push.result)


async def _record_attendance(session: AsyncSession, course: CpdCourse,
                             attendees: Sequence[AttendeeIn]) -> AttendanceOut:
    numbers = list(dict.fromkeys(a.certificate_number for a in attendees))
    ledgers = await repository.ledgers_by_number(session, numbers)
    existing = {a.ledger_id: a for a in await activities.of_course(
        session, course.id, [ledger.id for ledger in ledgers.values()])}
    today = clock.today()
    results: list[AttendeeResult] = []
    touched: dict[uuid.UUID, CpdLedger] = {}
    for attendee in attendees:
        ledger = ledgers.get(attendee.certificate_number)
        outcome: Outcome
        activity_id: uuid.UUID | None = None
        if ledger is None:
            outcome = "unknown_certificate"
        elif ledger.id in existing:
            outcome, activity_id = "already_recorded", existing[ledger.id].id
        elif ledger.barred or ledger.certificate_status != "valid":
            outcome = "not_in_force"
        else:
            outcome, activity = await _attend(session, course, ledger, attendee, today)
            if activity is not None:
                existing[ledger.id] = activity
                activity_id = activity.id
                touched[ledger.id] = ledger
        results.append(AttendeeResult(certificate_number=attendee.certificate_number,
                                      outcome=outcome, activity_id=activity_id))
    for ledger in touched.values():
        await compliance.refresh(session, ledger)
    return AttendanceOut(
        course_id=course.id, received=len(attendees),
        recorded=sum(r.outcome == "recorded" for r in results),
        already_recorded=sum(r.outcome == "already_recorded" for r in results),
        not_matched=sum(r.outcome not in ("recorded", "already_recorded") for r in results),
        results=results,
    )


async def _attend(session: AsyncSession, course: CpdCourse, ledger: CpdLedger,
                  attendee: AttendeeIn, today: date) -> tuple[Outcome, CpdActivity | None]:
    attended_on = attendee.attended_on or course.ends_on
    minutes = attendee.minutes or course.minutes
    if (minutes > course.minutes or not course.starts_on <= attended_on <= course.ends_on
            or attended_on > today):
        return "invalid", None
    year = year_of(validity_years(ledger.valid_from, ledger.valid_until), attended_on)
    if year is None:
        return "outside_validity", None
    book = await policy_book(session, ledger.society_code)
    if year_closed(year, today, book.terms_for_year(year).grace_days):
        return "year_closed", None
    activity = CpdActivity(
        id=uuid.uuid4(), ledger_id=ledger.id, kind=course.kind, title=course.title,
        provider=course.provider_name, starts_on=min(course.starts_on, attended_on),
        ends_on=attended_on, minutes=minutes, reflection="", status="verified",
        source="provider", course_id=course.id, created_at=clock.now(),
    )
    await activities.add(session, activity)
    return "recorded", activity
