"""Response shapes of the e-mail delivery log (for the secretariat, who operates the platform)."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from notifications.inbox.schemas import MessageKind


class MailAttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    attempted_at: datetime = Field(description="When the sender tried (ISO 8601, UTC)")
    outcome: Literal["sent", "retry", "failed"] = Field(
        description="`sent` (the server took it), `retry` (a temporary failure: a 4xx answer or "
                    "no connection; tried again later) or `failed` (a permanent 5xx answer, or "
                    "the last allowed attempt)")
    smtp_code: int | None = Field(
        description="The SMTP server's reply code (250 when sent); null when no answer came "
                    "(no connection, a timeout)")
    detail: str | None = Field(
        description="The server's reply or the connection error, at most 1000 characters; "
                    "null when sent")


class MailOut(BaseModel):
    id: uuid.UUID = Field(description="The e-mail's id (UUID); also in its `Message-ID` header")
    kind: MessageKind = Field(
        description="What the e-mail is about: the `kind` of the inbox message it copies (the "
                    "event type, `reminder.<kind>`, or `unknown`)")
    to: str = Field(
        description="The recipient's address, masked: its first letter, asterisks, the domain "
                    "(`l*****@example.com`)")
    language: Literal["zh", "en"] = Field(
        description="The language it was written in: the recipient's preference (`zh` Chinese, "
                    "`en` English); `zh` for an address left without an account")
    subject: str = Field(description="The e-mail's subject line, in its language")
    status: Literal["queued", "sent", "failed"] = Field(
        description="`queued` (waiting for its first or next attempt), `sent` (an SMTP server "
                    "accepted it) or `failed` (refused permanently, or out of attempts)")
    attempts: int = Field(description="How many times sending was tried so far (0 while new)")
    next_attempt_at: datetime | None = Field(
        description="When the sender tries next (ISO 8601, UTC); null unless `queued`")
    last_error: str | None = Field(
        description="Why the last attempt failed (the server's reply or the connection error); "
                    "null once sent or before any failure")
    created_at: datetime = Field(
        description="When it was queued, with the inbox message (ISO 8601, UTC)")
    sent_at: datetime | None = Field(
        description="When an SMTP server accepted it (ISO 8601, UTC); null unless `sent`")
    log: list[MailAttemptOut] = Field(
        description="Every attempt, oldest first; bounded by the sender's maximum number of "
                    "attempts (6 by default)")
