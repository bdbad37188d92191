"""Request and response shapes of the in-app inbox."""

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class NotificationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str = Field(description="The event type, or `reminder.<kind>` for a reminder")
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
