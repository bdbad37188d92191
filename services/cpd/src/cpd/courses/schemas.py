"""Request and response shapes of plans, courses and attendance."""

import uuid
from datetime import date, datetime
from typing import Literal

from kit.types import Day
from pydantic import BaseModel, ConfigDict, Field

CourseKind = Literal["course", "conference", "training"]


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    year: int = Field(ge=2020, le=2100)
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=20000)


class PlanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    publisher: str
    year: int
    title: str
    description: str
    created_at: datetime


class CourseIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    plan_id: uuid.UUID | None = None
    provider_code: str = Field(min_length=2, max_length=60, pattern=r"^[a-z0-9][a-z0-9_-]*$",
                               description="The provider's organisation code: its API client "
                               "pushes attendance")
    provider_name: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=300)
    kind: CourseKind = "course"
    minutes: int = Field(ge=1, le=366 * 24 * 60)
    starts_on: Day
    ends_on: Day
    quality: bool = Field(default=False, description="A quality course (精品课程) counted for "
                          "the pilot targets [000 §2(二)]")
    description: str = Field(default="", max_length=20000)


class CourseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    publisher: str
    plan_id: uuid.UUID | None
    provider_code: str
    provider_name: str
    title: str
    kind: CourseKind
    minutes: int
    starts_on: date
    ends_on: date
    quality: bool
    description: str
    created_at: datetime


class AttendeeIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    certificate_number: str = Field(min_length=1, max_length=40)
    minutes: int | None = Field(default=None, ge=1, description="Defaults to the course's")
    attended_on: Day | None = Field(default=None, description="Defaults to the last day")


class AttendanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    attendees: list[AttendeeIn] = Field(min_length=1, max_length=2000)


Outcome = Literal["recorded", "already_recorded", "unknown_certificate", "not_in_force",
                  "outside_validity", "year_closed", "invalid"]


class AttendeeResult(BaseModel):
    certificate_number: str
    outcome: Outcome
    activity_id: uuid.UUID | None = None


class AttendanceOut(BaseModel):
    course_id: uuid.UUID
    received: int
    recorded: int
    already_recorded: int
    not_matched: int
    results: list[AttendeeResult]


class CourseCountOut(BaseModel):
    publisher: str
    courses: int
    quality_courses: int
