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

    id: uuid.UUID = Field(
        description="The message's id (UUID), for `PUT /v1/notifications/{id}/read`")
    kind: MessageKind = Field(
        description="What the message is about: the event type that caused it (e.g. "
                    "`application.returned`), `reminder.<kind>` for a deadline reminder "
                    "(e.g. `reminder.supplement_due`), or `unknown` for an event type the "
                    "platform has no words for yet (`event_type` then says which)")
    event_id: uuid.UUID = Field(
        description="The id of the platform event (CloudEvents `id`) that caused the message; a "
                    "webhook delivery of the same event carries the same id")
    event_type: str = Field(
        description="The type of that event, e.g. `evaluation.decided`; `reminder.due` for a "
                    "reminder")
    subject: str | None = Field(
        description="What the event is about, as `<collection>/<id>` (CloudEvents `subject`, "
                    "e.g. `recommendations/3f2c…`); null when the event names nothing")
    title_zh: str = Field(description="The title in Chinese (one line)")
    title_en: str = Field(description="The title in English (one line)")
    body_zh: str = Field(
        description="The message in Chinese, plain text (paragraphs separated by blank lines): "
                    "what happened, what to do and by when, dates in China time")
    body_en: str = Field(description="The same message in English, plain text")
    link: str | None = Field(
        description="Where to act: a path under the platform's address, e.g. "
                    "`/v1/applications/{id}`; null when there is nothing to open")
    due_on: date | None = Field(
        description="The China date (YYYY-MM-DD, Beijing time) to act by; null when the "
                    "message sets no deadline")
    created_at: datetime = Field(description="When the message was filed (ISO 8601, UTC)")
    read_at: datetime | None = Field(
        description="When it was marked read (ISO 8601, UTC); null while unread. A shared "
                    "inbox (a society's, an enterprise's…) has one read mark for all its staff")


class ReadIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"read": False}]})

    read: bool = Field(
        default=True, strict=True,
        description="`true` marks the message read (the default, also without a body); `false` "
                    "marks it unread again. A JSON boolean only (not 0/1 or a string)")


class UnreadCountOut(BaseModel):
    unread: int = Field(
        description="How many messages of the caller's inboxes (their own and their "
                    "organisation's shared one) are unread")


class MarkedOut(BaseModel):
    marked_read: int = Field(
        description="How many messages this call marked read (those already read not counted)")
