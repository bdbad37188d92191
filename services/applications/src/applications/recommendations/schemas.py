"""Request and response shapes of enterprise recommendations (推荐参加工程能力评价人员情况表)."""

import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError

from applications.applicants.schemas import Country, Mobile
from applications.application.rules import count_characters
from applications.application.schemas import CandidateApplicationOut

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
RecommendedLevel = Literal["professional", "senior"]
PRACTICE_MAX_CHARS = 300

# Annex 3's fixed lists, code → Chinese label as printed on the form.
PROJECT_TYPES: dict[str, str] = {
    "investment": "对外投资",
    "contracting": "承包工程",
    "labour": "对外劳务",
    "aid": "对外援助",
    "other": "其他",
}
PROJECT_STATUSES: dict[str, str] = {
    "preparation": "筹建准备",
    "under_construction": "在建",
    "completed": "完工",
    "awaiting_handover": "已完工等待验收移交",
    "operating": "运营中",
}
ProjectType = Literal["investment", "contracting", "labour", "aid", "other"]
ProjectStatus = Literal[
    "preparation", "under_construction", "completed", "awaiting_handover", "operating"
]


def _practice(value: str) -> str:
    length = count_characters(value)
    if length > PRACTICE_MAX_CHARS:
        raise ValueError(
            f"主要工程实践经历应在 {PRACTICE_MAX_CHARS} 字以内，当前 {length} 字 / the main "
            f"engineering practice must be at most {PRACTICE_MAX_CHARS} characters; it has {length}"
        )
    return value


def _resident_id(value: str) -> str:
    try:
        return str(ric.validate(value))
    except StdnumError as exc:
        raise ValueError(
            "居民身份证号码无效 / not a valid mainland resident identity number"
        ) from exc


Practice = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
                     AfterValidator(_practice)]


class EnterpriseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text = Field(description="企业名称 / enterprise name")
    contact_name: Text = Field(description="企业联系人 / contact person")
    contact_mobile: Mobile = Field(description="联系人手机号码 / contact mobile")


