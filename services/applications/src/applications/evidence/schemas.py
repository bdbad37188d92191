"""Response shapes of evidence files."""

import uuid
from datetime import datetime
from typing import Literal

from kit.auth import Role
from pydantic import BaseModel, ConfigDict, Field

from applications.evidence.rules import KINDS

EvidenceKind = Literal["identity_front", "identity_back", "education", "work", "achievement",
                       "honour", "supplement", "international_title"]
KIND_DESCRIPTION = "材料类别: " + ", ".join(f"{code} {words[0]}" for code, words in KINDS.items())


class EvidenceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The evidence file's id")
    application_id: uuid.UUID = Field(description="The application it supports")
    kind: EvidenceKind = Field(description=KIND_DESCRIPTION)
    filename: str = Field(description="The file name as uploaded")
    content_type: str = Field(description="application/pdf, image/jpeg or image/png, as sniffed"
                              " from the bytes (not the name)")
    size: int = Field(description="Size in bytes")
    sha256: str = Field(description="SHA-256 of the bytes as uploaded, lower-case hex")
    supplement_round: int | None = Field(
        description="The supplement request's round it answers; null for material uploaded "
        "before submission")
    created_at: datetime = Field(description="When it was uploaded")


class DownloadOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    evidence_id: uuid.UUID = Field(description="The evidence file read")
    subject: str = Field(description="Who read it: the user id (the token's subject)")
    role: Role = Field(description="The reader's role at the time: applicant, society_admin or "
                       "examiner")
    request_id: str | None = Field(description="The request id of the download (X-Request-ID),"
                                   " to match gateway logs; null when there was none")
    downloaded_at: datetime = Field(description="When it was read")
