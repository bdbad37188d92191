"""Request and response shapes of evaluation cases."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class DecisionIn(BaseModel):
    """The society's deliberation (综合审议)."""

    model_config = ConfigDict(extra="forbid")

    outcome: Literal["passed", "failed"]
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = ""


class WrittenTestIn(BaseModel):
    """The applicant's written-test (笔试) score."""

    model_config = ConfigDict(extra="forbid")

    score: Annotated[Decimal, Field(ge=0, max_digits=6, decimal_places=2)]


class CaseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    application_id: uuid.UUID
    applicant_id: str
    applicant_name: str
    society_code: str
    batch_id: uuid.UUID | None
    level: str
    field_code: str
    specialty_code: str | None
    recommending_enterprise: str | None
    employers: list[str]
    fast_track: bool
    international_titles: list[str]
    fast_track_confirmed_at: datetime | None
    status: str
    materials_outcome: str | None
    written_test_score: Decimal | None
    written_test_passed: bool | None
    interview_outcome: str | None
    outcome: str | None
    reasons: str | None
    deadline: date
    deadline_state: str | None = None
    submitted_at: datetime
    decided_at: datetime | None
    approved_at: datetime | None
