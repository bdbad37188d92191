"""CPD rules, as plain functions."""

CSE_HOURS_PER_YEAR = 50
MINUTES_PER_HOUR = 45
# Society variants from the source documents: the chemical society requires 40 hours [004].
SOCIETY_HOURS_PER_YEAR = {"ciesc": 40}


def default_hours_per_year(society_code: str) -> int:
    return SOCIETY_HOURS_PER_YEAR.get(society_code, CSE_HOURS_PER_YEAR)


def credited_hours(minutes: int, minutes_per_hour: int = MINUTES_PER_HOUR) -> int:
    """Whole CPD hours for an activity: one hour is at least 45 minutes."""
    return minutes // minutes_per_hour
