"""CPD rules, as plain functions: hours from minutes, the CSE's floor and who may go below it,
the years of a certificate's validity."""

from dataclasses import dataclass
from datetime import date, timedelta

# [003 Q22]: each year of validity at least 50 hours (学时), each hour at least 45 minutes.
CSE_HOURS_PER_YEAR = 50
MINUTES_PER_HOUR = 45
CSE_RULE = (
    "联合体规定注册有效期内每年应完成不少于 50 学时 [003 Q22] / The CSE requires at least 50 "
    "CPD hours in each year of validity [003 Q22]"
)


@dataclass(frozen=True)
class OwnFigure:
    """A society the CSE's rules let set its own yearly figure instead of the CSE's 50."""

    hours_per_year: int
    source: str


# The only society whose own figure the source documents give: the chemical society's 40
# hours [004 §4(四)]. A society not listed here can only tighten the CSE's 50.
OWN_FIGURES: dict[str, OwnFigure] = {
    "ciesc": OwnFigure(40, "中国化工学会工程能力评价办法 [004 §4(四)]：每年不少于 40 学时"),
}


def default_hours_per_year(society_code: str) -> int:
    own = OWN_FIGURES.get(society_code)
    return own.hours_per_year if own else CSE_HOURS_PER_YEAR


def floor_hours_per_year(society_code: str) -> int:
    """The lowest yearly figure a society may set: its own figure where the CSE grants one."""
    return default_hours_per_year(society_code)


def floor_rule(society_code: str) -> str:
    own = OWN_FIGURES.get(society_code)
    if own is None:
        return CSE_RULE
    return (f"{own.source} / the CSE lets {society_code} set its own figure of "
            f"{own.hours_per_year} hours a year [004 §4(四)]")


def credited_hours(minutes: int, minutes_per_hour: int = MINUTES_PER_HOUR) -> int:
    """Whole CPD hours for one timed activity: floor(minutes / 45).

    An hour is credited only for 45 whole minutes of one activity: 44 min → 0 h, 45 → 1,
    89 → 1, 90 → 2. Remainders are not pooled across activities, because the rule [003 Q22]
    defines the length of a learning hour, and pooling would let fragments (six 8-minute
    clips) count as an hour nobody sat through."""
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    return minutes // minutes_per_hour


@dataclass(frozen=True)
class ValidityYear:
    """Year `index` (1…5) of a certificate's validity: [start, end], both China dates."""

    index: int
    start: date
    end: date


def _anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February: the anniversary is 1 March
        return date(start.year + years, 3, 1)


def validity_years(valid_from: date, valid_until: date) -> list[ValidityYear]:
    """The years of validity, counted from the registration date [004 §4(三)]; the last one
    ends with the validity."""
    years: list[ValidityYear] = []
    index, start = 1, valid_from
    while start <= valid_until:
        next_start = _anniversary(valid_from, index)
        years.append(ValidityYear(index, start, min(next_start - timedelta(days=1), valid_until)))
        index, start = index + 1, next_start
    return years


def year_of(years: list[ValidityYear], day: date) -> ValidityYear | None:
    """The validity year an activity counts for: the one holding the day it ended."""
    for year in years:
        if year.start <= day <= year.end:
            return year
    return None


def year_closed(year: ValidityYear, today: date, grace_days: int) -> bool:
    """A year closes `grace_days` after its end: late records are still possible, then it is
    frozen for the review at re-registration."""
    return today > year.end + timedelta(days=grace_days)
