"""Queries on plans, courses and attendance pushes."""

import uuid
from collections.abc import Sequence

from kit.pagination import PageParams, paginate
from sqlalchemy import extract, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.models import CpdAttendancePush, CpdCourse, CpdLedger, CpdPlan


async def get_plan(session: AsyncSession, plan_id: uuid.UUID) -> CpdPlan | None:
    return await session.get(CpdPlan, plan_id)


async def plan_of(session: AsyncSession, publisher: str, year: int) -> CpdPlan | None:
    return await session.scalar(
        select(CpdPlan).where(CpdPlan.publisher == publisher, CpdPlan.year == year))


async def plans(session: AsyncSession, params: PageParams, year: int | None,
                publisher: str | None) -> Sequence[CpdPlan]:
    """One page, latest published first (and one row more, to tell whether another follows)."""
    query = select(CpdPlan)
    if year is not None:
        query = query.where(CpdPlan.year == year)
    if publisher is not None:
        query = query.where(CpdPlan.publisher == publisher)
    return (await session.scalars(
        paginate(query, CpdPlan.created_at, CpdPlan.id, params))).all()


async def get_course(session: AsyncSession, course_id: uuid.UUID) -> CpdCourse | None:
    return await session.get(CpdCourse, course_id)


async def courses(session: AsyncSession, params: PageParams, *, year: int | None,
                  publisher: str | None, provider_code: str | None, quality: bool | None
                  ) -> Sequence[CpdCourse]:
    """One page, latest published first (and one row more, to tell whether another follows)."""
    query = select(CpdCourse)
    if year is not None:
        query = query.where(extract("year", CpdCourse.starts_on) == year)
    if publisher is not None:
        query = query.where(CpdCourse.publisher == publisher)
    if provider_code is not None:
        query = query.where(CpdCourse.provider_code == provider_code)
    if quality is not None:
        query = query.where(CpdCourse.quality.is_(quality))
    return (await session.scalars(
        paginate(query, CpdCourse.created_at, CpdCourse.id, params))).all()


async def quality_counts(session: AsyncSession, year: int | None
                         ) -> Sequence[tuple[str, int, int]]:
    """(publisher, courses, quality courses), by publisher: one row per publisher at most."""
    query = select(CpdCourse.publisher, func.count(),
                   func.count().filter(CpdCourse.quality.is_(True))).group_by(CpdCourse.publisher).order_by(CpdCourse.publisher)
    if year is not None:
        query = query.where(extract("year", CpdCourse.starts_on) == year)
    return [(p, int(n), int(q)) for p, n, q in (await session.execute(query)).all()]


async def push_of(session: AsyncSession, provider_code: str, key: str
                  ) -> CpdAttendancePush | None:
    return await session.scalar(select(CpdAttendancePush).where(
        CpdAttendancePush.provider_code == provider_code,
        CpdAttendancePush.idempotency_key == key))


async def ledgers_by_number(session: AsyncSession, numbers: Sequence[str]
                            ) -> dict[str, CpdLedger]:
    rows = (await session.scalars(
        select(CpdLedger).where(CpdLedger.certificate_number.in_(numbers))
        .order_by(CpdLedger.id).with_for_update()
    )).all()
    return {ledger.certificate_number: ledger for ledger in rows}
