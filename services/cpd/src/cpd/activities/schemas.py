"""Request and response shapes of CPD activities."""

import uuid
from datetime import date, datetime
from typing import Literal

from kit.types import Day
from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["course", "conference", "training", "work_based", "self_study", "teaching",
               "standards_drafting", "research_project", "paper", "patent", "other"]
# Kinds without a duration, credited a fixed number of hours each [003 Q24].
UntimedKind = Literal["standards_drafting", "research_project", "paper", "patent"]
# The words stored in cpd_activities.status and cpd_activities.source.
Status = Literal["recorded", "verified", "accepted", "not_credited"]
Source = Literal["member", "provider"]

KIND = ("The kind of activity. Timed kinds (course 课程, conference 学术会议, training 培训, "
        "work_based 工作中学习, self_study 自学, teaching 授课, other 其他) are credited by "
        "their minutes; untimed kinds (standards_drafting 标准起草, research_project 课题研究, "
        "paper 论文发表, patent 专利) earn the society's fixed credit [003 Q24].")
TITLE = "What the activity was, e.g. the course or paper title (1–300 characters)."
PROVIDER = "Who ran it (organiser, publisher, standards body); empty when not given."
STARTS_ON = "China date the activity started, YYYY-MM-DD; not after `ends_on`."
ENDS_ON = ("China date the activity ended, YYYY-MM-DD; not in the future, and within the "
           "certificate's validity. It decides the year of validity the activity counts for.")
MINUTES = ("Duration in minutes (one CPD hour is 45 whole minutes of one activity). Required "
           "for timed kinds (course, conference, training, work_based, self_study, teaching, "
           "other); must be absent for standards_drafting, research_project, paper, patent, "
           "which earn the society's fixed credit.")
REFLECTION = "What you learnt and how you will use it (心得), up to 4000 characters."


class ActivityIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, json_schema_extra={
        "examples": [{"kind": "training", "title": "BIM 技术应用培训",
                      "provider": "中国土木工程学会",
                      "starts_on": "2027-01-10", "ends_on": "2027-01-10", "minutes": 90,
                      "reflection": "掌握了 BIM 模型在施工组织中的应用"}]})

    kind: Kind = Field(description=KIND)
    title: str = Field(min_length=1, max_length=300, description=TITLE)
    provider: str = Field(default="", max_length=200, description=PROVIDER)
    starts_on: Day = Field(description=STARTS_ON)
    ends_on: Day = Field(description=ENDS_ON)
    minutes: int | None = Field(default=None, ge=1, le=366 * 24 * 60, description=MINUTES)
    reflection: str = Field(default="", max_length=4000, description=REFLECTION)


class ActivityPatch(BaseModel):
    """Only the fields sent change; the activity is then checked whole, as when recorded."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, json_schema_extra={
        "examples": [{"minutes": 120, "reflection": "补充：课后完成了案例练习"}]})

    kind: Kind | None = Field(default=None, description=KIND + " Absent: unchanged.")
    title: str | None = Field(default=None, min_length=1, max_length=300,
                              description=TITLE + " Absent: unchanged.")
    provider: str | None = Field(default=None, max_length=200,
                                 description=PROVIDER + " Absent: unchanged.")
    starts_on: Day | None = Field(default=None, description=STARTS_ON + " Absent: unchanged.")
    ends_on: Day | None = Field(default=None, description=ENDS_ON + " Absent: unchanged.")
    minutes: int | None = Field(default=None, ge=1, le=366 * 24 * 60,
                                description=MINUTES + " Absent: unchanged.")
    reflection: str | None = Field(default=None, max_length=4000,
                                   description=REFLECTION + " Absent: unchanged. An activity "
                                   "verified by its provider can change only this.")


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, json_schema_extra={
        "examples": [{"decision": "not_credited", "reason": "与工程能力无关的活动不予认定"}]})

    decision: Literal["accepted", "not_credited"] = Field(description=(
        "The society's credit decision [003 Q26]: `accepted` (认定) — the activity counts; "
        "`not_credited` (不予认定) — it stays in the record but earns no hours. It becomes the "
        "activity's `status`; after it the member can no longer change the activity."))
    reason: str = Field(default="", max_length=2000, description=(
        "Why; required when the activity is not credited (the member reads it)."))


class ActivityOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The activity's id.")
    kind: Kind = Field(description=KIND)
    title: str = Field(description=TITLE)
    provider: str = Field(description=PROVIDER)
    starts_on: date = Field(description="China date the activity started.")
    ends_on: date = Field(description="China date the activity ended; it decides the year of "
                          "validity it counts for.")
    minutes: int | None = Field(description="Duration in minutes; null for untimed kinds.")
    reflection: str = Field(description="The member's reflection (心得); empty when none.")
    status: Status = Field(description=(
        "`recorded` — entered by the member; `verified` — pushed by the course's provider; "
        "`accepted` — credited by the society's staff; `not_credited` — reviewed and earning "
        "no hours (see `review_reason`)."))
    source: Source = Field(description="`member` — recorded by the member; `provider` — from "
                           "a provider's attendance push for a published course.")
    course_id: uuid.UUID | None = Field(description="The published course it attended, for a "
                                        "provider's push; null for the member's own records.")
    review_reason: str | None = Field(description="The staff's reason given with the review; "
                                      "null before a review or when none was given.")
    reviewed_at: datetime | None = Field(description="When the society reviewed it (ISO 8601 "
                                         "with offset); null until reviewed.")
    year: int | None = Field(description="Year of the current validity (1…5) it counts for; "
                             "null when it ended outside the current validity (e.g. before a "
                             "re-registration).")
    credited_hours: int = Field(description=(
        "Whole CPD hours (学时) it earns under the policy of its year, before any per-kind "
        "yearly cap: floor(minutes / minutes per hour) for timed kinds, the fixed credit for "
        "untimed ones, 0 when not credited or outside the validity."))
    editable: bool = Field(description="Whether the member can still change or remove it: its "
                           "year is open and the society has not reviewed it.")
    created_at: datetime = Field(description="When it was recorded (ISO 8601 with offset).")
