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


# Descriptions shared by the views of one complaint.
KIND = "`complaint` (投诉: something went wrong) or `suggestion` (建议: an idea to improve)."
ABOUT_KIND = ("What it concerns: `case` (an evaluation case), `certificate` (a registered "
              "certificate), `society` (a society as a whole) or `general` (the system).")
ABOUT_REF = ("The evaluation case id or certificate number concerned, as the sender wrote it; "
             "null unless `about_kind` is `case` or `certificate`.")
STATUS = ("Where the complaint stands: `received` → `registered` → `investigating` ⇄ "
          "`awaiting_statement` (the society's statement is asked for) → `findings_recorded` "
          "→ `answered`. A suggestion may be answered straight after `registered`.")
TRACKING_CODE = ("The sender's tracking code (查询码), `YJ-XXXX-XXXX-XXXX` in Crockford base32; "
                 "it alone lets anyone follow the complaint, so it is shown only to the sender "
                 "and the committee.")
COMPLAINT_ID = "The complaint's id (UUID), for the committee's and the society's calls."
TITLE = "The sender's one-line subject, 1–200 characters."
BODY = "The sender's full text, 1–20000 characters (stored encrypted)."
ANSWER_DUE = ("China date (YYYY-MM-DD) by which the committee answers: the registration date "
              "plus the configured days (30 by default); null until registered.")
ANSWER = "The committee's answer to the sender; null until `answered`."
ANSWERED_AT = "When the answer was given (ISO 8601 with offset); null until `answered`."
STATEMENT_REQUEST = ("What the committee asked the society concerned to explain: the only text "
                     "of the complaint the society sees.")
STATEMENT_DUE = ("China date (YYYY-MM-DD) by which the society is asked to give its statement "
                 "(the request date plus 10 days by default); null until one is asked for.")
STATEMENT = "The society's statement; null until it gives one (cleared when asked again)."
OVERDUE = "True when the answer date has passed (China date) and it is not yet answered."
HISTORY = "Every step of this complaint, oldest first, all of them (one per move)."


class Contact(BaseModel):
    """How the answer reaches a sender without an account: a name and an e-mail or phone."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100,
                      description="The sender's name, as they want to be addressed "
                      "(stored encrypted; the committee alone sees it).")
    email: EmailStr | None = Field(
        default=None, description="E-mail address the answer is sent to; give it or `phone`.")
    phone: str | None = Field(
        default=None, pattern=r"^\+?[0-9 ()-]{6,20}$",
        description="Phone number for the committee to call back, digits with an optional "
        "leading + (e.g. +8613812345678); give it or `email`.")


def _known_society(code: str) -> str:
    if code not in {society.code for society in load_societies()}:
        raise ValueError(f"未知的学会 {code} / Unknown society {code}.")
    return code


# A society's code from the platform's reference list; the OpenAPI document lists them.
SocietyCode = Annotated[str, AfterValidator(_known_society), Field(
    max_length=20, json_schema_extra={"enum": sorted(s.code for s in load_societies())})]


class _ComplaintBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind = Field(description=KIND)
    about_ref: str | None = Field(default=None, max_length=100, description=ABOUT_REF)
    society_code: SocietyCode | None = Field(
        default=None, description="The society concerned, if the sender knows it (its code "
        "in the platform's list of societies); null when none or unknown.")
    title: str = Field(min_length=1, max_length=200, description=TITLE)
    body: str = Field(min_length=1, max_length=20000, description=BODY)
    contact: Contact | None = Field(
        default=None, description="Required without an account (a name and an e-mail or "
        "phone): how the answer reaches the sender. With an account the answer reaches the "
        "account, and this may be null.")


class ComplaintAboutRecord(_ComplaintBase):
    """About one evaluation case or one certificate: the sender names which."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "kind": "complaint", "about_kind": "case",
        "about_ref": "6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b", "society_code": "ciesc",
        "title": "面试评分不公", "body": "我认为 2026 年 11 月的面试评分没有依据。",
        "contact": {"name": "赵公众", "email": "zhao@example.com"},
    }]})

    about_kind: Literal["case", "certificate"] = Field(description=ABOUT_KIND)
    about_ref: str = Field(min_length=1, max_length=100,
                           description="The evaluation case id or certificate number "
                           "concerned, as the sender knows it.")


