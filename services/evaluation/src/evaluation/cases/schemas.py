"""Request and response shapes of evaluation cases."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints


class DecisionIn(BaseModel):
    """The society's deliberation (综合审议)."""

    model_config = ConfigDict(extra="forbid")

    outcome: Literal["passed", "failed"]
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = ""


class CaseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    application_id: uuid.UUID
    applicant_id: str
    applicant_name: str
    society_code: str
    level: str
    field_code: str
    status: str
    outcome: str | None
    reasons: str | None
    deadline: date
    submitted_at: datetime
    decided_at: datetime | None
    approved_at: datetime | None
