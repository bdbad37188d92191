"""Rules of the evaluation cycle, as plain functions."""

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (31 Aug + 6 months = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def cycle_deadline(submitted: date, cycle_months: int = 6) -> date:
    """The date by which the whole evaluation must end."""
    return add_months(submitted, cycle_months)
