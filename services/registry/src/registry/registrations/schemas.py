"""Shapes of registrations (注册备案)."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class RegistrationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    application_id: uuid.UUID
    applicant_name: str
    society_code: str
    level: str
    field_code: str
    specialty_code: str | None
    approved_at: datetime
    status: str
    reason: str | None
    decided_by: str | None
    decided_at: datetime | None
    certificate_number: str | None = None


class ConfirmationIn(BaseModel):
    """A batch of pending registrations the secretariat confirms at once."""

    model_config = ConfigDict(extra="forbid")

    registration_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=500)]


class RefusalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=4,
                                             max_length=2000)]


class ConfirmationOut(BaseModel):
    confirmed: list[RegistrationOut]
