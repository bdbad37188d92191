"""Request and response shapes of complaints: one view per reader, each showing only what that
reader needs."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from cse_contracts.reference import load_societies
from kit.auth import Role
from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field

Kind = Literal["complaint", "suggestion"]
AboutKind = Literal["case", "certificate", "society", "general"]
# The words `complaints.status` and `complaint_steps.status` hold (rules.STATES).
Status = Literal["received", "registered", "investigating", "awaiting_statement",
                 "findings_recorded", "answered"]
# The moves of rules.MOVES, the sender's `submit` and `attach` (complaint_steps.action).
Action = Literal["submit", "attach", "register", "assign_investigators", "request_statement",
                 "submit_statement", "record_findings", "answer"]
# The moves the committee or the society may make next (rules.MOVES).
Move = Literal["register", "assign_investigators", "request_statement", "submit_statement",
               "record_findings", "answer"]


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ()-]{6,20}$")


def _known_society(code: str) -> str:
    if code not in {society.code for society in load_societies()}:
        raise ValueError(f"未知的学会 {code} / Unknown society {code}.")
    return code


# A society's code from the platform's reference list; the OpenAPI document lists them.
SocietyCode = Annotated[str, AfterValidator(_known_society), Field(
    max_length=20, json_schema_extra={"enum": sorted(s.code for s in load_societies())})]


class _ComplaintBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind
    about_ref: str | None = Field(default=None, max_length=100,
                                  description="The case id or certificate number concerned")
    society_code: SocietyCode | None = Field(default=None,
                                             description="The society concerned, if any")
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=20000)
    contact: Contact | None = Field(
        default=None, description="Required without an account: how the answer reaches you"
    )


class ComplaintAboutRecord(_ComplaintBase):
    """About one evaluation case or one certificate: the sender names which."""

    about_kind: Literal["case", "certificate"]
    about_ref: str = Field(min_length=1, max_length=100,
                           description="The case id or certificate number concerned")


class ComplaintAboutSociety(_ComplaintBase):
    """About a society: the sender names which."""

    about_kind: Literal["society"]
    society_code: SocietyCode = Field(description="The society concerned")


class ComplaintGeneral(_ComplaintBase):
    """About the evaluation system in general."""

    about_kind: Literal["general"]


# One of three shapes, told apart by `about_kind`.
ComplaintIn = ComplaintAboutRecord | ComplaintAboutSociety | ComplaintGeneral


class ComplaintReceipt(BaseModel):
    tracking_code: str
    status: Status
    received_at: datetime


class StepOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    action: Action
    status: Status
    at: datetime


class StaffStepOut(StepOut):
    actor_subject: str | None
    actor_role: Role | None
    note: str | None


class AttachmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime


class TrackedComplaint(BaseModel):
    """What the sender sees with the tracking code: where it stands and the answer."""

    tracking_code: str
    kind: Kind
    about_kind: AboutKind
    title: str
    status: Status
    status_zh: str
    received_at: datetime
    answer_due: date | None
    answer: str | None
    answered_at: datetime | None
    history: list[StepOut]
    attachments: int


class SocietyComplaintView(BaseModel):
    """What the society concerned sees: the request for its statement, never the sender."""

    id: uuid.UUID
    kind: Kind
    about_kind: AboutKind
    about_ref: str | None
    society_code: str
    status: Status
    statement_request: str
    statement_due: date | None
    statement: str | None


class ContactOut(BaseModel):
    name: str | None
    email: str | None
    phone: str | None


class ComplaintOut(BaseModel):
    """The supervision committee's full view."""

    id: uuid.UUID
    tracking_code: str
    kind: Kind
    about_kind: AboutKind
    about_ref: str | None
    society_code: str | None
    title: str
    body: str
    complainant_subject: str | None
    complainant_role: Role | None
    contact: ContactOut
    status: Status
    answer_due: date | None
    overdue: bool
    allowed_actions: list[Move]
    investigators: list[str]
    statement_request: str | None
    statement_due: date | None
    statement: str | None
    findings: str | None
    answer: str | None
    answered_at: datetime | None
    created_at: datetime
    updated_at: datetime
    history: list[StaffStepOut]
    attachments: list[AttachmentOut]


class ComplaintSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    tracking_code: str
    kind: Kind
    about_kind: AboutKind
    society_code: str | None
    title: str
    status: Status
    answer_due: date | None
    overdue: bool
    created_at: datetime


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str | None = Field(default=None, max_length=2000)


class InvestigatorsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    investigators: list[str] = Field(min_length=1, max_length=10,
                                     description="Subjects of the experts who investigate")


class StatementRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    request: str = Field(min_length=1, max_length=5000,
                         description="What the society must explain; the only text it sees")
    society_code: SocietyCode | None = Field(
        default=None, description="The society concerned, when the sender did not name it")


class StatementIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    statement: str = Field(min_length=1, max_length=20000)


class FindingsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    findings: str = Field(min_length=1, max_length=20000)


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: str = Field(min_length=1, max_length=20000)
