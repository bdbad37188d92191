"""Shapes of the public register and its change feed."""

from datetime import date, datetime

from pydantic import BaseModel

from registry.certificates.schemas import PublicCertificate


class RegisterPage(BaseModel):
    items: list[PublicCertificate]
    next_cursor: str | None = None


class RegisterChange(BaseModel):
    """One issue, status change or re-registration, in the order the register made them."""

    seq: int
    certificate_number: str
    kind: str
    status: str
    previous_status: str | None
    effective_on: date
    valid_until: date
    level: str
    society_code: str
    field_code: str
    recorded_at: datetime


class ChangeFeed(BaseModel):
    items: list[RegisterChange]
    # Pass it back as `since` to get what happened after; the same when nothing did.
    next_cursor: str
