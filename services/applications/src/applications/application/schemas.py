"""Request and response shapes of applications (工程会员申请)."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, computed_field

from applications.application.rules import status_words

Level = Literal["apprentice", "professional", "senior"]
Competency = Literal["knowledge", "ethics", "teamwork", "development", "leadership"]


class ApplicationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: Level
    field_code: str = Field(description="工程技术领域代码, see /v1/reference/fields")
    specialty_code: str | None = Field(default=None, description="专业类别代码")
    candidate_id: uuid.UUID | None = Field(
        default=None, description="the accepted recommendation this application follows"
    )


class ApplicationChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: Level | None = None
    specialty_code: str | None = None


class StatementPartIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=8000)]
    competencies: list[Competency] = Field(
        min_length=1, max_length=5,
        description="素质能力: knowledge 工程知识与专业能力, ethics 工程伦理与职业道德, teamwork "
        "团队合作与交流能力, development 持续发展与终身学习能力, leadership 组织领导与项目管理能力",
    )


class StatementIn(BaseModel):
    """The self-statement (工作情况自述) as parts, each mapped to the competencies it evidences."""

    model_config = ConfigDict(extra="forbid")

    parts: list[StatementPartIn] = Field(min_length=1, max_length=50)


class PublicationIn(BaseModel):
    """What the public register may show of you beyond your name, level, field, society,
    validity and status (公开信息); you can change it later in the register."""

    model_config = ConfigDict(extra="forbid")

    show_employer: bool = Field(default=False, description="show your current employer")
    show_contact: bool = Field(default=False, description="show your e-mail address")


class CommitmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = Field(description="the version read, from /v1/reference/commitment")
    agreed: Literal[True]
    publication: PublicationIn = Field(default_factory=PublicationIn)


class FormalCheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["accept", "return"]
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = ""


class StatementOut(BaseModel):
    parts: list[StatementPartIn]
    characters: int


class Words(BaseModel):
    zh: str
    en: str


class ApplicationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    applicant_id: str
    applicant_name: str
    level: str
    field_code: str
    specialty_code: str | None
    society_code: str
    candidate_id: uuid.UUID | None
    status: str = Field(description="draft, submitted, returned, lapsed, accepted, "
                        "under_evaluation, supplement_requested, passed, on_public_notice, "
                        "failed, approved, registered, registration_refused, withdrawn "
                        "(status_words says it in words)")
    check_reasons: str | None
    fast_track: bool
    commitment_version: str | None
    commitment_signed_at: datetime | None
    publish_employer: bool = Field(default=False, description="consented to the register "
                                   "showing the employer")
    publish_contact: bool = Field(default=False, description="consented to the register "
                                  "showing the e-mail address")
    fee_cny: Decimal | None = Field(default=None, description="The society's fee for the "
                                    "level in yuan: current on a draft, as recorded once "
                                    "submitted (0 when the society charges none)")
    fee_settled: bool = Field(default=False, description="Whether the society recorded the "
                              "fee as settled")
    created_at: datetime
    submitted_at: datetime | None
    returned_at: datetime | None
    resubmit_by: date | None
    lapsed_at: datetime | None
    accepted_at: datetime | None
    case_id: uuid.UUID | None = None
    evaluation_deadline: date | None = Field(default=None,
                                             description="the case's deadline (China date)")
    decided_at: datetime | None = None
    decision_reasons: str | None = Field(default=None,
                                         description="the deliberation's reasons (a fail's)")
    notice_until: date | None = Field(default=None, description="last day of public notice")
    approved_at: datetime | None = None
    certificate_number: str | None = None
    registered_at: datetime | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status_words(self) -> Words:
        """The status in words, Chinese and English."""
        zh, en = status_words(self.status)
        return Words(zh=zh, en=en)


class CandidateApplicationOut(BaseModel):
    """How the application that followed a recommendation stands, for the enterprise: the
    status and, once registered, the certificate number (reasons stay with the applicant)."""

    model_config = ConfigDict(from_attributes=True)

    status: str
    notice_until: date | None
    certificate_number: str | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status_words(self) -> Words:
        zh, en = status_words(self.status)
        return Words(zh=zh, en=en)


class RuleOut(BaseModel):
    code: str
    outcome: str
    message_zh: str
    message_en: str


class ExperienceOut(BaseModel):
    relevant_years: float
    important_years: float
    relevant_years_with_study: float
    important_years_with_study: float


class EligibilityOut(BaseModel):
    """Eligibility rule by rule, and the checklist of what is still missing before submit."""

    application_id: uuid.UUID
    eligible: bool
    needs_judgement: bool
    fast_track: bool
    can_submit: bool
    experience: ExperienceOut
    rules: list[RuleOut]
    checklist: list[RuleOut]


class SupplementOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    round: int
    case_id: uuid.UUID
    requests: str
    deadline: datetime
    requested_at: datetime
    submitted_at: datetime | None
