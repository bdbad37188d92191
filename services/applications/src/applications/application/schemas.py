"""Request and response shapes of applications (工程会员申请)."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, computed_field

from applications.application.rules import status_words
from applications.eligibility.rules import Outcome

Level = Literal["apprentice", "professional", "senior"]
Competency = Literal["knowledge", "ethics", "teamwork", "development", "leadership"]
# Every status an application is stored with (application.rules.STATUS_LABELS says each in
# words); the formal check's outcome words are `accepted` / `returned`.
ApplicationStatus = Literal[
    "draft", "submitted", "returned", "lapsed", "accepted", "under_evaluation",
    "supplement_requested", "passed", "on_public_notice", "failed", "approved", "registered",
    "registration_refused", "withdrawn",
]
LEVEL_DESCRIPTION = ("申报级别: apprentice 见习工程会员, professional 专业工程会员, senior 资深"
                     "工程会员")
STATUS_DESCRIPTION = (
    "申请状态: draft 草稿 (the applicant's own), submitted 已提交待初审, returned 已退回修改 "
    "(correct and resubmit by `resubmit_by`), lapsed 逾期失效, accepted 已受理, "
    "under_evaluation 评价中, supplement_requested 待补充材料, passed 评价通过, "
    "on_public_notice 公示中, failed 评价未通过, approved 公示期满待注册, registered 已注册, "
    "registration_refused 注册未获批准, withdrawn 已撤销 (applicant barred for life); "
    "`status_words` says it in words"
)
OUTCOME_DESCRIPTION = ("passed 符合, failed 不符合 (blocks submission), judgement 需学会判断 "
                       "(does not block), not_applicable 不适用")


class ApplicationIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"level": "professional", "field_code": "civil", "specialty_code": None,
         "candidate_id": None},
    ]})

    level: Level = Field(description=LEVEL_DESCRIPTION)
    field_code: str = Field(description="工程技术领域代码, see /v1/reference/fields")
    specialty_code: str | None = Field(
        default=None, description="专业类别代码 within the field (see the field's `specialties` "
        "in /v1/reference/fields); null when not chosen yet")
    candidate_id: uuid.UUID | None = Field(
        default=None, description="The id of the caller's own recommendation, accepted in "
        "pre-screening, that this application follows (GET /v1/applicants/me/recommendations);"
        " the society is then the one the committee assigned. Null to apply without one"
    )


class ApplicationChange(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"level": "senior"},
    ]})

    level: Level | None = Field(default=None, description=LEVEL_DESCRIPTION
                                + "; omit or null to keep the current level")
    specialty_code: str | None = Field(
        default=None, description="专业类别代码 within the application's field; omit or null to "
        "keep the current one")


class StatementPartIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                           max_length=8000)] = Field(
        description="The part's text, in Chinese; 1–8000 characters. The whole statement must "
        "come to 2000–4000 counted characters (whitespace not counted) before submitting")
    competencies: list[Competency] = Field(
        min_length=1, max_length=5,
        description="素质能力: knowledge 工程知识与专业能力, ethics 工程伦理与职业道德, teamwork "
        "团队合作与交流能力, development 持续发展与终身学习能力, leadership 组织领导与项目管理能力",
    )


class StatementIn(BaseModel):
    """The self-statement (工作情况自述) as parts, each mapped to the competencies it evidences."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"parts": [
        {"text": "2015年至2020年任肯尼亚蒙内铁路项目结构工程师，负责桥梁下部结构设计与施工技术"
                 "管理……", "competencies": ["knowledge", "teamwork"]},
        {"text": "2021年起担任项目总工程师，组织中外技术团队完成……",
         "competencies": ["leadership", "development"]},
    ]}]})

    parts: list[StatementPartIn] = Field(
        min_length=1, max_length=50,
        description="1–50 parts in reading order; together they must cover every competency")


class PublicationIn(BaseModel):
    """What the public register may show of you beyond your name, level, field, society,
    validity and status (公开信息); you can change it later in the register."""

    model_config = ConfigDict(extra="forbid")

    show_employer: bool = Field(default=False, description="show your current employer")
    show_contact: bool = Field(default=False, description="show your e-mail address")


class CommitmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"version": "cse-2024-01", "agreed": True,
         "publication": {"show_employer": True, "show_contact": False}},
    ]})

    version: str = Field(description="the version read, from /v1/reference/commitment")
    agreed: Literal[True] = Field(description="Must be true: the applicant agrees to the "
                                  "commitment letter (承诺书) of that version")
    publication: PublicationIn = Field(
        default_factory=PublicationIn,
        description="What the public register may show beyond the basics; both off if omitted")


FormalCheckDecision = Literal["accepted", "returned"]


class FormalCheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"decision": "accepted", "reasons": ""},
        {"decision": "returned", "reasons": "学历证明不清晰，请重新上传 / The proof of education "
         "is illegible; upload it again."},
    ]})

    decision: FormalCheckDecision = Field(
        description="初审结论: accepted 受理 (the application goes to evaluation), returned 退回"
        " (sent back to be corrected and resubmitted within 10 working days; needs `reasons`)")
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = Field(
        default="", description="Why it is returned (required for returned), or a note on an "
        "acceptance; shown to the applicant; up to 4000 characters")


class StatementOut(BaseModel):
    parts: list[StatementPartIn] = Field(description="The parts as saved, in reading order")
    characters: int = Field(description="Counted characters of the whole statement (字数: "
                            "every visible character, whitespace not counted)")


class Words(BaseModel):
    zh: str = Field(description="In Chinese")
    en: str = Field(description="In English")


