"""Request and response shapes of CPD policies."""

import uuid
from datetime import date, datetime

from kit.types import Day
from pydantic import BaseModel, ConfigDict, Field

from cpd.ledgers.rules import MINUTES_PER_HOUR
from cpd.policies.rules import DEFAULT_GRACE_DAYS, DEFAULT_PACE_REMINDER_DAY


class PolicyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    effective_from: Day = Field(description="China date from which it applies (today or "
                                 "later); each year of validity follows the version in force "
                                 "on its first day")
    hours_per_year: int = Field(ge=0, le=1000)
    minutes_per_hour: int = Field(default=MINUTES_PER_HOUR, ge=1, le=120)
    fixed_credits: dict[str, int] = Field(
        default_factory=dict, description="Hours per untimed activity (standards_drafting, "
        "research_project, paper, patent); kinds left out keep the CSE default")
    caps: dict[str, int] = Field(default_factory=dict,
                                 description="Most hours a kind may add to one year")
    pace_reminder_day: int = Field(default=DEFAULT_PACE_REMINDER_DAY, ge=1, le=365,
                                   description="Day of a year of validity on which a member "
                                   "behind pace is reminded")
    grace_days: int = Field(default=DEFAULT_GRACE_DAYS, ge=0, le=365,
                            description="Days after a year ends during which it can change")
    note: str = Field(default="", max_length=1000)


class PolicyVersionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    society_code: str
    effective_from: date
    hours_per_year: int
    minutes_per_hour: int
    fixed_credits: dict[str, int]
    caps: dict[str, int]
    pace_reminder_day: int
    grace_days: int
    note: str
    set_by: str
    created_at: datetime


class PolicyOut(BaseModel):
    society_code: str
    # The lowest yearly figure this society may set, and the rule that says so.
    floor_hours_per_year: int
    floor_rule: str
    own_figure_allowed: bool
    current: PolicyVersionOut | None
