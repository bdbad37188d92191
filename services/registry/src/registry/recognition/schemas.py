"""Shapes of partners, agreements and referrals."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Level = Literal["apprentice", "professional", "senior"]


class AgreementOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    partner_code: str
    title: str
    recognition: str
    scope: str
    levels: list[str]
    signed_on: date | None
    status: str


class AgreementIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=40,
                                           pattern=r"^[A-Za-z0-9-]+$")]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2,
                                            max_length=300)]
    recognition: Literal["membership", "title"]
    scope: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2,
                                            max_length=2000)]
    levels: Annotated[list[Level], Field(min_length=1)]
    signed_on: date | None = None
    status: Literal["active", "suspended", "ended"] = "active"


class PartnerOut(BaseModel):
    code: str
    name_en: str
    name_zh: str
    country: str
    agreements: list[AgreementOut]


class ReferralIn(BaseModel):
    """A member asks to be referred to a partner body under an agreement."""

    model_config = ConfigDict(extra="forbid")

    certificate_number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]
    agreement_code: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]
    purpose: Text = ""


class ReferIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    covering_note: Text = ""


class OutcomeIn(BaseModel):
    """The partner body's outcome: its title granted, with its number, or a refusal."""

    model_config = ConfigDict(extra="forbid")

    outcome: Literal["granted", "refused"]
    granted_title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None \
        = None
    partner_number: Annotated[str, StringConstraints(strip_whitespace=True,
                                                     max_length=100)] | None = None
    decided_on: date
    reason: Text | None = None

    @model_validator(mode="after")
    def _complete(self) -> "OutcomeIn":
        if self.outcome == "granted" and not (self.granted_title and self.partner_number):
            raise ValueError("a granted title needs granted_title and partner_number")
        if self.outcome == "refused" and not self.reason:
            raise ValueError("a refusal needs its reason")
        return self


class ReferralOut(BaseModel):
    id: uuid.UUID
    status: str
    partner_code: str
    agreement_code: str
    certificate_number: str
    holder_name: str
    level: str
    field_code: str
    society_code: str
    certificate_status: str
    valid_from: date
    valid_until: date
    purpose: str
    requested_at: datetime
    referred_at: datetime | None
    covering_note: str | None
    granted_title: str | None
    partner_number: str | None
    decided_on: date | None
    refusal_reason: str | None


class ReferralCount(BaseModel):
    partner_code: str
    agreement_code: str
    requested: int
    referred: int
    granted: int
    refused: int
