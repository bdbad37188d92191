"""The countable facts of the pilot report, one row per source fact, recorded by the event
handlers and counted by period and pilot unit."""

from datetime import date

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight.models import MetricFact

REGISTERED_MEMBERS = "registered_members"
TRAINED_EXAMINERS = "trained_examiners"
QUALITY_CPD_COURSES = "quality_cpd_courses"
BILATERAL_RECOGNITIONS = "bilateral_recognitions"
GBA_ACCESS = "gba_access_professionals"
GBA_NON_ACCESS = "gba_non_access_recognitions"
METRICS = (REGISTERED_MEMBERS, TRAINED_EXAMINERS, QUALITY_CPD_COURSES, BILATERAL_RECOGNITIONS,
           GBA_ACCESS, GBA_NON_ACCESS)


async def record(session: AsyncSession, metric: str, source_key: str, unit_code: str,
                 occurred_on: date) -> None:
    """Count a fact once; seen again (a redelivery, a second training of the same examiner),
    it keeps its earliest date, so "new in a period" means new for the first time."""
    statement = insert(MetricFact).values(
        metric=metric, source_key=source_key, unit_code=unit_code, occurred_on=occurred_on)
    await session.execute(statement.on_conflict_do_update(
        index_elements=["metric", "source_key"],
        set_={"occurred_on": func.least(MetricFact.occurred_on, statement.excluded.occurred_on)},
    ))


async def record_many(session: AsyncSession, facts: list[tuple[str, str, str, date]]) -> None:
    """`record` for many (metric, source key, unit, date) facts in one statement; a fact given
    twice counts once, at its earliest date."""
    earliest: dict[tuple[str, str], tuple[str, date]] = {}
    for metric, key, unit, day in facts:
        seen = earliest.get((metric, key))
        if seen is None or day < seen[1]:
            earliest[(metric, key)] = (unit, day)
    if not earliest:
        return
    statement = insert(MetricFact).values([
        {"metric": metric, "source_key": key, "unit_code": unit, "occurred_on": day}
        for (metric, key), (unit, day) in earliest.items()
    ])
    await session.execute(statement.on_conflict_do_update(
        index_elements=["metric", "source_key"],
        set_={"occurred_on": func.least(MetricFact.occurred_on, statement.excluded.occurred_on)},
    ))
