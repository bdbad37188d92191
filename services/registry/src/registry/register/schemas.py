"""Shapes of the public register and its change feed."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from registry.certificates.rules import CertificateStatus, ChangeKind, Level
from registry.certificates.schemas import (
    CHANGE_KIND,
    FIELD,
    LEVEL,
    NUMBER,
    SOCIETY,
    PublicCertificate,
)


class RegisterPage(BaseModel):
    """One page of public register search results, in certificate-number order."""

    items: list[PublicCertificate] = Field(description="The certificates found on this page.")
    next_cursor: str | None = Field(
        default=None, description="Pass it back as `cursor` for the next page; null on the "
                                  "last page.")


class RegisterChange(BaseModel):
    """One issue, status change or re-registration, in the order the register made them."""

    seq: int = Field(description="Position in the feed (increasing, never reused).")
    certificate_number: str = Field(description=NUMBER)
    kind: ChangeKind = Field(
        description=CHANGE_KIND)
    status: CertificateStatus = Field(description="The certificate's status after the change.")
    previous_status: CertificateStatus | None = Field(
        description="The status before the change; null for `issued`.")
    effective_on: date = Field(description="China date (YYYY-MM-DD) the change took effect.")
    valid_until: date = Field(description="Last China date of validity after the change.")
    level: Level = Field(description=LEVEL)
    society_code: str = Field(description=SOCIETY)
    field_code: str = Field(description=FIELD)
    recorded_at: datetime = Field(description="When the register recorded the change (ISO 8601 "
                                              "date-time with offset).")


class ChangeFeed(BaseModel):
    """A page of the change feed, oldest change first."""

    items: list[RegisterChange] = Field(description="The changes after `since`, oldest first.")
    next_cursor: str = Field(
        description="Pass it back as `since` to get what happened after; the same value when "
                    "nothing did, so a mirror can poll with it.")
