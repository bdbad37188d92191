"""The CPD rules as plain functions, without a database."""

from datetime import date

import pytest
from cpd.activities.rules import activity_hours
from cpd.compliance.rules import CountedActivity, GrantedDeferral, compliance, year_credits
from cpd.ledgers.rules import (
    credited_hours,
    default_hours_per_year,
    floor_hours_per_year,
    validity_years,
    year_closed,
    year_of,
)
from cpd.policies.rules import DEFAULT_FIXED_CREDITS, PolicyTerms, check_terms


@pytest.mark.parametrize(("minutes", "hours"),
                         [(0, 0), (44, 0), (45, 1), (89, 1), (90, 2), (134, 2), (135, 3)])
def test_an_hour_is_45_whole_minutes_of_one_activity(minutes: int, hours: int) -> None:
    assert credited_hours(minutes) == hours


def test_remainders_are_not_pooled_across_activities() -> None:
    terms = PolicyTerms(hours_per_year=50)
    forty_fours = [CountedActivity(1, "self_study", 44, "recorded")] * 3
    assert year_credits(forty_fours, terms) == 0


def test_untimed_kinds_earn_the_society_fixed_credit() -> None:
    credits = {"standards_drafting": 20, "paper": 8}
    assert activity_hours("standards_drafting", None, "recorded", credits, 45) == 20
    assert activity_hours("paper", None, "verified", credits, 45) == 8
    assert activity_hours("paper", None, "not_credited", credits, 45) == 0
    assert activity_hours("course", 90, "not_credited", credits, 45) == 0


def test_cse_50_hours_and_the_chemical_society_own_40() -> None:
    assert default_hours_per_year("cces") == 50
    assert default_hours_per_year("ciesc") == 40
    assert floor_hours_per_year("ciesc") == 40


def test_looser_than_cse_is_refused_quoting_the_rule() -> None:
    [violation] = check_terms("cces", PolicyTerms(hours_per_year=45))
    assert "003 Q22" in violation.message
    assert violation.location == ["body", "hours_per_year"]
    assert check_terms("cces", PolicyTerms(hours_per_year=60)) == []
    assert check_terms("ciesc", PolicyTerms(hours_per_year=40)) == []
    [chemical] = check_terms("ciesc", PolicyTerms(hours_per_year=39))
    assert "004" in chemical.message
    [minutes] = check_terms("cces", PolicyTerms(hours_per_year=50, minutes_per_hour=40))
    assert minutes.location == ["body", "minutes_per_hour"]
    wrong = check_terms("cces", PolicyTerms(hours_per_year=50, fixed_credits={"course": 5},
                                            caps={"nonsense": 1}))
    assert [v.location[-1] for v in wrong] == ["course", "nonsense"]


def test_years_of_validity_follow_the_registration_date() -> None:
    years = validity_years(date(2026, 11, 22), date(2031, 11, 21))
    assert [(y.index, y.start, y.end) for y in years][:2] == [
        (1, date(2026, 11, 22), date(2027, 11, 21)), (2, date(2027, 11, 22), date(2028, 11, 21))]
    assert len(years) == 5
    assert years[-1].end == date(2031, 11, 21)
    assert year_of(years, date(2027, 11, 21)).index == 1  # type: ignore[union-attr]
    assert year_of(years, date(2027, 11, 22)).index == 2  # type: ignore[union-attr]
    assert year_of(years, date(2031, 11, 22)) is None
    leap = validity_years(date(2028, 2, 29), date(2033, 2, 28))
    assert leap[0].end == date(2029, 2, 28)
    assert len(leap) == 5


def test_a_year_closes_after_its_grace_days() -> None:
    year = validity_years(date(2026, 11, 22), date(2031, 11, 21))[0]
    assert not year_closed(year, date(2027, 12, 21), 30)
    assert year_closed(year, date(2027, 12, 22), 30)


def test_compliance_per_year_with_caps_deferrals_and_no_carry_over() -> None:
    years = validity_years(date(2026, 11, 22), date(2031, 11, 21))
    terms = PolicyTerms(hours_per_year=50, fixed_credits=DEFAULT_FIXED_CREDITS,
                        caps={"self_study": 10})
    activities = [
        CountedActivity(1, "course", 45 * 30, "recorded"),      # 30 h
        CountedActivity(1, "self_study", 45 * 25, "recorded"),  # 25 h, capped at 10
        CountedActivity(1, "standards_drafting", None, "accepted"),  # 20 h
        CountedActivity(2, "course", 45 * 80, "verified"),      # 80 h: no carry into year 3
    ]
    deferrals = [GrantedDeferral(3, "reduce", 30), GrantedDeferral(4, "postpone", 20, 5)]
    result = compliance(years, lambda year: terms, activities, deferrals)
    rows = [(r.required, r.credited, r.deferred, r.shortfall) for r in result.years]
    assert rows == [(50, 60, 0, 0), (50, 80, 0, 0), (50, 0, 30, 20), (50, 0, 20, 30),
                    (70, 0, 0, 70)]
    assert (result.required, result.credited, result.deferred, result.shortfall) == (
        250, 140, 30, 120)
    assert result.deferral_granted
    assert not result.compliant


def test_each_year_follows_its_own_policy() -> None:
    years = validity_years(date(2026, 11, 22), date(2031, 11, 21))
    strict = PolicyTerms(hours_per_year=60)
    usual = PolicyTerms(hours_per_year=50)
    result = compliance(years, lambda y: strict if y.start >= date(2028, 1, 1) else usual, [], [])
    assert [r.required for r in result.years] == [50, 50, 60, 60, 60]
