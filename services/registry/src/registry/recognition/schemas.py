"""Shapes of partners, agreements and referrals."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from kit.types import Day
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from registry.certificates.rules import CertificateStatus, Level
from registry.certificates.schemas import FIELD, LEVEL, NUMBER, SOCIETY

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
AgreementStatus = Literal["active", "suspended", "ended"]
Recognition = Literal["membership", "title"]
# requested → referred → granted | refused
ReferralStatus = Literal["requested", "referred", "granted", "refused"]

PARTNER = "Code of the partner body abroad (境外工程组织), e.g. `IES`, `HKIE`, `IEM`, `MEC`."
AGREEMENT = "Code of the mutual-recognition agreement, e.g. `IES-CSE-MR`."
RECOGNITION = ("What the agreement recognises: `membership` (engineering membership) or `title` "
               "(the engineer's title); never a licence to practise [003 Q30].")
AGREEMENT_STATUS = ("`active` (members may ask to be referred), `suspended` or `ended` (no new "
                    "referrals).")
LEVELS = "The certificate levels the agreement covers (`apprentice`, `professional`, `senior`)."
SIGNED_ON = "China date (YYYY-MM-DD) the agreement was signed; null when not recorded."


class AgreementOut(BaseModel):
    """A mutual-recognition agreement with a partner body."""

    model_config = ConfigDict(from_attributes=True)

    code: str = Field(description=AGREEMENT)
    partner_code: str = Field(description=PARTNER)
    title: str = Field(description="The agreement's title, usually bilingual.")
    recognition: Recognition = Field(description=RECOGNITION)
    scope: str = Field(description="What the agreement covers, in its own words.")
    levels: list[Level] = Field(description=LEVELS)
    signed_on: date | None = Field(description=SIGNED_ON)
    status: AgreementStatus = Field(description=AGREEMENT_STATUS)


class AgreementIn(BaseModel):
    """An agreement to record or update under the partner in the path, by its code."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "code": "IES-CSE-MR",
        "title": "CSE–IES 工程师互认协议 / CSE–IES engineers mutual recognition",
        "recognition": "membership",
        "scope": "工程会员身份与工程师称号互认，非执业资格 / Mutual recognition of engineering "
                 "membership and title; not a licence to practise",
        "levels": ["professional", "senior"],
        "signed_on": "2026-05-18",
        "status": "active",
    }]})

    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=40,
                                           pattern=r"^[A-Za-z0-9-]+$")] = Field(
        description=AGREEMENT + " Letters, digits and hyphens, 2 to 40; an existing code is "
                                "updated, a new one created (a code of another partner is "
                                "refused).")
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2,
                                            max_length=300)] = Field(
        description="The agreement's title, 2 to 300 characters.")
    recognition: Recognition = Field(description=RECOGNITION)
    scope: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2,
                                            max_length=2000)] = Field(
        description="What the agreement covers, 2 to 2000 characters.")
    levels: Annotated[list[Level], Field(min_length=1)] = Field(
        description=LEVELS + " At least one.")
    signed_on: Day | None = Field(default=None, description=SIGNED_ON)
    status: AgreementStatus = Field(default="active", description=AGREEMENT_STATUS)


class PartnerOut(BaseModel):
    """A partner body abroad and its agreements."""

    code: str = Field(description=PARTNER)
    name_en: str = Field(description="The partner's name in English.")
    name_zh: str = Field(description="The partner's name in Chinese.")
    country: str = Field(description="Country or region of the partner, in English.")
    agreements: list[AgreementOut] = Field(description="Its agreements, by code.")


class ReferralIn(BaseModel):
    """A member asks to be referred to a partner body under an agreement."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "certificate_number": "CSE-2026-P-000123",
        "agreement_code": "IES-CSE-MR",
        "purpose": "申请新加坡工程师学会会员 / Applying for IES membership",
    }]})

    certificate_number: Annotated[str, StringConstraints(strip_whitespace=True,
                                                         max_length=40)] = Field(
        description=NUMBER + " Your own certificate, valid today, of a level the agreement "
                             "covers.")
    agreement_code: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] = (
        Field(description=AGREEMENT + " It must be `active`."))
    purpose: Text = Field(default="", description="Why you ask, up to 2000 characters; "
                                                  "empty when left out.")


class ReferIn(BaseModel):
    """The secretariat refers the member to the partner body."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "covering_note": "兹推荐该会员申请贵会会员资格 / We refer this member for your "
                         "membership",
    }]})

    covering_note: Text = Field(default="", description="The covering note to the partner body, "
                                                        "up to 2000 characters.")


