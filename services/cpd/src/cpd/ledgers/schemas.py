"""Response shapes of CPD ledgers and their compliance."""

import uuid
from datetime import date, datetime

from cse_contracts.events import CertificateStatus
from pydantic import BaseModel, ConfigDict, Field

NUMBER = "The certificate's number (证书编号), e.g. `CSE-2026-P-000001`; one ledger each."
LAST = " As last reported in `cpd.compliance_changed`; null before the first report."


class LedgerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The ledger's id.")
    certificate_number: str = Field(description=NUMBER)
    member_id: uuid.UUID = Field(description="The member's id in the registry.")
    society_code: str = Field(description="The society that registered the member and sets "
                              "the CPD policy, e.g. `cces`.")
    required_hours_per_year: int = Field(description="CPD hours (学时) required in the first "
                                         "year of the current validity under the society's "
                                         "policy; later years may differ (see compliance).")
    valid_from: date = Field(description="First day of the certificate's current validity "
                             "(China date); years of validity count from it.")
    valid_until: date = Field(description="Last day of the current validity (China date).")
    certificate_status: CertificateStatus = Field(description=(
        "The certificate's status as the registry reports it; `revoked`, `cancelled` and "
        "`superseded` freeze the ledger."))
    barred: bool = Field(description="The member is barred (禁入): the ledger is frozen.")
    credited_hours: float | None = Field(
        default=None, description="Hours credited over the whole validity." + LAST)
    shortfall_hours: float | None = Field(
        default=None, description="Hours still missing over the whole validity." + LAST)
    compliant: bool | None = Field(
        default=None, description="Whether no year of the validity is short." + LAST)


class YearComplianceOut(BaseModel):
    year: int = Field(description="Year of validity, 1…5, counted from `valid_from`.")
    start: date = Field(description="First day of the year (China date).")
    end: date = Field(description="Last day of the year (China date).")
    required_hours: int = Field(description="Hours required this year: the figure of the "
                                "policy in force on the year's first day plus hours postponed "
                                "into it, before deferrals.")
    credited_hours: int = Field(description="Hours credited by the year's activities, after "
                                "per-kind caps; not-credited activities count 0.")
    deferred_hours: int = Field(description="Hours excused or moved away by granted "
                                "deferrals.")
    shortfall_hours: int = Field(description="Hours still missing: required less deferred "
                                 "and credited, never below 0.")
    postponed_in_hours: int = Field(description="Hours postponed into this year from earlier "
                                    "years by granted deferrals.")
    closed: bool = Field(description="The year ended more than the policy's grace days ago: "
                         "its activities can no longer change.")


class ComplianceOut(BaseModel):
    certificate_number: str = Field(description=NUMBER)
    period_start: date = Field(description="First day of the current validity (China date).")
    period_end: date = Field(description="Last day of the current validity (China date).")
    required_hours: int = Field(description="Hours required over the whole validity "
                                "(postponed hours counted once).")
    credited_hours: int = Field(description="Hours credited over the whole validity.")
    deferred_hours: int = Field(description="Hours deferred by granted deferrals.")
    shortfall_hours: int = Field(description="Hours missing over the whole validity.")
    compliant: bool = Field(description="True when no year is short of hours.")
    deferral_granted: bool = Field(description="A deferral was granted for this validity "
                                   "(the registry weighs it at re-registration).")
    years: list[YearComplianceOut] = Field(description="Each year of validity, in order (at "
                                           "most 5).")


class SummaryIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"text": "本有效期内参加桥梁抗震与 BIM 培训共 60 学时，"
                      "主持编写企业标准一项。"}]})

    text: str = Field(max_length=20000, description=(
        "The development summary (职业发展总结) in the member's own words, plain text, up to "
        "20000 characters; replaces the previous one (leading and trailing spaces trimmed)."))


class SummaryOut(BaseModel):
    certificate_number: str = Field(description=NUMBER)
    text: str = Field(description="The development summary; empty until written.")
    updated_at: datetime | None = Field(description="When it was last written (ISO 8601 with "
                                        "offset); null until written.")
