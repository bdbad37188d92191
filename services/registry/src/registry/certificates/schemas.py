"""Request and response shapes of the register."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=4, max_length=2000)]


class CertificateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    number: str
    society_code: str
    level: str
    field_code: str
    specialty_code: str | None
    status: str
    status_since: date
    issued_on: date
    valid_from: date
    valid_until: date
    renewals: int


class PublicCertificate(BaseModel):
    """What anyone may see when verifying a certificate (公开查询): the consented fields only."""

    number: str
    holder_name: str
    society_code: str
    level: str
    field_code: str
    specialty_code: str | None
    status: str
    status_since: date
    valid_from: date
    valid_until: date
    employer: str | None = None
    contact_email: str | None = None


class StatusChangeIn(BaseModel):
    """Suspend (暂停), restore (恢复), cancel (注销) or revoke (撤销) [003 Q31]."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["suspend", "restore", "cancel", "revoke"]
    reason: Reason
    # China date; today when left out. Never in the future.
    effective_on: date | None = None


class ChangeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    kind: str
    status: str
    previous_status: str | None
    reason: str
    effective_on: date
    valid_until: date
    actor_role: str | None
    created_at: datetime


class HistoryOut(BaseModel):
    certificate: CertificateOut
    changes: list[ChangeOut]
