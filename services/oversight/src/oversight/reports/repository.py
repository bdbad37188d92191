"""Queries on the pilot report's facts, targets and ready reports."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from kit.pagination import PageParams
from sqlalchemy import func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight import cursors
from oversight.models import MetricFact, PilotReport, PilotTarget


async def counts(session: AsyncSession, start: date, end: date, year_start: date
                 ) -> Sequence[tuple[str, str, int, int, int]]:
    """(metric, unit, new in the period, new since the year began, cumulative) per unit."""
    day = MetricFact.occurred_on
    rows = await session.execute(
        select(
            MetricFact.metric, MetricFact.unit_code,
            func.count().filter(day.between(start, end)),
            func.count().filter(day.between(year_start, end)),
            func.count().filter(day <= end),
        ).group_by(MetricFact.metric, MetricFact.unit_code)
    )
    return [(m, u, int(n), int(y), int(c)) for m, u, n, y, c in rows.all()]


async def targets(session: AsyncSession) -> Sequence[PilotTarget]:
    return (await session.scalars(select(PilotTarget))).all()


async def targets_page(session: AsyncSession, params: PageParams
                       ) -> tuple[Sequence[PilotTarget], str | None]:
    """By year, unit and metric; the cursor is a position in that order (a small table of
    reference figures, edited a few times a year)."""
    offset = cursors.offset_of(params.cursor)
    rows = (await session.scalars(
        select(PilotTarget).order_by(PilotTarget.year, PilotTarget.unit_code, PilotTarget.metric)
        .offset(offset).limit(params.limit + 1))).all()
    if len(rows) <= params.limit:
        return rows, None
    return rows[: params.limit], cursors.offset_cursor(offset + params.limit)


async def upsert_targets(session: AsyncSession, rows: list[dict[str, Any]], *,
                         overwrite: bool) -> None:
    statement = insert(PilotTarget).values(rows)
    if overwrite:
        await session.execute(statement.on_conflict_do_update(
            index_elements=["year", "unit_code", "metric"],
            set_={"new_target": statement.excluded.new_target,
                  "cumulative_target": statement.excluded.cumulative_target,
                  "comparison": statement.excluded.comparison},
        ))
    else:
        await session.execute(statement.on_conflict_do_nothing())


async def add_report(session: AsyncSession, values: dict[str, Any]) -> bool:
    """Store a ready report once per period; False when it was already there."""
    result = await session.execute(
        insert(PilotReport).values(values).on_conflict_do_nothing()
        .returning(PilotReport.id)
    )
    return result.scalar() is not None


def ready_cursor(report: PilotReport) -> str:
    return cursors.dates_cursor(report.period_start, report.period_end, report.id)


async def ready_reports(session: AsyncSession, params: PageParams) -> Sequence[PilotReport]:
    """The latest period first (for one start, the longest period first), with one look-ahead
    row (`cursors.trim`)."""
    key = (PilotReport.period_start, PilotReport.period_end, PilotReport.id)
    query = select(PilotReport).order_by(*(column.desc() for column in key))
    if params.cursor:
        query = query.where(tuple_(*key) < tuple_(*cursors.dates_of(params.cursor)))
    return (await session.scalars(query.limit(params.limit + 1))).all()


async def ready_report(session: AsyncSession, kind: str, start: date) -> PilotReport | None:
    return await session.scalar(select(PilotReport).where(
        PilotReport.period_kind == kind, PilotReport.period_start == start))