class ComplaintAboutSociety(_ComplaintBase):
    """About a society: the sender names which."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "kind": "complaint", "about_kind": "society", "society_code": "cces",
        "title": "评价进度缓慢", "body": "提交申请五个月仍无面试安排。",
        "contact": {"name": "公众甲", "phone": "+8613812345678"},
    }]})

    about_kind: Literal["society"] = Field(description=ABOUT_KIND)
    society_code: SocietyCode = Field(
        description="The society concerned: its code in the platform's list of societies.")


class ComplaintGeneral(_ComplaintBase):
    """About the evaluation system in general."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "kind": "suggestion", "about_kind": "general", "title": "建议公布评价周期",
        "body": "希望公布各学会评价周期的统计数据。",
        "contact": {"name": "公众乙", "email": "someone@example.com"},
    }]})

    about_kind: Literal["general"] = Field(description=ABOUT_KIND)


# One of three shapes, told apart by `about_kind`.
ComplaintIn = ComplaintAboutRecord | ComplaintAboutSociety | ComplaintGeneral


class ComplaintReceipt(BaseModel):
    """What the sender keeps: the tracking code is the only way to follow it without an
    account."""

    tracking_code: str = Field(description=TRACKING_CODE)
    status: Status = Field(description="Always `received` for a complaint just sent.")
    received_at: datetime = Field(description="When it was received (ISO 8601 with offset).")


class StepOut(BaseModel):
    """One step of the complaint's history, as the sender sees it."""

    model_config = ConfigDict(from_attributes=True)

    action: Action = Field(
        description="What was done: `submit` (sent), `attach` (a file added), `register`, "
        "`assign_investigators`, `request_statement` (the society asked), `submit_statement` "
        "(the society answered), `record_findings`, `answer`.")
    status: Status = Field(description="The complaint's status after this step.")
    at: datetime = Field(description="When the step was taken (ISO 8601 with offset).")


class StaffStepOut(StepOut):
    """One step of the history, as the committee sees it: with who acted and their note."""

    actor_subject: str | None = Field(
        description="The account that acted (its subject); null for a step by a sender "
        "without an account.")
    actor_role: Role | None = Field(
        description="That account's role; null for a sender without an account.")
    note: str | None = Field(
        description="The step's note: the registration note, the investigators' subjects, the "
        "statement request, or an attachment's file name; null when there is none.")


class AttachmentOut(BaseModel):
    """A file sent with a complaint (its metadata; the committee downloads the content)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The attachment's id (UUID), for its download.")
    filename: str = Field(description="The file name as sent, without any folder and control "
                          "characters, at most 200 characters (`attachment` when none).")
    content_type: str = Field(
        description="The type judged from the content, not the name: `application/pdf`, "
        "`image/jpeg` or `image/png`.")
    size: int = Field(description="Size in bytes (at most 10 MiB by default).")
    sha256: str = Field(description="SHA-256 of the content, 64 lowercase hex digits.")
    created_at: datetime = Field(description="When it was added (ISO 8601 with offset).")


class TrackedComplaint(BaseModel):
    """What the sender sees with the tracking code: where it stands and the answer."""

    tracking_code: str = Field(description=TRACKING_CODE)
    kind: Kind = Field(description=KIND)
    about_kind: AboutKind = Field(description=ABOUT_KIND)
    title: str = Field(description=TITLE)
    status: Status = Field(description=STATUS)
    status_zh: str = Field(description="The status in Chinese words, e.g. 调查中, for showing "
                           "to the sender as is.")
    received_at: datetime = Field(description="When it was received (ISO 8601 with offset).")
    answer_due: date | None = Field(description=ANSWER_DUE)
    answer: str | None = Field(description=ANSWER)
    answered_at: datetime | None = Field(description=ANSWERED_AT)
    history: list[StepOut] = Field(
        description=HISTORY + " Who acted and their notes are the committee's, not shown here.")
    attachments: int = Field(description="How many files the sender has attached (at most 5 "
                             "by default).")


class SocietyComplaintView(BaseModel):
    """What the society concerned sees: the request for its statement, never the sender."""

    id: uuid.UUID = Field(description=COMPLAINT_ID)
    kind: Kind = Field(description=KIND)
    about_kind: AboutKind = Field(description=ABOUT_KIND)
    about_ref: str | None = Field(description=ABOUT_REF)
    society_code: str = Field(description="The society asked: the caller's own.")
    status: Status = Field(description=STATUS)
    statement_request: str = Field(description=STATEMENT_REQUEST)
    statement_due: date | None = Field(description=STATEMENT_DUE)
    statement: str | None = Field(description=STATEMENT)


class ContactOut(BaseModel):
    """A sender's contact details as the committee reads them (decrypted)."""

    name: str | None = Field(description="The sender's name; null when sent with an account "
                             "and no contact.")
    email: str | None = Field(description="The sender's e-mail address; null when not given.")
    phone: str | None = Field(description="The sender's phone number; null when not given.")


