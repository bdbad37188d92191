"""Request and response shapes of webhook subscriptions and their delivery log."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from cse_contracts.events import ALL_EVENTS
from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from notifications.webhooks import rules

KNOWN_TYPES = {event.event_type for event in ALL_EVENTS}
# The document lists every pattern accepted; the service's own check answers an unknown one
# with an itemised problem (webhook-unknown-event-type) naming the known types.
EventTypes = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=120),
                   WithJsonSchema({"type": "string", "enum": rules.patterns(KNOWN_TYPES)})]],
    Field(min_length=1, max_length=50)]


URL_DESCRIPTION = (
    "The HTTPS endpoint that receives the events (at most 2000 characters, no user name or "
    "password in it). Its host must resolve to a public address: loopback, private, "
    "link-local and cloud-metadata addresses are refused, when set and before each delivery")
EVENT_TYPES_DESCRIPTION = (
    "The event types to receive (1–50 patterns): an exact type such as "
    "`recommendation.screened`, a family such as `evaluation.*`, or `*` for every type. Only "
    "events that concern the subscriber arrive: an enterprise's recommendations and its "
    "candidates' progress, a partner body's referrals, a society's own events")
DESCRIPTION_DESCRIPTION = "Your own note on what the subscription is for (at most 500 characters)"


class WebhookIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "url": "https://93.184.216.34/cse/webhooks",
        "event_types": ["recommendation.screened", "evaluation.*"],
        "description": "HR system: candidates' evaluation progress",
    }]})

    url: str = Field(max_length=2000, description=URL_DESCRIPTION)
    event_types: EventTypes = Field(description=EVENT_TYPES_DESCRIPTION)
    description: str | None = Field(
        default=None, max_length=500, description=DESCRIPTION_DESCRIPTION + "; null for none")


class WebhookPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"status": "paused"},
        {"event_types": ["*"], "status": "active"},
    ]})

    url: str | None = Field(
        default=None, max_length=2000,
        description=URL_DESCRIPTION + "; null or absent keeps the current one")
    event_types: EventTypes | None = Field(
        default=None,
        description=EVENT_TYPES_DESCRIPTION + "; null or absent keeps the current ones")
    description: str | None = Field(
        default=None, max_length=500,
        description=DESCRIPTION_DESCRIPTION + "; null or absent keeps the current one")
    status: Literal["active", "paused"] | None = Field(
        default=None, description="`paused` holds deliveries; `active` resumes (also after the "
                                  "platform disabled a failing endpoint, which also resets its "
                                  "failure count); null or absent keeps the current status")


class WebhookOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The subscription's id (UUID)")
    url: str = Field(description="The endpoint events are posted to")
    event_types: list[str] = Field(
        description="The event type patterns subscribed to (exact types, `family.*`, or `*`), "
                    "each once, in the order given")
    description: str | None = Field(description="Your note on it; null when none was given")
    status: Literal["active", "paused", "disabled"] = Field(
        description="`active` (events are delivered), `paused` (by you: deliveries are made "
                    "and held until you resume) or `disabled` (by the platform after a delivery "
                    "failed through its whole retry schedule, about a day; `disabled_reason` "
                    "says why, PATCH `status: active` resumes)")
    failing_since: datetime | None = Field(
        description="When the current run of failed attempts began (ISO 8601, UTC); null "
                    "while the last attempt succeeded")
    consecutive_failures: int = Field(
        description="Failed attempts since the last successful delivery or resume (0 when "
                    "healthy)")
    disabled_reason: str | None = Field(
        description="Why the platform disabled it (attempts, since when, last response code); "
                    "null unless `status` is `disabled`")
    created_at: datetime = Field(description="When it was created (ISO 8601, UTC)")
    updated_at: datetime = Field(
        description="When it last changed: by you, a secret rotation, or being disabled "
                    "(ISO 8601, UTC)")


class WebhookCreatedOut(WebhookOut):
    secret: str = Field(description="The signing secret (`whsec_…`): shown this once only")


class SecretOut(BaseModel):
    secret: str = Field(description="The new signing secret: shown this once only")
    previous_secret_valid_until: datetime = Field(
        description="Until then deliveries carry a signature with the old secret as well")


class AttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    attempted_at: datetime = Field(description="When the POST was made (ISO 8601, UTC)")
    status_code: int | None = Field(
        description="The HTTP status your endpoint answered (2xx counts as delivered; a "
                    "redirect is not followed and counts as a failure); null when no answer "
                    "came (refused address, connection error, timeout)")
    duration_ms: int = Field(description="How long the attempt took, in milliseconds")
    error: str | None = Field(
        description="Why it failed: the start of your endpoint's answer (at most 500 "
                    "characters), the connection error, or why the address was refused; null "
                    "when delivered")


class DeliveryOut(BaseModel):
    id: uuid.UUID = Field(
        description="The delivery's id (UUID), for `…/deliveries/{delivery_id}/redeliver`")
    webhook_id: str = Field(description="The `webhook-id` header: the same on every retry")
    event_id: uuid.UUID = Field(
        description="The event's id (CloudEvents `id` in the body); the same in every "
                    "subscriber's delivery of it")
    event_type: str = Field(description="The event's type, e.g. `evaluation.decided`")
    status: Literal["pending", "delivered", "failed"] = Field(
        description="`pending` (waiting for its first or next attempt, or held while the "
                    "subscription is paused or disabled), `delivered` (a 2xx answer) or "
                    "`failed` (the retry schedule is spent; redeliver to try again)")
    attempts: int = Field(
        description="Attempts in the current round (a redelivery starts again from 0)")
    next_attempt_at: datetime | None = Field(
        description="When the next attempt is due (ISO 8601, UTC); null unless `pending`")
    last_status_code: int | None = Field(
        description="The HTTP status of the last attempt; null before any attempt or when "
                    "the last one got no answer")
    created_at: datetime = Field(
        description="When the event was queued for this subscription (ISO 8601, UTC)")
    delivered_at: datetime | None = Field(
        description="When it was delivered (ISO 8601, UTC); null unless it ever was")
    log: list[AttemptOut] = Field(
        description="Every attempt, oldest first, over all rounds (with the default "
                    "schedule at most 8 a round: the first try and 7 retries); empty in the "
                    "answer to a redelivery")
