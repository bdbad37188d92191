"""Compliance over a certificate's validity, as a plain function of its facts.

Each year stands on its own [003 Q22 "每年"]: hours above one year's requirement do not carry
into another year. A granted deferral either reduces a year's requirement or postpones some of
its hours to a later year of the same validity [003 Q25]."""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cpd.activities.rules import activity_hours
from cpd.ledgers.rules import ValidityYear
from cpd.policies.rules import PolicyTerms


@dataclass(frozen=True)
class CountedActivity:
    year: int
    kind: str
    minutes: int | None
    status: str


@dataclass(frozen=True)
class GrantedDeferral:
    """`hours` of year `year` excused (`reduce`) or moved to year `to_year` (`postpone`)."""

    year: int
    mode: str
    hours: int
    to_year: int | None = None


@dataclass(frozen=True)
class YearResult:
    year: ValidityYear
    required: int
    credited: int
    deferred: int
    shortfall: int
    # Hours postponed into this year from earlier ones (part of `required`).
    postponed_in: int


@dataclass(frozen=True)
class PeriodResult:
    years: list[YearResult]
    required: int
    credited: int
    deferred: int
    shortfall: int
    deferral_granted: bool

    @property
    def compliant(self) -> bool:
        return self.shortfall == 0


def year_credits(activities: Sequence[CountedActivity], terms: PolicyTerms) -> int:
    """Hours of one year's activities, each kind held to the society's cap for that kind."""
    by_kind: dict[str, int] = defaultdict(int)
    for activity in activities:
        by_kind[activity.kind] += activity_hours(
            activity.kind, activity.minutes, activity.status, terms.fixed_credits,
            terms.minutes_per_hour)
    return sum(min(hours, terms.caps.get(kind, hours)) for kind, hours in by_kind.items())


def compliance(
    years: Sequence[ValidityYear],
    terms_for: Callable[[ValidityYear], PolicyTerms],
    activities: Sequence[CountedActivity],
    deferrals: Sequence[GrantedDeferral],
) -> PeriodResult:
    """Required, credited, deferred and shortfall per year of validity and for the period."""
    postponed_in: dict[int, int] = defaultdict(int)
    deferred: dict[int, int] = defaultdict(int)
    for deferral in deferrals:
        deferred[deferral.year] += deferral.hours
        if deferral.mode == "postpone" and deferral.to_year is not None:
            postponed_in[deferral.to_year] += deferral.hours
    results: list[YearResult] = []
    for year in years:
        terms = terms_for(year)
        required = terms.hours_per_year + postponed_in[year.index]
        credited = year_credits([a for a in activities if a.year == year.index], terms)
        excused = min(deferred[year.index], required)
        results.append(YearResult(
            year=year, required=required, credited=credited, deferred=excused,
            shortfall=max(0, required - excused - credited), postponed_in=postponed_in[year.index],
        ))
    return PeriodResult(
        years=results,
        # Postponed hours are required once, in the year they were moved to.
        required=sum(r.required for r in results) - sum(postponed_in.values()),
        credited=sum(r.credited for r in results),
        deferred=sum(r.deferred for r in results) - sum(postponed_in.values()),
        shortfall=sum(r.shortfall for r in results),
        deferral_granted=bool(deferrals),
    )