class ComplaintOut(BaseModel):
    """The supervision committee's full view."""

    id: uuid.UUID = Field(description=COMPLAINT_ID)
    tracking_code: str = Field(description=TRACKING_CODE)
    kind: Kind = Field(description=KIND)
    about_kind: AboutKind = Field(description=ABOUT_KIND)
    about_ref: str | None = Field(description=ABOUT_REF)
    society_code: str | None = Field(
        description="The society concerned (named by the sender or later by the committee); "
        "null when none.")
    title: str = Field(description=TITLE)
    body: str = Field(description=BODY)
    complainant_subject: str | None = Field(
        description="The sender's account (its subject) when sent with one; null from the "
        "public.")
    complainant_role: Role | None = Field(
        description="The role of that account; null from the public.")
    contact: ContactOut = Field(description="The contact details the sender left.")
    status: Status = Field(description=STATUS)
    answer_due: date | None = Field(description=ANSWER_DUE)
    overdue: bool = Field(description=OVERDUE)
    allowed_actions: list[Move] = Field(
        description="The moves possible now, each the name of its POST (`register` → "
        "/register, `assign_investigators` → /investigators, `request_statement` → "
        "/statement-request, `submit_statement` → /statement (the society's), "
        "`record_findings` → /findings, `answer` → /answer); empty once answered.")
    investigators: list[str] = Field(
        description="The subjects of the experts assigned to investigate; empty until assigned.")
    statement_request: str | None = Field(
        description=STATEMENT_REQUEST + " Null until one is asked for.")
    statement_due: date | None = Field(description=STATEMENT_DUE)
    statement: str | None = Field(description=STATEMENT)
    findings: str | None = Field(
        description="The investigation's findings (stored encrypted); null until recorded.")
    answer: str | None = Field(description=ANSWER)
    answered_at: datetime | None = Field(description=ANSWERED_AT)
    created_at: datetime = Field(description="When it was received (ISO 8601 with offset).")
    updated_at: datetime = Field(description="When it last moved (ISO 8601 with offset).")
    history: list[StaffStepOut] = Field(description=HISTORY)
    attachments: list[AttachmentOut] = Field(
        description="The files the sender attached, oldest first (at most 5 by default).")


class ComplaintSummary(BaseModel):
    """One line of a list of complaints."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description=COMPLAINT_ID)
    tracking_code: str = Field(description=TRACKING_CODE)
    kind: Kind = Field(description=KIND)
    about_kind: AboutKind = Field(description=ABOUT_KIND)
    society_code: str | None = Field(description="The society concerned; null when none.")
    title: str = Field(description=TITLE)
    status: Status = Field(description=STATUS)
    answer_due: date | None = Field(description=ANSWER_DUE)
    overdue: bool = Field(description=OVERDUE)
    created_at: datetime = Field(description="When it was received (ISO 8601 with offset).")


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"note": "已登记，转标准与质量监督委员会办公室。"}]})

    note: str | None = Field(default=None, max_length=2000,
                             description="The committee's note on the registration, kept in "
                             "the history (the committee alone sees it); may be left out.")


class InvestigatorsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"investigators": ["expert-li", "expert-wang"]}]})

    investigators: list[str] = Field(
        min_length=1, max_length=10,
        description="The subjects (account ids) of the 1–10 experts who investigate; they "
        "replace any assigned before.")


class StatementRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"request": "请说明案件 case-42 面试评分的依据。", "society_code": "ciesc"}]})

    request: str = Field(min_length=1, max_length=5000,
                         description="What the society must explain, 1–5000 characters: the "
                         "only text of the complaint it sees.")
    society_code: SocietyCode | None = Field(
        default=None, description="The society concerned, when the sender did not name it "
        "(it then becomes the complaint's society); leave out to ask the one named.")


class StatementIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"statement": "该案件面试评分依据评分细则逐项打分，记录附后。"}]})

    statement: str = Field(min_length=1, max_length=20000,
                           description="The society's statement in reply to the request, "
                           "1–20000 characters; the committee reads it.")


class FindingsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"findings": "属实，学会未在规定期限内安排面试。"}]})

    findings: str = Field(min_length=1, max_length=20000,
                          description="What the investigation found, 1–20000 characters "
                          "(stored encrypted; never shown to the sender or the society).")


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"answer": "已督促中国土木工程学会于一个月内安排面试。"}]})

    answer: str = Field(min_length=1, max_length=20000,
                        description="The answer to the sender, 1–20000 characters: shown "
                        "with the tracking code and sent to the sender (account or e-mail).")
