"""Request and response shapes of CPD activities."""

import uuid
from datetime import date, datetime
from typing import Literal

from kit.types import Day
from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["course", "conference", "training", "work_based", "self_study", "teaching",
               "standards_drafting", "research_project", "paper", "patent", "other"]
# The words stored in cpd_activities.status and cpd_activities.source.
Status = Literal["recorded", "verified", "accepted", "not_credited"]
Source = Literal["member", "provider"]


class ActivityIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Kind
    title: str = Field(min_length=1, max_length=300)
    provider: str = Field(default="", max_length=200,
                          description="Who ran it (organiser, publisher, standards body)")
    starts_on: Day
    ends_on: Day
    minutes: int | None = Field(default=None, ge=1, le=366 * 24 * 60, description=(
        "Required for timed kinds (course, conference, training, work_based, self_study, "
        "teaching, other); must be absent for standards_drafting, research_project, paper, "
        "patent, which earn the society's fixed credit"))
    reflection: str = Field(default="", max_length=4000,
                            description="What you learnt and how you will use it")


class ActivityPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Kind | None = None
    title: str | None = Field(default=None, min_length=1, max_length=300)
    provider: str | None = Field(default=None, max_length=200)
    starts_on: Day | None = None
    ends_on: Day | None = None
    minutes: int | None = Field(default=None, ge=1, le=366 * 24 * 60)
    reflection: str | None = Field(default=None, max_length=4000)


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    decision: Literal["accepted", "not_credited"]
    reason: str = Field(default="", max_length=2000,
                        description="Required when an activity is not credited")


class ActivityOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: Kind
    title: str
    provider: str
    starts_on: date
    ends_on: date
    minutes: int | None
    reflection: str
    status: Status
    source: Source
    course_id: uuid.UUID | None
    review_reason: str | None
    reviewed_at: datetime | None
    # Year of validity (1…5) it counts for, None when outside the current validity.
    year: int | None
    # Hours under the policy of its year, before any per-kind cap of that year.
    credited_hours: int
    editable: bool
    created_at: datetime
