"""When a member is reminded: behind pace in the current year, or short at a year's end."""

import math
from datetime import date, timedelta

from cpd.ledgers.rules import ValidityYear


def expected_hours(year: ValidityYear, today: date, required: int) -> int:
    """Hours a member keeping an even pace has by `today`: the elapsed share of the year."""
    length = (year.end - year.start).days + 1
    elapsed = min(length, max(0, (today - year.start).days + 1))
    return math.ceil(required * elapsed / length)


def in_pace_window(year: ValidityYear, today: date, pace_reminder_day: int) -> bool:
    """From the society's reminder day of the year to the year's last day."""
    return year.start <= today <= year.end and (today - year.start).days + 1 >= pace_reminder_day


def in_shortfall_window(year: ValidityYear, today: date, grace_days: int) -> bool:
    """After the year ended, while its grace days still let the member record late."""
    return year.end < today <= year.end + timedelta(days=grace_days)


def behind_pace(year: ValidityYear, today: date, *, required: int, done: int,
                pace_reminder_day: int) -> bool:
    """From the society's reminder day of the year on, fewer hours than an even pace gives."""
    return (in_pace_window(year, today, pace_reminder_day)
            and done < expected_hours(year, today, required))


def ended_short(year: ValidityYear, today: date, shortfall: int, grace_days: int) -> bool:
    """A year that ended short, while its grace days still let the member record late."""
    return shortfall > 0 and in_shortfall_window(year, today, grace_days)


def occasion(kind: str, certificate_number: str, year: ValidityYear) -> str:
    return f"{kind}:{certificate_number}:{year.start.isoformat()}"
