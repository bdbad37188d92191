"""Response shapes of evidence files."""

import uuid
from datetime import datetime

from kit.auth import Role
from pydantic import BaseModel, ConfigDict


class EvidenceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    activity_id: uuid.UUID | None
    deferral_id: uuid.UUID | None
    filename: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime


class DownloadOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    evidence_id: uuid.UUID
    subject: str
    role: Role
    request_id: str | None
    downloaded_at: datetime
