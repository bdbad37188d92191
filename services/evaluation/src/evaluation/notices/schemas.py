"""Shapes of the public notice list and objections."""

import re
import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, field_validator

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{4,19}$")


class PublicNoticeOut(BaseModel):
    """What the public sees: name, society, field, level and the last day — nothing else;
    the society, field and level named in Chinese and in English."""

    id: uuid.UUID
    applicant_name: str
    society_code: str
    society_name: str
    society_name_en: str
    field_code: str
    field_name: str
    field_name_en: str
    level: str
    level_name: str
    level_name_en: str
    notice_until: date


class ObjectionIn(BaseModel):
    """An objection to a notice; the contact is kept encrypted and only the society sees it."""

    model_config = ConfigDict(extra="forbid")

    objector_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                    max_length=100)]
    contact: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5,
                                              max_length=200)]
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10,
                                           max_length=4000)]

    @field_validator("contact")
    @classmethod
    def _phone_or_email(cls, value: str) -> str:
        if not (_EMAIL.match(value) or _PHONE.match(value)):
            raise ValueError("contact must be a phone number or an e-mail address "
                             "(联系方式须为电话号码或电子邮箱)")
        return value


class ObjectionReceipt(BaseModel):
    id: uuid.UUID
    received_at: datetime
    message: str


class ObjectionOut(BaseModel):
    """An objection as the society sees it (with the objector's contact)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    notice_id: uuid.UUID
    case_id: uuid.UUID
    objector_name: str
    contact: str
    text: str
    status: str
    resolution: str | None
    resolved_by: str | None
    resolved_at: datetime | None
    created_at: datetime


class ResolutionIn(BaseModel):
    """Upheld: the decision is reversed with these reasons. Dismissed: the note is kept."""

    model_config = ConfigDict(extra="forbid")

    outcome: Literal["upheld", "dismissed"]
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                              max_length=4000)]
