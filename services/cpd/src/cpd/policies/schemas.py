"""Request and response shapes of CPD policies."""

import uuid
from datetime import date, datetime
from typing import Annotated

from kit.types import Day
from pydantic import BaseModel, ConfigDict, Field

from cpd.activities.schemas import Kind, UntimedKind
from cpd.ledgers.rules import MINUTES_PER_HOUR
from cpd.policies.rules import DEFAULT_GRACE_DAYS, DEFAULT_PACE_REMINDER_DAY

HOURS = "CPD hours (学时) required in each year of validity; not below the floor."
MINUTES = "Minutes in one CPD hour; at least 45 [003 Q22]."
FIXED = ("Hours credited per untimed activity, by kind (standards_drafting, research_project, "
         "paper, patent), each between 0 and `hours_per_year`.")
CAPS = "Most hours one activity kind may add to one year, by kind; a kind left out has no cap."
PACE = "Day of a year of validity (1–365) on which a member behind pace is reminded."
Hours = Annotated[int, Field(ge=0, le=1000)]
GRACE = "Days after a year of validity ends during which its activities can still change."


class PolicyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, json_schema_extra={
        "examples": [{"effective_from": "2028-01-01", "hours_per_year": 60,
                      "minutes_per_hour": 45, "fixed_credits": {"paper": 15},
                      "caps": {"self_study": 10}, "pace_reminder_day": 270, "grace_days": 30,
                      "note": "2028 年起每年 60 学时"}]})

    effective_from: Day = Field(description="China date from which it applies (today or "
                                "later), YYYY-MM-DD; each year of validity follows the version "
                                "in force on its first day")
    hours_per_year: int = Field(ge=0, le=1000, description=HOURS + " The CSE's is 50; a society "
                                "may go below it only where the CSE grants its own figure.")
    minutes_per_hour: int = Field(default=MINUTES_PER_HOUR, ge=1, le=120, description=MINUTES)
    fixed_credits: dict[UntimedKind, Hours] = Field(default_factory=dict, description=(
        FIXED + " Kinds left out keep the CSE default."))
    caps: dict[Kind, Hours] = Field(default_factory=dict, description=CAPS)
    pace_reminder_day: int = Field(default=DEFAULT_PACE_REMINDER_DAY, ge=1, le=365,
                                   description=PACE)
    grace_days: int = Field(default=DEFAULT_GRACE_DAYS, ge=0, le=365, description=GRACE)
    note: str = Field(default="", max_length=1000, description="Why the policy changed, shown "
                      "with the version.")


class PolicyVersionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The version's id.")
    society_code: str = Field(description="The society whose policy it is, e.g. `cces`.")
    effective_from: date = Field(description="China date from which it applies.")
    hours_per_year: int = Field(description=HOURS)
    minutes_per_hour: int = Field(description=MINUTES)
    fixed_credits: dict[str, int] = Field(description=FIXED)
    caps: dict[str, int] = Field(description=CAPS)
    pace_reminder_day: int = Field(description=PACE)
    grace_days: int = Field(description=GRACE)
    note: str = Field(description="Why it was set; `联合体默认值 / CSE defaults` for the seeded "
                      "version.")
    set_by: str = Field(description="Account id of the staff member who set it; `seed` for the "
                        "platform's default.")
    created_at: datetime = Field(description="When it was set (ISO 8601 with offset).")


class PolicyOut(BaseModel):
    society_code: str = Field(description="The society, e.g. `cces`.")
    floor_hours_per_year: int = Field(description="The lowest yearly figure this society may "
                                      "set: the CSE's 50, or its own figure where the CSE "
                                      "grants one.")
    floor_rule: str = Field(description="The rule behind the floor, quoted (中文 / English).")
    own_figure_allowed: bool = Field(description="The CSE lets this society set its own "
                                     "figure below 50 (e.g. the chemical society's 40).")
    current: PolicyVersionOut | None = Field(description="The version in force today (China "
                                             "date); null when none has started yet.")