class CandidateIn(BaseModel):
    """拟互认人员信息: name, contact, field, current location, level sought, main practice."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    mobile: Mobile
    field_code: str = Field(description="工程技术领域代码, see /v1/reference/fields")
    location: Text = Field(description="当前所在地 / current location")
    level: RecommendedLevel = Field(description="拟申请级别 / level sought")
    practice: Practice = Field(
        description="主要工程实践经历，300字以内（不计空白） / main engineering practice, "
        "≤ 300 characters (whitespace not counted)"
    )
    id_number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=18),
                         AfterValidator(_resident_id)] | None = Field(
        default=None, description="居民身份证号码 if the HR system has it: links the same "
        "engineer across recommendations; never returned",
    )


class PlannedCandidateIn(CandidateIn):
    """A row of the second table: engineers the enterprise plans to send abroad in 3 years."""

    planned_project: Text | None = Field(default=None,
                                         description="计划外派海外重点项目名称（如有）")
    planned_country: Country | None = Field(
        default=None, description="计划外派国家（地区）（如有）, ISO 3166 code"
    )


class OverseasProjectIn(BaseModel):
    """A row block of the first table: one overseas project and the engineers on it."""

    model_config = ConfigDict(extra="forbid")

    name: Text = Field(description="企业海外重点项目名称")
    country: Country = Field(description="项目所在国家（地区）, ISO 3166 alpha-2 (alpha-3 and "
                             "English or Chinese names are accepted)")
    project_type: ProjectType = Field(description="项目类型: " + ", ".join(
        f"{k} {v}" for k, v in PROJECT_TYPES.items()))
    project_status: ProjectStatus = Field(description="项目状态: " + ", ".join(
        f"{k} {v}" for k, v in PROJECT_STATUSES.items()))
    chinese_engineers_abroad: int | None = Field(default=None, ge=0, le=1_000_000,
                                                 description="中方在外工程师人数")
    foreign_engineers_hired: int | None = Field(default=None, ge=0, le=1_000_000,
                                                description="聘用外方工程师人数")
    engineers_meeting_basics: int | None = Field(
        default=None, ge=0, le=1_000_000,
        description="中方在外工程师满足专业工程会员基本条件数（本科毕业、工作5年以上）",
    )
    candidates: list[CandidateIn] = Field(default_factory=list, max_length=500)

    @model_validator(mode="after")
    def _counts(self) -> Self:
        abroad, basics = self.chinese_engineers_abroad, self.engineers_meeting_basics
        if abroad is not None and basics is not None and basics > abroad:
            raise ValueError(
                "满足基本条件的人数不能多于中方在外工程师人数 / engineers meeting the basics "
                "cannot outnumber the Chinese engineers abroad"
            )
        return self


class RecommendationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enterprise: EnterpriseIn
    projects: list[OverseasProjectIn] = Field(
        default_factory=list, max_length=200,
        description="已外派参与工程项目人员汇总: projects with the engineers on them",
    )
    candidates: list[CandidateIn] = Field(
        default_factory=list, max_length=500,
        description="engineers abroad whose project is not given separately",
    )
    planned_candidates: list[PlannedCandidateIn] = Field(
        default_factory=list, max_length=500,
        description="未来三年计划外派参与工程项目人员汇总",
    )

    @model_validator(mode="after")
    def _someone(self) -> Self:
        total = (len(self.candidates) + len(self.planned_candidates)
                 + sum(len(p.candidates) for p in self.projects))
        if total == 0:
            raise ValueError("推荐中至少应有一名拟互认人员 / a recommendation needs at least one "
                             "candidate")
        if total > 500:
            raise ValueError("一次推荐最多 500 人 / at most 500 candidates per recommendation")
        return self


class OverseasProjectOut(BaseModel):
    id: uuid.UUID
    name: str
    country: str
    project_type: str
    project_status: str
    chinese_engineers_abroad: int | None
    foreign_engineers_hired: int | None
    engineers_meeting_basics: int | None


class CandidateOut(BaseModel):
    id: uuid.UUID
    recommendation_id: uuid.UUID
    engineer_id: uuid.UUID
    section: str
    project_id: uuid.UUID | None
    planned_project: str | None
    planned_country: str | None
    name: str
    mobile: str | None
    field_code: str
    location: str
    level: str
    practice: str
    status: str
    linked_candidate_id: uuid.UUID | None
    society_code: str | None
    screening_reason: str | None
    screened_at: datetime | None
    application: CandidateApplicationOut | None = Field(
        default=None, description="the application that followed, once submitted: its status "
        "from the formal check to registration")
    claim_code: str | None = Field(
        default=None, description="shown to the recommending enterprise only: hand it to the "
        "engineer, who finds this recommendation with it (POST "
        "/v1/applicants/me/recommendations/claim) and applies on it")


class RecommendationOut(BaseModel):
    id: uuid.UUID
    enterprise_id: str
    enterprise_name: str
    contact_name: str
    contact_mobile: str | None
    source: str
    created_at: datetime
    projects: list[OverseasProjectOut]
    candidates: list[CandidateOut]


class ScreeningIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["accepted", "rejected"]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    society_code: str | None = Field(
        default=None, description="学会代码; defaults to the authorized society of the field"
    )
    field_code: str | None = Field(
        default=None, description="corrects the candidate's field before assigning the society"
    )


class RuleOut(BaseModel):
    code: str
    outcome: str
    message_zh: str
    message_en: str


class CandidateAssessmentOut(BaseModel):
    candidate_id: uuid.UUID
    suggested_society_code: str | None
    rules: list[RuleOut]
    passes: bool
    needs_judgement: bool


class UploadProblem(BaseModel):
    sheet: str
    row: int | None
    column: str | None
    message_zh: str
    message_en: str


class DryRunOut(BaseModel):
    valid: bool
    enterprise_name: str
    projects: int
    candidates: int
    planned_candidates: int
    recommendation: RecommendationIn


class ClaimIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=6,
                                           max_length=40)] = Field(
        description="推荐码, as the enterprise gave it (e.g. K7QM-3XPA-9WTR; case and dashes do "
        "not matter)")


class OwnRecommendationOut(BaseModel):
    """A recommendation of the caller, as the engineer reads it."""

    candidate_id: uuid.UUID = Field(description="give it as candidate_id when applying")
    recommendation_id: uuid.UUID
    enterprise_name: str
    section: str = Field(description="deployed (已外派) or planned (计划外派)")
    project: str | None
    field_code: str
    level: str
    status: str = Field(description="pending, linked, accepted, rejected (pre-screening)")
    status_words: dict[str, str]
    society_code: str | None
    screening_reason: str | None
    found_by: Literal["claim_code", "identity_number"]
    application_id: uuid.UUID | None = Field(
        default=None, description="your application that follows this recommendation")
