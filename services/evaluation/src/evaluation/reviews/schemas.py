"""Shapes of the materials review record form (申请材料审查记录表) and its rounds."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

Comment = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Competency = Literal["knowledge", "ethics", "teamwork", "development", "leadership"]


class CompetencyAssessment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    achieved: bool | None = None
    comment: Comment = ""


class ReviewIn(BaseModel):
    """The whole record as you want it saved (a draft until you submit it)."""

    model_config = ConfigDict(extra="forbid")

    competencies: dict[Competency, CompetencyAssessment] = {}
    recommendation: Literal["pass", "supplement", "fail"] | None = None
    follow_up_needed: bool | None = None
    follow_up_points: Comment = ""
    supplement_requests: Comment = ""
    supplement_deadline: date | None = None


class ReviewOut(BaseModel):
    id: uuid.UUID
    round: int
    examiner_id: uuid.UUID
    examiner_name: str
    competencies: dict[str, Any]
    recommendation: str | None
    follow_up_needed: bool | None
    follow_up_points: str | None
    supplement_requests: str | None
    supplement_deadline: date | None
    status: str
    submitted_at: datetime | None
    updated_by: str | None
    updated_at: datetime | None
    version: int


class RoundOut(BaseModel):
    number: int
    status: str
    # first, supplement_submitted, or supplement_lapsed: conclude on the material you have.
    opened_because: str
    outcome: str | None
    requests: str | None
    supplement_deadline: datetime | None
    # The China date of the last day to send the supplement (the deadline ends that day).
    supplement_last_day: date | None
    opened_at: datetime
    closed_at: datetime | None
    reviews: list[ReviewOut]
