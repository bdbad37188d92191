"""The funnel and cycle-time figures, as plain functions over plain values."""

import calendar
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# The CSE's evaluation cycle: no more than six months [001].
CYCLE_LIMIT_MONTHS = 6
STAGES = ("recommended", "pre_screened", "applied", "accepted", "passed", "failed", "registered")
# Each stage's conversion is measured against the stage that feeds it.
FEEDS = {
    "pre_screened": "recommended", "applied": "pre_screened", "accepted": "applied",
    "passed": "accepted", "failed": "accepted", "registered": "passed",
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cycle_deadline(submitted_on: date, case_deadline: date | None) -> date:
    """The case's own deadline (a society may only shorten the cycle), else six months."""
    limit = add_months(submitted_on, CYCLE_LIMIT_MONTHS)
    return min(case_deadline, limit) if case_deadline else limit


def rate(numerator: int, denominator: int) -> float | None:
    """A conversion rate to four places, None when nothing entered the stage before."""
    if denominator <= 0:
        return None
    return float((Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP))


def conversions(counts: dict[str, int]) -> dict[str, float | None]:
    return {stage: rate(counts.get(stage, 0), counts.get(source, 0))
            for stage, source in FEEDS.items()}


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear interpolation between closest ranks (the method of numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low, high = math.floor(position), math.ceil(position)
    value = ordered[low] + (ordered[high] - ordered[low]) * (position - low)
    return round(value, 1)


@dataclass(frozen=True)
class CycleStats:
    count: int
    median_days: float | None
    p90_days: float | None
    max_days: float | None


def cycle_stats(days: Sequence[float]) -> CycleStats:
    return CycleStats(
        count=len(days), median_days=percentile(days, 50), p90_days=percentile(days, 90),
        max_days=max(days) if days else None,
    )


def is_overdue(deadline: date, decided_on: date | None, today: date) -> bool:
    """Decided after its deadline, or still undecided past it."""
    return (decided_on or today) > deadline
