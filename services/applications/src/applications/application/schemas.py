"""Request and response shapes of applications (工程会员申请)."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Level = Literal["apprentice", "professional", "senior"]


class ApplicationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: Level
    field_code: str = Field(description="工程技术领域代码, see /v1/reference/fields")
    specialty_code: str | None = Field(default=None, description="专业类别代码")
    applicant_name: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)
    ] | None = Field(default=None, description="defaults to the name on the account")
    candidate_id: uuid.UUID | None = Field(
        default=None, description="the accepted recommendation this application follows"
    )


class FormalCheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["accept", "return"]
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = ""


class ApplicationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    applicant_id: str
    applicant_name: str
    level: str
    field_code: str
    specialty_code: str | None
    society_code: str
    candidate_id: uuid.UUID | None
    status: str
    check_reasons: str | None
    created_at: datetime
    submitted_at: datetime | None
    accepted_at: datetime | None
