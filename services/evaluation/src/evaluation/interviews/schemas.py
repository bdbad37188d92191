"""Shapes of interview scheduling and the panel's score sheet."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from kit.types import NON_BLANK_TEXT_PATTERN, DecimalNumber, Moment
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from evaluation.interviews.rules import Aggregation
from evaluation.vocabulary import InterviewMode, InterviewStatus

Score = Annotated[Decimal, DecimalNumber(places=1, maximum="9999.9")]


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("须带时区，如 +08:00 / give a time zone, e.g. +08:00")
    return value


class InterviewIn(BaseModel):
    """When and where; the panel is the case's cleared examiners."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"scheduled_at": "2026-04-20T09:30:00+08:00", "mode": "in_person",
         "location": "北京市海淀区学院路 30 号 302 室 / Room 302, 30 Xueyuan Road, Beijing"},
        {"scheduled_at": "2026-04-21T14:00:00+08:00", "mode": "online",
         "location": "https://meeting.example.cn/j/123456789"},
    ]})

    scheduled_at: Annotated[Moment, AfterValidator(_aware)] = Field(
        description="Start of the interview, ISO 8601 with a time zone")
    mode: InterviewMode = Field(description="in_person at an address, or online by a link")
    location: Annotated[str, StringConstraints(
        strip_whitespace=True, pattern=NON_BLANK_TEXT_PATTERN, min_length=1, max_length=300,
    )] = Field(
        description="Room address, or the meeting link for an online interview"
    )


class CompetencyScores(BaseModel):
    """Points for each of the five competencies, at most one decimal; each no more than the
    rubric's maximum for it."""

    model_config = ConfigDict(extra="forbid")

    knowledge: Score = Field(
        description="Engineering knowledge and professional ability (工程知识与专业能力) points")
    ethics: Score = Field(
        description="Engineering ethics and professional conduct (工程伦理与职业道德) points")
    teamwork: Score = Field(
        description="Teamwork and communication (团队合作与交流能力) points")
    development: Score = Field(
        description="Continuing development and lifelong learning (持续发展与终身学习能力) points")
    leadership: Score = Field(
        description="Leadership and project management (组织领导与项目管理能力) points")


class ScoresIn(BaseModel):
    """Your line on the score sheet; `submit: true` locks it."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "scores": {"knowledge": 26, "ethics": 17, "teamwork": 12, "development": 12,
                   "leadership": 11.5},
        "comment": "工程实践扎实 / Solid engineering practice.", "submit": True}]})

    scores: CompetencyScores = Field(description="Your points per competency")
    comment: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = Field(
        "", description="Your remarks (up to 4000 characters)")
    submit: StrictBool = Field(False, description="true locks your line; false saves a draft")


class ScoreLineOut(BaseModel):
    """One examiner's line on the score sheet."""

    examiner_id: uuid.UUID = Field(description="The examiner's id")
    examiner_name: str = Field(description="The examiner's name")
    scores: dict[str, Decimal] = Field(description="Points per competency")
    comment: str = Field(description="The examiner's remarks")
    submitted_at: datetime | None = Field(
        description="When the line was submitted (locked); null while a draft")


class InterviewOut(BaseModel):
    """The interview (面试) and its shared score sheet."""

    id: uuid.UUID = Field(description="The interview's id")
    case_id: uuid.UUID = Field(description="The case interviewed")
    scheduled_at: datetime = Field(description="Start of the interview")
    mode: InterviewMode = Field(description="in_person or online")
    location: str = Field(description="Room address, or the meeting link when online")
    status: InterviewStatus = Field(
        description="scheduled until every cleared examiner has submitted; then scored")
    maxima: dict[str, int] = Field(description="The rubric's maximum points per competency")
    minima: dict[str, Decimal] = Field(
        description="The rubric's minimum points per competency that has one")
    pass_total: Decimal = Field(description="Total points needed to pass")
    aggregation: Aggregation = Field(
        description="How the examiners' lines combine per competency: mean or median")
    lines: list[ScoreLineOut] = Field(
        description="The examiners' lines; until the sheet is scored an examiner sees only "
        "their own")
    aggregated: dict[str, Decimal] | None = Field(
        description="Combined points per competency; null until scored")
    total: Decimal | None = Field(description="Sum of the combined points; null until scored")
    passed: bool | None = Field(
        description="Whether the total and every minimum were reached; null until scored")
    shortfalls: list[str] | None = Field(
        description="Competencies below their minimum, and the total if short (bilingual); "
        "null until scored")
    version: int = Field(description="Version of the sheet; the ETag to send in If-Match")
