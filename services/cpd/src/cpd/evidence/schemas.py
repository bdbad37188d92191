"""Response shapes of evidence files."""

import uuid
from datetime import datetime

from kit.auth import Role
from pydantic import BaseModel, ConfigDict, Field


class EvidenceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The file's id (for `/evidence/{evidence_id}/content`).")
    activity_id: uuid.UUID | None = Field(description="The activity it backs; null when it "
                                          "backs a deferral.")
    deferral_id: uuid.UUID | None = Field(description="The deferral request it backs; null "
                                          "when it backs an activity.")
    filename: str = Field(description="The uploaded file's name, without any folder path.")
    content_type: str = Field(description="`application/pdf`, `image/jpeg` or `image/png`, "
                              "judged from the content, not the name.")
    size: int = Field(description="Size in bytes.")
    sha256: str = Field(description="SHA-256 of the content, 64 lowercase hex digits.")
    created_at: datetime = Field(description="When it was uploaded (ISO 8601 with offset).")


class DownloadOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    evidence_id: uuid.UUID = Field(description="The file that was read.")
    subject: str = Field(description="Who read it: the reader's account id (token subject).")
    role: Role = Field(description="The reader's role when reading: `applicant` (the member) "
                       "or `society_admin` (the society's staff).")
    request_id: str | None = Field(description="The request's X-Request-ID, to find it in the "
                                   "logs; null when none was recorded.")
    downloaded_at: datetime = Field(description="When it was read (ISO 8601 with offset).")
