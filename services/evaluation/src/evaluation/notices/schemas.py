"""Shapes of the public notice list and objections."""

import re
import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from kit.types import NON_BLANK_TEXT_PATTERN
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from evaluation.vocabulary import ObjectionStatus

# A phone number or an e-mail address, for the document and the check alike, so both accept the
# same: the blanks are those str.strip() trims (named, since `\s` differs between Python and
# the ECMA regexes of JSON Schema), and no control character the kit refuses.
_BLANK = r" \t\n\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_WORD = rf"[^@{_BLANK}\u0000-\u001f]+"
CONTACT_PATTERN = (rf"^[{_BLANK}]*({_WORD}@{_WORD}\.{_WORD}|\+?[0-9][0-9 \-]{{4,19}})"
                   rf"[{_BLANK}]*$")
_CONTACT = re.compile(CONTACT_PATTERN)


class PublicNoticeOut(BaseModel):
    """What the public sees: name, society, field, level and the last day — nothing else;
    the society, field and level named in Chinese and in English."""

    id: uuid.UUID = Field(description="The notice's id")
    applicant_name: str = Field(description="The engineer's name")
    society_code: str = Field(description="Code of the evaluating society")
    society_name: str = Field(description="The society's name in Chinese")
    society_name_en: str = Field(description="The society's name in English")
    field_code: str = Field(description="Engineering field code")
    field_name: str = Field(description="The field's name in Chinese")
    field_name_en: str = Field(description="The field's name in English")
    level: str = Field(description="Level passed: apprentice, professional or senior")
    level_name: str = Field(description="The level's name in Chinese")
    level_name_en: str = Field(description="The level's name in English")
    notice_until: date = Field(
        description="Last day of the notice (China date); objections are taken until its end")


class ObjectionIn(BaseModel):
    """An objection to a notice; the contact is kept encrypted and only the society sees it."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "objector_name": "李明", "contact": "liming@example.cn",
        "text": "申请人所述项目经历与事实不符 / The applicant's project record is not true."}]})

    objector_name: Annotated[str, StringConstraints(
        strip_whitespace=True, pattern=NON_BLANK_TEXT_PATTERN, min_length=1, max_length=100,
    )] = Field(
        description="Your name (1-100 characters); kept encrypted, only the society sees it")
    contact: Annotated[str, StringConstraints(
        strip_whitespace=True, pattern=NON_BLANK_TEXT_PATTERN, min_length=5, max_length=200,
    )] = Field(
        description="A phone number (digits, spaces, dashes, optional leading +) or an e-mail "
        "address the society can answer you at; kept encrypted",
        json_schema_extra={"pattern": CONTACT_PATTERN})
    text: Annotated[str, StringConstraints(
        strip_whitespace=True, pattern=NON_BLANK_TEXT_PATTERN, min_length=10, max_length=4000,
    )] = Field(
        description="The objection and what it rests on (10-4000 characters)")

    @field_validator("contact")
    @classmethod
    def _phone_or_email(cls, value: str) -> str:
        if not _CONTACT.match(value):
            raise ValueError("contact must be a phone number or an e-mail address "
                             "(联系方式须为电话号码或电子邮箱)")
        return value


class ObjectionReceipt(BaseModel):
    """What the objector is told: the objection is kept and will be resolved."""

    id: uuid.UUID = Field(description="The objection's id; quote it to the society")
    received_at: datetime = Field(description="When the objection was received")
    message: str = Field(description="Acknowledgement to show the objector (Chinese / English)")


class ObjectionOut(BaseModel):
    """An objection as the society sees it (with the objector's contact)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The objection's id")
    notice_id: uuid.UUID = Field(description="The public notice objected to")
    case_id: uuid.UUID = Field(description="The case on notice")
    objector_name: str = Field(description="The objector's name (decrypted for the society)")
    contact: str = Field(description="The objector's phone number or e-mail (decrypted)")
    text: str = Field(description="The objection as lodged")
    status: ObjectionStatus = Field(
        description="open until resolved; upheld (the pass was reversed) or dismissed")
    resolution: str | None = Field(description="The society's reasons; null while open")
    resolved_by: str | None = Field(
        description="Identity user id of who resolved it; null while open")
    resolved_at: datetime | None = Field(description="When it was resolved; null while open")
    created_at: datetime = Field(description="When it was lodged")


class ResolutionIn(BaseModel):
    """Upheld: the decision is reversed with these reasons. Dismissed: the note is kept."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"outcome": "dismissed", "reasons": "经核实项目经历属实 / The project record was "
         "verified and is true."},
        {"outcome": "upheld", "reasons": "经核实项目经历不实，撤销通过决定 / The project "
         "record is not true; the pass is reversed."},
    ]})

    outcome: Literal["upheld", "dismissed"] = Field(
        description="upheld reverses the pass to a fail and ends the notice; dismissed keeps "
        "the notice running")
    reasons: Annotated[str, StringConstraints(
        strip_whitespace=True, pattern=NON_BLANK_TEXT_PATTERN, min_length=1, max_length=4000,
    )] = Field(
        description="Why (1-4000 characters); for upheld, the reasons of the failed outcome")