class OutcomeIn(BaseModel):
    """The partner body's outcome: its title granted, with its number, or a refusal."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"outcome": "granted", "granted_title": "Member of the IES (MIES)",
         "partner_number": "IES-M-20461", "decided_on": "2026-11-20"},
        {"outcome": "refused", "decided_on": "2026-11-20",
         "reason": "Experience outside Singapore is not yet recognised for this grade"},
    ]})

    outcome: Literal["granted", "refused"] = Field(
        description="`granted`: the partner granted its membership or title (give "
                    "`granted_title` and `partner_number`); `refused`: give `reason`.")
    granted_title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None \
        = Field(default=None, description="The title or grade the partner granted; required "
                                          "when granted.")
    partner_number: Annotated[str, StringConstraints(strip_whitespace=True,
                                                     max_length=100)] | None = Field(
        default=None, description="The member's number with the partner body; required when "
                                  "granted.")
    decided_on: Day = Field(description="China date (YYYY-MM-DD) the partner decided.")
    reason: Text | None = Field(default=None, description="Why the partner refused; required "
                                                          "when refused.")

    @model_validator(mode="after")
    def _complete(self) -> "OutcomeIn":
        if self.outcome == "granted" and not (self.granted_title and self.partner_number):
            raise ValueError("a granted title needs granted_title and partner_number")
        if self.outcome == "refused" and not self.reason:
            raise ValueError("a refusal needs its reason")
        return self


class ReferralOut(BaseModel):
    """A referral to a partner body, with the member's record and the partner's outcome."""

    id: uuid.UUID = Field(description="Identifier of the referral (UUID).")
    status: ReferralStatus = Field(
        description="`requested` (by the member), `referred` (sent by the secretariat to the "
                    "partner), `granted` or `refused` (the partner's outcome).")
    partner_code: str = Field(description=PARTNER)
    agreement_code: str = Field(description=AGREEMENT)
    certificate_number: str = Field(description=NUMBER)
    holder_name: str = Field(description="The member's full name.")
    level: Level = Field(description=LEVEL)
    field_code: str = Field(description=FIELD)
    society_code: str = Field(description=SOCIETY)
    certificate_status: CertificateStatus = Field(
        description="The certificate's status today (`valid`, `suspended`, `cancelled`, "
                    "`revoked`, `expired` or `superseded`).")
    valid_from: date = Field(description="First China date of the certificate's validity.")
    valid_until: date = Field(description="Last China date of the certificate's validity.")
    purpose: str = Field(description="Why the member asked; empty when not given.")
    requested_at: datetime = Field(description="When the member asked (ISO 8601).")
    referred_at: datetime | None = Field(description="When the secretariat referred the member "
                                                     "(ISO 8601); null while `requested`.")
    covering_note: str | None = Field(description="The secretariat's covering note; null while "
                                                  "`requested`.")
    granted_title: str | None = Field(description="The title the partner granted; null unless "
                                                  "`granted`.")
    partner_number: str | None = Field(description="The member's number with the partner; null "
                                                    "unless `granted`.")
    decided_on: date | None = Field(description="China date the partner decided; null until it "
                                                "did.")
    refusal_reason: str | None = Field(description="Why the partner refused; null unless "
                                                   "`refused`.")


class ReferralCount(BaseModel):
    """How many referrals under one agreement are in each status."""

    partner_code: str = Field(description=PARTNER)
    agreement_code: str = Field(description=AGREEMENT)
    requested: int = Field(description="Referrals asked for, not yet referred.")
    referred: int = Field(description="Referrals sent to the partner, no outcome yet.")
    granted: int = Field(description="Referrals the partner granted.")
    refused: int = Field(description="Referrals the partner refused.")
