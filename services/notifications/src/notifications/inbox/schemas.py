"""Request and response shapes of the in-app inbox."""

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from notifications.messages.render import KINDS

# The words are the catalogue's (computed from it), so the document lists every kind stored.
MessageKind = Annotated[str, WithJsonSchema({"type": "string", "enum": list(KINDS)})]


class NotificationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: MessageKind = Field(
        description="What the message is about: the event type that caused it (e.g. "
                    "`application.returned`), `reminder.<kind>` for a deadline reminder "
                    "(e.g. `reminder.supplement_due`), or `unknown` for an event type the "
                    "platform has no words for yet (`event_type` then says which)")
    event_id: uuid.UUID
    event_type: str
    subject: str | None
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    link: str | None = Field(description="Where to act, a path under the platform's address")
    due_on: date | None = Field(description="The China date to act by, if there is one")
    created_at: datetime
    read_at: datetime | None


class ReadIn(BaseModel):
    read: bool = True


class UnreadCountOut(BaseModel):
    unread: int


class MarkedOut(BaseModel):
    marked_read: int
