"""Response shapes of CPD ledgers and their compliance."""

import uuid
from datetime import date, datetime

from cse_contracts.events import CertificateStatus
from pydantic import BaseModel, ConfigDict, Field


class LedgerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    certificate_number: str
    member_id: uuid.UUID
    society_code: str
    required_hours_per_year: int
    valid_from: date
    valid_until: date
    certificate_status: CertificateStatus
    barred: bool
    # Over the whole validity, as last reported in `cpd.compliance_changed`.
    credited_hours: float | None = None
    shortfall_hours: float | None = None
    compliant: bool | None = None


class YearComplianceOut(BaseModel):
    year: int
    start: date
    end: date
    required_hours: int
    credited_hours: int
    deferred_hours: int
    shortfall_hours: int
    postponed_in_hours: int
    closed: bool


class ComplianceOut(BaseModel):
    certificate_number: str
    period_start: date
    period_end: date
    required_hours: int
    credited_hours: int
    deferred_hours: int
    shortfall_hours: int
    compliant: bool
    deferral_granted: bool
    years: list[YearComplianceOut]


class SummaryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=20000, description="职业发展总结: the member's own account")


class SummaryOut(BaseModel):
    certificate_number: str
    text: str
    updated_at: datetime | None
