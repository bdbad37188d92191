"""Shapes of registrations (注册备案)."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from registry.certificates.rules import Level
from registry.certificates.schemas import FIELD, LEVEL, NUMBER, SOCIETY, SPECIALTY

# pending → confirmed | refused
RegistrationStatus = Literal["pending", "confirmed", "refused"]


class RegistrationOut(BaseModel):
    """An approved evaluation case waiting for, or past, registration with the CSE."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Identifier of the registration (UUID); confirm or "
                                      "refuse it by this.")
    case_id: uuid.UUID = Field(description="The evaluation case whose approval led here (UUID, "
                                           "evaluation service).")
    application_id: uuid.UUID = Field(description="The application evaluated (UUID, "
                                                  "applications service).")
    applicant_name: str = Field(description="The applicant's full name.")
    society_code: str = Field(description=SOCIETY)
    level: Level = Field(description=LEVEL)
    field_code: str = Field(description=FIELD)
    specialty_code: str | None = Field(description=SPECIALTY)
    approved_at: datetime = Field(description="When the society approved the case (ISO 8601 "
                                              "date-time with offset).")
    status: RegistrationStatus = Field(
        description="`pending` (waiting for the secretariat's confirmation), `confirmed` (a "
                    "certificate was issued) or `refused` (by the secretariat, or because the "
                    "person is barred for life).")
    reason: str | None = Field(description="Why it was refused; null unless `refused`.")
    decided_by: str | None = Field(
        description="Who decided: the secretariat user's id, `automatic` (the society registers "
                    "at once) or `register` (refused for a lifetime bar); null while pending.")
    decided_at: datetime | None = Field(description="When it was decided (ISO 8601); null while "
                                                    "pending.")
    certificate_number: str | None = Field(
        default=None, description=NUMBER + " Null unless `confirmed`.")


class ConfirmationIn(BaseModel):
    """A batch of pending registrations the secretariat confirms at once."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "registration_ids": ["0b9e6c3a-4f1d-4c8e-9a57-2f6d1e8b7c40",
                             "5d2a8f61-93c4-4b7e-8e0a-6c1f9d3b2a75"],
    }]})

    registration_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=500)] = Field(
        description="1 to 500 ids of pending registrations; all are confirmed or, if any is "
                    "unknown or already decided, none.")


class RefusalIn(BaseModel):
    """Why the secretariat refuses a pending registration."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "reason": "学会批准材料不完整，请补充后重新报送 / The society's approval file is "
                  "incomplete; send it again once complete",
    }]})

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=4,
                                             max_length=2000)] = Field(
        description="Why, 4 to 2000 characters; sent to the applicant and the society.")


class ConfirmationOut(BaseModel):
    """What the confirmation did to each registration of the batch."""

    confirmed: list[RegistrationOut] = Field(
        description="Each registration of the batch after the confirmation: `confirmed` with its "
                    "certificate number, or `refused` when the person was barred meanwhile.")
