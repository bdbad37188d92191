"""Request and response shapes of webhook subscriptions and their delivery log."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

EventTypes = Annotated[list[Annotated[str, Field(min_length=1, max_length=120)]],
                       Field(min_length=1, max_length=50)]


class WebhookIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(max_length=2000, description="HTTPS endpoint that receives the events")
    event_types: EventTypes = Field(
        description="Event types, e.g. `recommendation.screened`; `evaluation.*` for a family, "
                    "`*` for every type that concerns you")
    description: str | None = Field(default=None, max_length=500)


class WebhookPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(default=None, max_length=2000)
    event_types: EventTypes | None = None
    description: str | None = Field(default=None, max_length=500)
    status: Literal["active", "paused"] | None = Field(
        default=None, description="`paused` holds deliveries; `active` resumes (also after the "
                                  "platform disabled a failing endpoint)")


class WebhookOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    url: str
    event_types: list[str]
    description: str | None
    status: Literal["active", "paused", "disabled"] = Field(
        description="`active` (events are delivered), `paused` (by you: deliveries are made "
                    "and held until you resume) or `disabled` (by the platform after a delivery "
                    "failed through its whole retry schedule, about a day; `disabled_reason` "
                    "says why, PATCH `status: active` resumes)")
    failing_since: datetime | None
    consecutive_failures: int
    disabled_reason: str | None
    created_at: datetime
    updated_at: datetime


class WebhookCreatedOut(WebhookOut):
    secret: str = Field(description="The signing secret (`whsec_…`): shown this once only")


class SecretOut(BaseModel):
    secret: str = Field(description="The new signing secret: shown this once only")
    previous_secret_valid_until: datetime = Field(
        description="Until then deliveries carry a signature with the old secret as well")


class AttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    attempted_at: datetime
    status_code: int | None
    duration_ms: int
    error: str | None


class DeliveryOut(BaseModel):
    id: uuid.UUID
    webhook_id: str = Field(description="The `webhook-id` header: the same on every retry")
    event_id: uuid.UUID
    event_type: str
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    created_at: datetime
    delivered_at: datetime | None
    log: list[AttemptOut]
