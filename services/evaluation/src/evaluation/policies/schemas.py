"""Shapes of a society's evaluation policy and interview rubrics."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal, get_args

from kit.types import DecimalNumber
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from evaluation.policies.rules import MAX_CYCLE_MONTHS, MIN_NOTICE_WORKING_DAYS

Level = Literal["apprentice", "professional", "senior"]
Aggregation = Literal["mean", "median"]


class PolicyOut(BaseModel):
    """A society's own variant of the evaluation rules (defaults from DOMAIN.md)."""

    model_config = ConfigDict(from_attributes=True)

    society_code: str = Field(description="The society's code")
    panel_min_size: int = Field(description="Cleared examiners a panel needs (default 2)")
    notice_working_days: int = Field(
        description="Working days (Chinese calendar) a passed case stays on public notice "
        "(default 5)")
    supplement_working_days: int = Field(
        description="Working days the applicant has to send supplementary material when no "
        "examiner set a deadline (default 10)")
    at_risk_days: int = Field(
        description="Calendar days before the case deadline from which a case is at_risk "
        "(default 30)")
    cycle_months: int = Field(
        description="Months from submission to the case deadline (default 6)")
    aggregation: Aggregation = Field(
        description="How the examiners' interview scores combine: mean or median")
    interview_required: bool = Field(
        description="true: every case is interviewed; false: only when an examiner asks for "
        "a follow-up assessment")
    uses_written_test: bool = Field(description="Whether the society sets a written test (笔试)")
    written_test_pass_mark: Decimal = Field(description="Written-test points needed to pass")
    written_test_maximum: Decimal = Field(description="Highest written-test score possible")
    fast_track_materials_only: bool = Field(
        description="true: a confirmed fast-track case goes from materials review straight "
        "to deliberation")
    conflict_cooling_off_years: int = Field(
        description="Years after which an examiner's former employer no longer conflicts")
    examiner_reminder_days: int = Field(
        description="Examiners are reminded this many days before the case deadline")
    supplement_reminder_days: int = Field(
        description="The applicant is reminded this many days before a supplement deadline")
    updated_by: str | None = Field(
        description="Identity user id of who last changed the policy; null for the defaults")
    updated_at: datetime | None = Field(description="When it last changed; null for defaults")


class PolicyPatch(BaseModel):
    """Only the settings sent are changed."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"panel_min_size": 3, "notice_working_days": 7, "aggregation": "median"},
        {"uses_written_test": True, "written_test_pass_mark": 60,
         "written_test_maximum": 100},
    ]})

    panel_min_size: Annotated[StrictInt, Field(ge=1, le=15)] | None = Field(
        None, description="Cleared examiners a panel needs (1-15)")
    # The CSE's floor (at least 1) is checked by the service, which quotes the rule.
    notice_working_days: Annotated[StrictInt, Field(
        ge=0, le=60, json_schema_extra={"minimum": MIN_NOTICE_WORKING_DAYS})] | None = Field(
        None, description="Working days of public notice (at least 1, the CSE's floor; up to 60)")
    supplement_working_days: Annotated[StrictInt, Field(ge=1, le=60)] | None = Field(
        None, description="Working days given for supplementary material (1-60)")
    at_risk_days: Annotated[StrictInt, Field(ge=0, le=180)] | None = Field(
        None, description="Days before the deadline from which a case is at risk (0-180)")
    # The CSE's limit (at most 6) is checked by the service, which quotes the rule.
    cycle_months: Annotated[StrictInt, Field(
        ge=1, le=12, json_schema_extra={"maximum": MAX_CYCLE_MONTHS})] | None = Field(
        None, description="Months of the evaluation cycle for cases opened from now (at most 6, "
        "the CSE's limit)")
    aggregation: Aggregation | None = Field(
        None, description="How interview scores combine: mean or median")
    interview_required: StrictBool | None = Field(
        None, description="false: interview only when an examiner asks for a follow-up")
    uses_written_test: StrictBool | None = Field(None, description="Whether to set a written test")
    written_test_pass_mark: Annotated[
        Decimal, DecimalNumber(places=2, maximum=1000)] | None = Field(
        None, description="Written-test points needed to pass (0-1000)")
    written_test_maximum: Annotated[
        Decimal, DecimalNumber(places=2, minimum="0.01", maximum=1000)] | None = Field(
        None, description="Highest written-test score (above 0, up to 1000)")
    fast_track_materials_only: StrictBool | None = Field(
        None, description="true: confirmed fast-track cases skip the written test and "
        "interview")
    conflict_cooling_off_years: Annotated[StrictInt, Field(ge=1, le=30)] | None = Field(
        None, description="Years after which an examiner's former employer no longer "
        "conflicts (1-30, default 3)")
    examiner_reminder_days: Annotated[StrictInt, Field(ge=1, le=90)] | None = Field(
        None, description="Remind examiners this many days before the case deadline "
        "(1-90, default 14)")
    supplement_reminder_days: Annotated[StrictInt, Field(ge=1, le=30)] | None = Field(
        None, description="Remind the applicant this many days before a supplement "
        "deadline (1-30, default 3)")


Competency = Literal["knowledge", "ethics", "teamwork", "development", "leadership"]


class RubricIn(BaseModel):
    """Maximum of every competency, the minima that apply and the pass total."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "maxima": {"knowledge": 35, "ethics": 20, "teamwork": 15, "development": 15,
                   "leadership": 15},
        "minima": {"knowledge": 21, "ethics": 12}, "pass_total": 60}]})

    maxima: dict[Competency, Annotated[int, Field(ge=1, le=100)]] = Field(
        description="Maximum points (1-100) of each of the five competencies: knowledge, "
        "ethics, teamwork, development, leadership",
        # The service refuses a rubric without all five; the document says so too.
        json_schema_extra={"required": list(get_args(Competency))})
    minima: dict[Competency, Annotated[Decimal, DecimalNumber(places=2, maximum=100)]] = Field(
        default_factory=dict, description="Minimum points a competency must reach to pass, "
        "for those that have one (each no more than its maximum)"
    )
    pass_total: Annotated[Decimal, DecimalNumber(places=2, maximum=500)] = Field(
        description="Total points needed to pass (no more than the sum of the maxima)")


class RubricOut(BaseModel):
    """The interview rubric of one society and level."""

    society_code: str = Field(description="The society's code")
    level: Level = Field(description="The level the rubric applies to")
    maxima: dict[str, int] = Field(description="Maximum points per competency")
    minima: dict[str, Decimal] = Field(description="Minimum points per competency that has one")
    pass_total: Decimal = Field(description="Total points needed to pass")
    default: bool = Field(
        description="true while the society has not set its own (DOMAIN.md's default applies)")
