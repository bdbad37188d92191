"""Rules of the evaluation cycle, as plain functions: months, Chinese working days, deadlines."""

import calendar
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from holidays import HolidayBase, country_holidays
from kit.clock import china_date, china_midnight

DeadlineState = Literal["overdue", "at_risk", "on_track", "closed"]


def add_months(start: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (31 Aug + 6 months = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def cycle_deadline(submitted: date, cycle_months: int = 6) -> date:
    """The date by which the whole evaluation must end."""
    return add_months(submitted, cycle_months)


def end_of_china_day(day: date) -> datetime:
    """The instant a Chinese calendar day ends (midnight Beijing time of the next day), in UTC."""
    return china_midnight(day + timedelta(days=1))


def last_day_of(deadline: datetime) -> date:
    """The China date a deadline at the end of a day belongs to (its last day to act)."""
    return china_date(deadline - timedelta(microseconds=1))


@lru_cache(maxsize=1)
def _china_holidays() -> HolidayBase:
    # Statutory holidays and the make-up workdays (调休) come from the `holidays` package.
    return country_holidays("CN")


def add_working_days(start: date, days: int) -> date:
    """The `days`-th Chinese working day after `start` (weekends and statutory holidays
    skipped, make-up workdays counted); 0 gives `start` itself."""
    if days <= 0:
        return start
    return _china_holidays().get_nth_working_day(start, days)


def deadline_state(
    deadline: date, today: date, *, at_risk_days: int, closed: bool
) -> DeadlineState:
    """Overdue once the deadline has passed; at risk within `at_risk_days` of it."""
    if closed:
        return "closed"
    if today > deadline:
        return "overdue"
    if today >= deadline - timedelta(days=at_risk_days):
        return "at_risk"
    return "on_track"
