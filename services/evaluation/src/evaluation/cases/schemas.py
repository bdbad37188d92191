"""Request and response shapes of evaluation cases."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from kit.types import DecimalNumber
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from evaluation.cases.rules import DeadlineState
from evaluation.vocabulary import AssessmentResult, CaseOutcome, CaseStatus, InterviewOutcome


class DecisionIn(BaseModel):
    """The society's deliberation (综合审议)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"outcome": "passed", "reasons": "材料审查与面试均达标 / Materials and interview met "
         "every competency."},
        {"outcome": "failed", "reasons": "工程实践年限不足，建议积累两年后再申请 / Not enough "
         "engineering practice yet; apply again after two more years."},
    ]})

    outcome: AssessmentResult = Field(
        description="passed publishes the public notice (公示); failed closes the case")
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = Field(
        "", description="Why; shown to the applicant, expected for a fail so they can improve "
        "(up to 4000 characters)")


class WrittenTestIn(BaseModel):
    """The applicant's written-test (笔试) score."""

    model_config = ConfigDict(extra="forbid",
                              json_schema_extra={"examples": [{"score": 72.5}]})

    score: Annotated[Decimal, DecimalNumber(places=2, maximum="9999.99")] = Field(
        description="Points scored, at most 2 decimals; no more than the society's "
        "written_test_maximum, passed at or above its written_test_pass_mark")


class CaseOut(BaseModel):
    """An evaluation case (评价案件): one accepted application under its society's review."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The case's id")
    application_id: uuid.UUID = Field(
        description="The accepted application in the applications service this case evaluates")
    applicant_id: str = Field(description="The applicant's identity user id (JWT `sub`)")
    applicant_name: str = Field(description="The applicant's name as on the application")
    society_code: str = Field(description="Code of the evaluating society, e.g. `cces`")
    batch_id: uuid.UUID | None = Field(
        description="The evaluation batch (评价批次) the case joined; null for none")
    level: str = Field(
        description="Level applied for: apprentice, professional or senior")
    field_code: str = Field(description="Engineering field code (工程领域), e.g. `civil`")
    specialty_code: str | None = Field(description="Specialty within the field; null if none")
    recommending_enterprise: str | None = Field(
        description="Enterprise that recommended the applicant; null for a self-application")
    employers: list[str] = Field(
        description="The applicant's current and past employers, for conflict-of-interest "
        "checks")
    fast_track: bool = Field(
        description="true on the simplified path of an international title holder")
    international_titles: list[str] = Field(
        description="International engineer titles the fast track rests on (empty otherwise)")
    fast_track_confirmed_at: datetime | None = Field(
        description="When the CSE secretariat confirmed the fast track; null until then")
    status: CaseStatus = Field(description="The case's stage")
    materials_outcome: AssessmentResult | None = Field(
        description="Result of the materials review; null while it goes on")
    written_test_score: Decimal | None = Field(
        description="Written-test points; null when not recorded or not used")
    written_test_passed: bool | None = Field(
        description="Whether the written test reached the pass mark; null when not recorded")
    interview_outcome: InterviewOutcome | None = Field(
        description="Result of the interview (面试); not_required when the policy or the fast "
        "track skips it; null while pending")
    outcome: CaseOutcome | None = Field(
        description="The deliberation's result (综合审议), or withdrawn when the applicant was "
        "barred; null until decided")
    reasons: str | None = Field(description="Reasons given with the outcome; null until decided")
    deadline: date = Field(
        description="Last day (China date, YYYY-MM-DD) of the evaluation cycle, by default 6 "
        "months from submission")
    deadline_state: DeadlineState | None = Field(
        None, description="Today against the deadline: on_track, at_risk (within the "
        "society's at_risk_days), overdue, or closed once the case is over")
    submitted_at: datetime = Field(description="When the application was submitted")
    decided_at: datetime | None = Field(description="When the outcome was recorded; null until")
    approved_at: datetime | None = Field(
        description="When the case was approved for registration; null until then")
