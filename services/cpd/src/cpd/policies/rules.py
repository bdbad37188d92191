"""Policy rules: what a society may set, checked against the CSE's floors."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from cpd.activities.rules import KINDS, UNTIMED_KINDS
from cpd.ledgers.rules import (
    MINUTES_PER_HOUR,
    default_hours_per_year,
    floor_hours_per_year,
    floor_rule,
)

# (default) Fixed credits per untimed activity until a society sets its own [003 Q24]: the
# CSE's CPD standard is not among the source documents, so these are the platform's reading.
DEFAULT_FIXED_CREDITS: dict[str, int] = {
    "standards_drafting": 20,
    "research_project": 20,
    "paper": 10,
    "patent": 10,
}
# (default) Remind a member behind pace this many days into a year of validity (~9 months).
DEFAULT_PACE_REMINDER_DAY = 270
# (default) Days after a year of validity ends during which its activities can still change.
DEFAULT_GRACE_DAYS = 30


@dataclass(frozen=True)
class PolicyTerms:
    """The figures of one policy version."""

    hours_per_year: int
    fixed_credits: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_FIXED_CREDITS))
    # Most hours a kind may contribute to one year (e.g. self-study); absent = no cap.
    caps: Mapping[str, int] = field(default_factory=dict)
    pace_reminder_day: int = DEFAULT_PACE_REMINDER_DAY
    grace_days: int = DEFAULT_GRACE_DAYS
    minutes_per_hour: int = MINUTES_PER_HOUR


def default_terms(society_code: str) -> PolicyTerms:
    return PolicyTerms(hours_per_year=default_hours_per_year(society_code))


@dataclass(frozen=True)
class Violation:
    """One thing looser than the CSE's rules: where (`location`), what (`code`), and why in
    Chinese and English (quoting the rule)."""

    location: list[str]
    code: str
    message_zh: str
    message_en: str

    @property
    def message(self) -> str:
        return f"{self.message_zh} / {self.message_en}"


def check_terms(society_code: str, terms: PolicyTerms) -> list[Violation]:
    """Everything in `terms` that is looser than the CSE's rules or makes no sense."""
    found: list[Violation] = []
    floor = floor_hours_per_year(society_code)
    if terms.hours_per_year < floor:
        zh_rule, _, en_rule = floor_rule(society_code).partition(" / ")
        found.append(Violation(
            ["body", "hours_per_year"], "below_cse_floor",
            f"每年 {terms.hours_per_year} 学时低于下限 {floor} 学时。{zh_rule}",
            f"{terms.hours_per_year} hours a year is below the floor of {floor}: {en_rule}.",
        ))
    if terms.minutes_per_hour < MINUTES_PER_HOUR:
        found.append(Violation(
            ["body", "minutes_per_hour"], "below_cse_floor",
            f"每学时不少于 {MINUTES_PER_HOUR} 分钟 [003 Q22]",
            f"An hour is at least {MINUTES_PER_HOUR} minutes [003 Q22]; "
            f"{terms.minutes_per_hour} is looser.",
        ))
    for kind, hours in terms.fixed_credits.items():
        if kind not in UNTIMED_KINDS:
            found.append(Violation(["body", "fixed_credits", kind], "not_untimed_kind",
                                   f"{kind} 不是无时长的活动类别",
                                   f"{kind} is not an untimed kind "
                                   f"({', '.join(UNTIMED_KINDS)})."))
        elif not 0 <= hours <= terms.hours_per_year:
            found.append(Violation(["body", "fixed_credits", kind], "credit_out_of_range",
                                   f"认定学时应在 0 到 {terms.hours_per_year} 之间",
                                   f"A fixed credit must be between 0 and "
                                   f"{terms.hours_per_year} hours."))
    for kind, hours in terms.caps.items():
        if kind not in KINDS:
            found.append(Violation(["body", "caps", kind], "unknown_kind",
                                   f"未知的活动类别 {kind}", f"Unknown activity kind {kind}."))
        elif hours < 0:
            found.append(Violation(["body", "caps", kind], "negative_cap",
                                   "上限不能为负", "A cap cannot be negative."))
    return found
