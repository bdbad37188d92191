"""Request and response shapes of member status changes and publication consent."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator


class BanIn(BaseModel):
    """A lifetime ban [003 Q14]: false material or a breach of the code of conduct."""

    model_config = ConfigDict(extra="forbid")

    applicant_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                   max_length=100)]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5,
                                             max_length=2000)]


class BanOut(BaseModel):
    applicant_id: str
    member_id: uuid.UUID | None
    reason: str
    barred_at: datetime
    revoked_certificates: list[str]
    refused_registrations: int


class ConsentIn(BaseModel):
    """What the public register shows beyond name, level, field, society, validity, status."""

    model_config = ConfigDict(extra="forbid")

    show_employer: bool
    show_contact: bool
    employer: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                               max_length=200)] | None = None
    contact_email: Annotated[str, StringConstraints(
        strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None

    @model_validator(mode="after")
    def _given_when_shown(self) -> "ConsentIn":
        if self.show_employer and not self.employer:
            raise ValueError("show_employer needs the employer to show / 请填写工作单位")
        if self.show_contact and not self.contact_email:
            raise ValueError("show_contact needs the contact_email to show / 请填写联系邮箱")
        return self


class ConsentOut(BaseModel):
    show_employer: bool
    show_contact: bool
    employer: str | None
    contact_email: str | None
    consent_updated_at: datetime | None
