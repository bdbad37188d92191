"""Response shapes of the e-mail delivery log (for the secretariat, who operates the platform)."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class MailAttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    attempted_at: datetime
    outcome: str = Field(description="sent, retry (a temporary failure) or failed")
    smtp_code: int | None
    detail: str | None


class MailOut(BaseModel):
    id: uuid.UUID
    kind: str
    to: str = Field(description="The address, masked")
    language: str
    subject: str
    status: str = Field(description="queued, sent or failed")
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    log: list[MailAttemptOut]
