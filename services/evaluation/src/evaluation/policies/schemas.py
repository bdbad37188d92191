"""Shapes of a society's evaluation policy and interview rubrics."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["apprentice", "professional", "senior"]


class PolicyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    society_code: str
    panel_min_size: int
    notice_working_days: int
    supplement_working_days: int
    at_risk_days: int
    cycle_months: int
    aggregation: Literal["mean", "median"]
    interview_required: bool
    uses_written_test: bool
    written_test_pass_mark: Decimal
    written_test_maximum: Decimal
    fast_track_materials_only: bool
    conflict_cooling_off_years: int
    examiner_reminder_days: int
    supplement_reminder_days: int
    updated_by: str | None
    updated_at: datetime | None


class PolicyPatch(BaseModel):
    """Only the settings sent are changed."""

    model_config = ConfigDict(extra="forbid")

    panel_min_size: Annotated[int, Field(ge=1, le=15)] | None = None
    notice_working_days: Annotated[int, Field(ge=0, le=60)] | None = None
    supplement_working_days: Annotated[int, Field(ge=1, le=60)] | None = None
    at_risk_days: Annotated[int, Field(ge=0, le=180)] | None = None
    cycle_months: Annotated[int, Field(ge=1, le=12)] | None = None
    aggregation: Literal["mean", "median"] | None = None
    interview_required: bool | None = None
    uses_written_test: bool | None = None
    written_test_pass_mark: Annotated[Decimal, Field(ge=0, le=1000)] | None = None
    written_test_maximum: Annotated[Decimal, Field(gt=0, le=1000)] | None = None
    fast_track_materials_only: bool | None = None
    conflict_cooling_off_years: Annotated[int, Field(
        ge=1, le=30, description="Years after which an examiner's former employer no longer "
        "conflicts (default 3)")] | None = None
    examiner_reminder_days: Annotated[int, Field(
        ge=1, le=90, description="Remind examiners this many days before the case deadline "
        "(default 14)")] | None = None
    supplement_reminder_days: Annotated[int, Field(
        ge=1, le=30, description="Remind the applicant this many days before a supplement "
        "deadline (default 3)")] | None = None


Competency = Literal["knowledge", "ethics", "teamwork", "development", "leadership"]


class RubricIn(BaseModel):
    """Maximum of every competency, the minima that apply and the pass total."""

    model_config = ConfigDict(extra="forbid")

    maxima: dict[Competency, Annotated[int, Field(ge=1, le=100)]]
    minima: dict[Competency, Annotated[Decimal, Field(ge=0, le=100)]] = Field(
        default_factory=dict
    )
    pass_total: Annotated[Decimal, Field(ge=0, le=500)]


class RubricOut(BaseModel):
    society_code: str
    level: Level
    maxima: dict[str, int]
    minima: dict[str, Decimal]
    pass_total: Decimal
    default: bool