class ApplicationOut(BaseModel):
    """An application as its applicant, the society's staff, an assigned examiner or the
    secretariat reads it; dates are China dates (YYYY-MM-DD), moments ISO 8601 with their offset."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The application's id")
    applicant_id: str = Field(description="The applicant's user id (the token's subject)")
    applicant_name: str = Field(description="姓名: the profile's name (the caller's account name "
                                "until a profile exists; frozen at submission)")
    level: Level = Field(description=LEVEL_DESCRIPTION)
    field_code: str = Field(description="工程技术领域代码, see /v1/reference/fields")
    specialty_code: str | None = Field(description="专业类别代码; null when not chosen")
    society_code: str = Field(description="学会代码 of the authorized society that checks and "
                              "evaluates it")
    candidate_id: uuid.UUID | None = Field(
        description="The enterprise recommendation (candidate) it follows; null when none")
    status: ApplicationStatus = Field(description=STATUS_DESCRIPTION)
    check_reasons: str | None = Field(
        description="The formal check's reasons (初审意见): why it was returned, or a note on "
        "its acceptance; null before the check or when none were given")
    fast_track: bool = Field(description="Whether the applicant holds an international "
                             "engineering title that may open the fast track (the society "
                             "judges it)")
    commitment_version: str | None = Field(
        description="Version of the commitment letter signed; null until signed")
    commitment_signed_at: datetime | None = Field(
        description="When the commitment letter was signed; null until signed")
    publish_employer: bool = Field(default=False, description="consented to the register "
                                   "showing the employer")
    publish_contact: bool = Field(default=False, description="consented to the register "
                                  "showing the e-mail address")
    fee_cny: Decimal | None = Field(default=None, description="The society's fee for the "
                                    "level in yuan: current on a draft, as recorded once "
                                    "submitted (0 when the society charges none)")
    fee_settled: bool = Field(default=False, description="Whether the society recorded the "
                              "fee as settled")
    created_at: datetime = Field(description="When the draft was started")
    submitted_at: datetime | None = Field(description="When it was last submitted; null for "
                                          "a draft")
    returned_at: datetime | None = Field(description="When the formal check last returned it;"
                                         " null if never returned")
    resubmit_by: date | None = Field(
        description="Last China date to resubmit a returned application (10 working days); "
        "null unless returned")
    lapsed_at: datetime | None = Field(description="When it lapsed for not being resubmitted "
                                       "in time; null otherwise")
    accepted_at: datetime | None = Field(description="When the formal check accepted it; null "
                                         "before")
    case_id: uuid.UUID | None = Field(default=None, description="The evaluation case opened for"
                                      " it; null until evaluation opens one")
    evaluation_deadline: date | None = Field(default=None,
                                             description="the case's deadline (China date)")
    decided_at: datetime | None = Field(default=None, description="When the deliberation "
                                        "decided passed or failed; null before")
    decision_reasons: str | None = Field(default=None,
                                         description="the deliberation's reasons (a fail's)")
    notice_until: date | None = Field(default=None, description="last day of public notice")
    approved_at: datetime | None = Field(default=None, description="When the result was "
                                         "approved after public notice; null before")
    certificate_number: str | None = Field(default=None, description="The registration "
                                           "certificate's number (e.g. CSE-2026-P-000001); null "
                                           "until registered")
    registered_at: datetime | None = Field(default=None, description="When the register "
                                           "registered the applicant; null before")

    @computed_field(description="The status in words, Chinese and English")  # type: ignore[prop-decorator]
    @property
    def status_words(self) -> Words:
        """The status in words, Chinese and English."""
        zh, en = status_words(self.status)
        return Words(zh=zh, en=en)


class CandidateApplicationOut(BaseModel):
    """How the application that followed a recommendation stands, for the enterprise: the
    status and, once registered, the certificate number (reasons stay with the applicant)."""

    model_config = ConfigDict(from_attributes=True)

    status: ApplicationStatus = Field(description=STATUS_DESCRIPTION)
    notice_until: date | None = Field(description="Last China date of the public notice (公示);"
                                      " null unless it passed")
    certificate_number: str | None = Field(description="The certificate's number once "
                                           "registered; null before")

    @computed_field(description="The status in words, Chinese and English")  # type: ignore[prop-decorator]
    @property
    def status_words(self) -> Words:
        zh, en = status_words(self.status)
        return Words(zh=zh, en=en)


class RuleOut(BaseModel):
    code: str = Field(description="The rule or checklist item, e.g. `relevant_experience`, "
                      "`important_experience`, `profile`, `statement`, `evidence`, "
                      "`commitment`; stable across releases")
    outcome: Outcome = Field(description=OUTCOME_DESCRIPTION)
    message_zh: str = Field(description="What the rule found, in Chinese")
    message_en: str = Field(description="What the rule found, in English")


class ExperienceOut(BaseModel):
    relevant_years: float = Field(description="Years of relevant professional work outside "
                                  "study, overlapping periods counted once (2 decimals)")
    important_years: float = Field(description="Years of those in important engineering work "
                                   "(重要工程工作经历)")
    relevant_years_with_study: float = Field(
        description="Relevant years including practice during master/doctoral study, which the "
        "society may count")
    important_years_with_study: float = Field(
        description="Important years including practice during master/doctoral study")


class EligibilityOut(BaseModel):
    """Eligibility rule by rule, and the checklist of what is still missing before submit."""

    application_id: uuid.UUID = Field(description="The application")
    eligible: bool = Field(description="No eligibility rule failed")
    needs_judgement: bool = Field(description="Some rule needs the society's judgement "
                                  "(does not block submitting)")
    fast_track: bool = Field(description="An international engineering title may open the "
                             "fast track (the society judges)")
    can_submit: bool = Field(description="Whether submitting now would be accepted: editable "
                             "status and nothing failed in `rules` or `checklist`")
    experience: ExperienceOut = Field(description="Years of experience counted from the "
                                      "profile's work history")
    rules: list[RuleOut] = Field(description="Eligibility rules for the level, one by one")
    checklist: list[RuleOut] = Field(description="The application's own completeness: "
                                     "profile, statement, evidence, commitment")


class SupplementOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    round: int = Field(description="The review round that asked for it (1, 2, …); give it in "
                       "the submit path")
    case_id: uuid.UUID = Field(description="The evaluation case that asked")
    requests: str = Field(description="What the examiners ask to be supplemented")
    deadline: datetime = Field(description="When the material must be handed in")
    requested_at: datetime = Field(description="When it was requested")
    submitted_at: datetime | None = Field(description="When the applicant handed it in; null "
                                          "while open")
