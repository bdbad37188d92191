"""When a member is reminded: behind pace in the current year, or short at a year's end."""

import math
from datetime import date, timedelta

from cpd.ledgers.rules import ValidityYear


def expected_hours(year: ValidityYear, today: date, required: int) -> int:
    """Hours a member keeping an even pace has by `today`: the elapsed share of the year."""
    length = (year.end - year.start).days + 1
    elapsed = min(length, max(0, (today - year.start).days + 1))
    return math.ceil(required * elapsed / length)


def behind_pace(year: ValidityYear, today: date, *, required: int, done: int,
                pace_reminder_day: int) -> bool:
    """From the society's reminder day of the year on, fewer hours than an even pace gives."""
    if not year.start <= today <= year.end:
        return False
    if (today - year.start).days + 1 < pace_reminder_day:
        return False
    return done < expected_hours(year, today, required)


def ended_short(year: ValidityYear, today: date, shortfall: int, grace_days: int) -> bool:
    """A year that ended short, while its grace days still let the member record late."""
    return shortfall > 0 and year.end < today <= year.end + timedelta(days=grace_days)


def occasion(kind: str, certificate_number: str, year: ValidityYear) -> str:
    return f"{kind}:{certificate_number}:{year.start.isoformat()}"
