"""Shapes of interview scheduling and the panel's score sheet."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

Score = Annotated[Decimal, Field(ge=0, max_digits=5, decimal_places=1)]


class InterviewIn(BaseModel):
    """When and where; the panel is the case's cleared examiners."""

    model_config = ConfigDict(extra="forbid")

    scheduled_at: AwareDatetime
    mode: Literal["in_person", "online"]
    location: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                               max_length=300)] = Field(
        description="Room address, or the meeting link for an online interview"
    )


class CompetencyScores(BaseModel):
    model_config = ConfigDict(extra="forbid")

    knowledge: Score
    ethics: Score
    teamwork: Score
    development: Score
    leadership: Score


class ScoresIn(BaseModel):
    """Your line on the score sheet; `submit: true` locks it."""

    model_config = ConfigDict(extra="forbid")

    scores: CompetencyScores
    comment: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = ""
    submit: bool = False


class ScoreLineOut(BaseModel):
    examiner_id: uuid.UUID
    examiner_name: str
    scores: dict[str, Decimal]
    comment: str
    submitted_at: datetime | None


class InterviewOut(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    scheduled_at: datetime
    mode: str
    location: str
    status: str
    maxima: dict[str, int]
    minima: dict[str, Decimal]
    pass_total: Decimal
    aggregation: str
    lines: list[ScoreLineOut]
    aggregated: dict[str, Decimal] | None
    total: Decimal | None
    passed: bool | None
    shortfalls: list[str] | None
    version: int
