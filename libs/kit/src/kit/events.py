"""The event envelope (CloudEvents 1.0 attributes) and the base class of every event payload."""

import builtins
import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

E = TypeVar("E", bound="EventData")


class EventData(BaseModel):
    """Payload of one event type: a past-tense fact, carrying only what consumers need."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_type: ClassVar[str]
    schema_version: ClassVar[int] = 1


class Envelope(BaseModel):
    """One envelope for all events on the bus (CloudEvents JSON format plus extensions)."""

    model_config = ConfigDict(extra="allow")

    specversion: Literal["1.0"] = "1.0"
    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    type: str
    source: str
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))
    subject: str | None = None
    datacontenttype: Literal["application/json"] = "application/json"
    # CloudEvents extension attributes must be lower-case alphanumerics.
    schemaversion: int = 1
    requestid: str | None = None
    # W3C trace context of the request that emitted it (CloudEvents distributed tracing).
    traceparent: str | None = None
    data: dict[str, Any]

    @classmethod
    def wrap(
        cls, data: EventData, *, source: str, subject: str | None, request_id: str | None = None,
        traceparent: str | None = None,
    ) -> "Envelope":
        return cls(
            type=data.event_type,
            source=source,
            subject=subject,
            schemaversion=data.schema_version,
            requestid=request_id,
            traceparent=traceparent,
            data=data.model_dump(mode="json"),
        )

    def payload(self, model: builtins.type[E]) -> E:
        """The data validated as `model`; a consumer reads only the types it subscribed to."""
        return model.model_validate(self.data)
