"""Request and response shapes of member status changes and publication consent."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

APPLICANT = ("The person's applicant id: the `sub` of their applicant account (identity "
             "service), the same in every service.")


class BanIn(BaseModel):
    """A lifetime ban [003 Q14]: false material or a breach of the code of conduct."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "applicant_id": "applicant-7f3c2a",
        "reason": "申报材料中的业绩证明系伪造 / The project records submitted were forged",
    }]})

    applicant_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                   max_length=100)] = Field(
        description=APPLICANT + " Someone not yet on the register can be barred too.")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5,
                                             max_length=2000)] = Field(
        description="Why, 5 to 2000 characters: recorded with the bar, in the reason of every "
                    "revoked certificate and refused registration, and sent to the person.")


class BanOut(BaseModel):
    """The lifetime bar recorded and what it did."""

    applicant_id: str = Field(description=APPLICANT)
    member_id: uuid.UUID | None = Field(description="The member record barred (UUID); null when "
                                                    "the person was not on the register yet.")
    reason: str = Field(description="The reason recorded.")
    barred_at: datetime = Field(description="When the bar took effect (ISO 8601).")
    revoked_certificates: list[str] = Field(
        description="Unified numbers of the certificates the bar revoked (empty when none).")
    refused_registrations: int = Field(
        description="How many registrations waiting for confirmation the bar refused.")


EMPLOYER = "Your employer (工作单位) as the public register shows it"
CONTACT = "A contact e-mail address the public register shows"


class ConsentIn(BaseModel):
    """What the public register shows beyond name, level, field, society, validity, status."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "show_employer": True, "show_contact": False, "employer": "中国路桥工程有限责任公司",
    }]})

    show_employer: bool = Field(description="Whether the public register shows your employer.")
    show_contact: bool = Field(description="Whether the public register shows your contact "
                                           "e-mail address.")
    employer: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                               max_length=200)] | None = Field(
        default=None, description=EMPLOYER + ", up to 200 characters; required when "
                                             "`show_employer`, not kept otherwise.")
    contact_email: Annotated[str, StringConstraints(
        strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = (
        Field(default=None, description=CONTACT + "; required when `show_contact`, not kept "
                                                  "otherwise."))

    @model_validator(mode="after")
    def _given_when_shown(self) -> "ConsentIn":
        if self.show_employer and not self.employer:
            raise ValueError("show_employer needs the employer to show / 请填写工作单位")
        if self.show_contact and not self.contact_email:
            raise ValueError("show_contact needs the contact_email to show / 请填写联系邮箱")
        return self


class ConsentOut(BaseModel):
    """Your publication consent (公开范围) as the register holds it."""

    show_employer: bool = Field(description="Whether the public register shows your employer.")
    show_contact: bool = Field(description="Whether the public register shows your contact "
                                           "e-mail address.")
    employer: str | None = Field(description=EMPLOYER + "; null unless `show_employer`.")
    contact_email: str | None = Field(description=CONTACT + "; null unless `show_contact`.")
    consent_updated_at: datetime | None = Field(
        description="When the consent last changed (ISO 8601): your application's commitment "
                    "or your own change; null when never recorded.")
