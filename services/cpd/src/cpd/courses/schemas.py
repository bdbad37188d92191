"""Request and response shapes of plans, courses and attendance."""

import uuid
from datetime import date, datetime
from typing import Literal

from kit.types import Day
from pydantic import BaseModel, ConfigDict, Field

CourseKind = Literal["course", "conference", "training"]

PUBLISHER = "Who published it: `cse` (the CSE secretariat) or a society code, e.g. `cces`."
COURSE_KIND = ("The activity kind attendees are credited with: `course` 课程, `conference` "
               "学术会议 or `training` 培训 (all timed).")
PROVIDER_CODE = "The provider's organisation code: its API client pushes the attendance."
QUALITY = "A quality course (精品课程), counted for the pilot targets [000 §2(二)]."


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, json_schema_extra={
        "examples": [{"year": 2027, "title": "2027 年度继续职业发展活动计划",
                      "description": "全年安排桥梁抗震、BIM、安全生产三个系列课程"}]})

    year: int = Field(ge=2020, le=2100, description="The calendar year it plans; one plan per "
                      "publisher and year.")
    title: str = Field(min_length=1, max_length=300, description="The plan's title.")
    description: str = Field(default="", max_length=20000, description="The plan itself, "
                             "plain text.")


class PlanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The plan's id (courses may name it as `plan_id`).")
    publisher: str = Field(description=PUBLISHER)
    year: int = Field(description="The calendar year it plans.")
    title: str = Field(description="The plan's title.")
    description: str = Field(description="The plan itself; empty when not given.")
    created_at: datetime = Field(description="When it was published (ISO 8601 with offset).")


class CourseIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, json_schema_extra={
        "examples": [{"provider_code": "prov-a", "provider_name": "某工程培训中心",
                      "title": "桥梁抗震新规范宣贯", "kind": "training", "minutes": 180,
                      "starts_on": "2027-02-10", "ends_on": "2027-02-11", "quality": True,
                      "description": "新版《公路桥梁抗震设计规范》要点"}]})

    plan_id: uuid.UUID | None = Field(default=None, description="The publisher's own yearly "
                                      "plan it belongs to; null or absent: none.")
    provider_code: str = Field(min_length=2, max_length=60, pattern=r"^[a-z0-9][a-z0-9_-]*$",
                               description=PROVIDER_CODE + " Lowercase letters, digits, `-`, "
                               "`_`.")
    provider_name: str = Field(min_length=1, max_length=200, description="The provider's name "
                               "as attendees' activities show it.")
    title: str = Field(min_length=1, max_length=300, description="The course's title.")
    kind: CourseKind = Field(default="course", description=COURSE_KIND)
    minutes: int = Field(ge=1, le=366 * 24 * 60, description="The course's length in minutes: "
                         "what an attendee is credited unless the push says fewer.")
    starts_on: Day = Field(description="China date of the first day, YYYY-MM-DD.")
    ends_on: Day = Field(description="China date of the last day, YYYY-MM-DD; not before "
                         "`starts_on`.")
    quality: bool = Field(default=False, description=QUALITY)
    description: str = Field(default="", max_length=20000, description="What the course "
                             "covers, plain text.")


class CourseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The course's id.")
    publisher: str = Field(description=PUBLISHER)
    plan_id: uuid.UUID | None = Field(description="The yearly plan it belongs to; null: none.")
    provider_code: str = Field(description=PROVIDER_CODE)
    provider_name: str = Field(description="The provider's name.")
    title: str = Field(description="The course's title.")
    kind: CourseKind = Field(description=COURSE_KIND)
    minutes: int = Field(description="The course's length in minutes.")
    starts_on: date = Field(description="China date of the first day.")
    ends_on: date = Field(description="China date of the last day.")
    quality: bool = Field(description=QUALITY)
    description: str = Field(description="What the course covers; empty when not given.")
    created_at: datetime = Field(description="When it was published (ISO 8601 with offset).")


class AttendeeIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    certificate_number: str = Field(min_length=1, max_length=40, description=(
        "The attendee's certificate number (证书编号), e.g. `CSE-2026-P-000001`."))
    minutes: int | None = Field(default=None, ge=1, description=(
        "Minutes the attendee sat, at most the course's; absent: the course's length."))
    attended_on: Day | None = Field(default=None, description=(
        "China date (YYYY-MM-DD) the attendee finished, within the course's days and not in "
        "the future; absent: the course's last day."))


class AttendanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"attendees": [
            {"certificate_number": "CSE-2026-P-000001"},
            {"certificate_number": "CSE-2026-P-000002", "minutes": 90,
             "attended_on": "2027-02-10"}]}]})

    attendees: list[AttendeeIn] = Field(min_length=1, max_length=2000, description=(
        "The course's attendees, 1–2000 a push; each becomes one verified activity however "
        "often it is pushed."))


Outcome = Literal["recorded", "already_recorded", "unknown_certificate", "not_in_force",
                  "outside_validity", "year_closed", "invalid"]


class AttendeeResult(BaseModel):
    certificate_number: str = Field(description="The certificate number as pushed.")
    outcome: Outcome = Field(description=(
        "`recorded` — a verified activity was added; `already_recorded` — this attendee of "
        "this course was recorded before; `unknown_certificate` — no ledger has the number; "
        "`not_in_force` — the certificate is not valid or the member is barred; "
        "`outside_validity` — the day is outside the certificate's validity; `year_closed` — "
        "that year of validity is closed; `invalid` — more minutes than the course, or a day "
        "outside the course or in the future."))
    activity_id: uuid.UUID | None = Field(default=None, description=(
        "The activity recorded (now or before); null for the other outcomes."))


class AttendanceOut(BaseModel):
    course_id: uuid.UUID = Field(description="The course the push was for.")
    received: int = Field(description="Attendees in the push.")
    recorded: int = Field(description="Attendees recorded by this push.")
    already_recorded: int = Field(description="Attendees recorded by an earlier push.")
    not_matched: int = Field(description="Attendees with any other outcome (see `results`).")
    results: list[AttendeeResult] = Field(description="One result per attendee, in the order "
                                          "pushed.")


class CourseCountOut(BaseModel):
    publisher: str = Field(description=PUBLISHER)
    courses: int = Field(description="Courses it published (in `year`, when given).")
    quality_courses: int = Field(description="Of those, quality courses (精品课程).")
