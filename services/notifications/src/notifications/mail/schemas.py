"""Response shapes of the e-mail delivery log (for the secretariat, who operates the platform)."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from notifications.inbox.schemas import MessageKind


class MailAttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    attempted_at: datetime
    outcome: Literal["sent", "retry", "failed"] = Field(
        description="`sent` (the server took it), `retry` (a temporary failure: a 4xx answer or "
                    "no connection; tried again later) or `failed` (a permanent 5xx answer, or "
                    "the last allowed attempt)")
    smtp_code: int | None
    detail: str | None


class MailOut(BaseModel):
    id: uuid.UUID
    kind: MessageKind = Field(
        description="What the e-mail is about: the `kind` of the inbox message it copies (the "
                    "event type, `reminder.<kind>`, or `unknown`)")
    to: str = Field(description="The address, masked")
    language: Literal["zh", "en"] = Field(
        description="The language it was written in: the recipient's preference (`zh` Chinese, "
                    "`en` English); `zh` for an address left without an account")
    subject: str
    status: Literal["queued", "sent", "failed"] = Field(
        description="`queued` (waiting for its first or next attempt), `sent` (an SMTP server "
                    "accepted it) or `failed` (refused permanently, or out of attempts)")
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    log: list[MailAttemptOut]
