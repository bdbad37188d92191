"""Request and response shapes of enterprise recommendations (推荐参加工程能力评价人员情况表)."""

import re
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, Self

import phonenumbers
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

from applications.applicants.schemas import Country, Mobile, normalise_mobile
from applications.application.rules import count_characters
from applications.application.schemas import CandidateApplicationOut
from applications.eligibility.rules import Outcome

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
# pending → accepted | rejected by the committee's pre-screening (初筛); linked when the same
# engineer is already under consideration in another recommendation.
CandidateStatus = Literal["pending", "linked", "accepted", "rejected"]
CANDIDATE_STATUS_DESCRIPTION = (
    "初筛状态: pending 待初筛, linked 已在其他推荐中 (the same engineer is already under "
    "consideration; see `linked_candidate_id`), accepted 通过初筛 (the engineer may apply), "
    "rejected 未通过初筛 (see `screening_reason`)")
Section = Literal["deployed", "planned"]
SECTION_DESCRIPTION = ("Which table of Annex 3: deployed 已外派参与工程项目人员, planned 未来三年"
                       "计划外派人员")


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


_PLAIN_MAINLAND_MOBILE = re.compile(r"1[0-9]{10}")


def _candidate_mobile(value: str) -> str:
    """As `normalise_mobile`, with the usual case (eleven digits, no country code) checked
    without phonenumbers' parsing: two thirds of its cost, 5,000 times in a large workbook.
    phonenumbers.parse(value, "CN") reads such a value as exactly this number."""
    if _PLAIN_MAINLAND_MOBILE.fullmatch(value):
        number = phonenumbers.PhoneNumber(country_code=86, national_number=int(value))
        if phonenumbers.is_valid_number(number):
            return "+86" + value
    return normalise_mobile(value)


CandidateMobile = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40),
                            AfterValidator(_candidate_mobile)]
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

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                           max_length=100)] = Field(description="姓名")
    mobile: CandidateMobile = Field(description="手机号码; without a country code read as a "
                                    "mainland number, stored in E.164")
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
    candidates: list[CandidateIn] = Field(default_factory=list, max_length=500,
                                          description="拟互认人员 on this project")

    @model_validator(mode="after")
    def _counts(self) -> Self:
        abroad, basics = self.chinese_engineers_abroad, self.engineers_meeting_basics
        if abroad is not None and basics is not None and basics > abroad:
            raise ValueError(
                "满足基本条件的人数不能多于中方在外工程师人数 / engineers meeting the basics "
                "cannot outnumber the Chinese engineers abroad"
            )
        return self


# A JSON push carries at most PUSH_MAX_CANDIDATES; an Annex 3 workbook (a large enterprise's
# whole overseas staff, read and validated in one request) at most WORKBOOK_MAX_CANDIDATES.
# The CSE's rules set no limit: these bound one request's work, and a larger workbook is split.
PUSH_MAX_CANDIDATES = 500
WORKBOOK_MAX_CANDIDATES = 5000


class RecommendationBody(BaseModel):
    """What a JSON push and a workbook upload have in common; each subclass declares the lists
    with its own limits (they show in its schema)."""

    max_candidates: ClassVar[int]
    too_many: ClassVar[str]

    enterprise: EnterpriseIn = Field(description="推荐单位: the enterprise and its contact")
    if TYPE_CHECKING:
        projects: Sequence[OverseasProjectIn]
        candidates: Sequence[CandidateIn]
        planned_candidates: Sequence[PlannedCandidateIn]

    def candidate_count(self) -> int:
        """Candidates of both tables, with those of every project."""
        return (len(self.candidates) + len(self.planned_candidates)
                + sum(len(p.candidates) for p in self.projects))

    @model_validator(mode="after")
    def _someone(self) -> Self:
        total = self.candidate_count()
        if total == 0:
            raise ValueError("推荐中至少应有一名拟互认人员 / a recommendation needs at least one "
                             "candidate")
        if total > self.max_candidates:
            raise ValueError(self.too_many.format(total=total))
        return self


class RecommendationIn(RecommendationBody):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "enterprise": {"name": "中国路桥工程有限责任公司", "contact_name": "王芳",
                       "contact_mobile": "13912345678"},
        "projects": [{
            "name": "蒙巴萨—内罗毕标准轨距铁路", "country": "KE", "project_type": "contracting",
            "project_status": "operating", "chinese_engineers_abroad": 120,
            "foreign_engineers_hired": 45, "engineers_meeting_basics": 80,
            "candidates": [{
                "name": "张伟", "mobile": "13800138000", "field_code": "civil",
                "location": "肯尼亚内罗毕", "level": "professional",
                "practice": "2015年起参与蒙内铁路桥梁设计与施工管理，负责下部结构设计。",
            }],
        }],
        "candidates": [],
        "planned_candidates": [],
    }]})
    max_candidates: ClassVar[int] = PUSH_MAX_CANDIDATES
    too_many: ClassVar[str] = (f"一次推荐最多 {PUSH_MAX_CANDIDATES} 人 / at most "
                               f"{PUSH_MAX_CANDIDATES} candidates per recommendation")

    projects: list[OverseasProjectIn] = Field(
        default_factory=list, max_length=200,
        description="已外派参与工程项目人员汇总: projects with the engineers on them",
    )
    candidates: list[CandidateIn] = Field(
        default_factory=list, max_length=PUSH_MAX_CANDIDATES,
        description="engineers abroad whose project is not given separately",
    )
    planned_candidates: list[PlannedCandidateIn] = Field(
        default_factory=list, max_length=PUSH_MAX_CANDIDATES,
        description="未来三年计划外派参与工程项目人员汇总",
    )


class WorkbookProjectIn(OverseasProjectIn):
    """A project of an uploaded workbook's first table, with the engineers on it."""

    candidates: list[CandidateIn] = Field(default_factory=list,
                                          max_length=WORKBOOK_MAX_CANDIDATES,
                                          description="拟互认人员 on this project")


class WorkbookRecommendationIn(RecommendationBody):
    """An Annex 3 workbook read as a recommendation: the shape of a JSON push, up to 5,000
    candidates."""

    model_config = ConfigDict(extra="forbid")
    max_candidates: ClassVar[int] = WORKBOOK_MAX_CANDIDATES
    too_many: ClassVar[str] = (
        f"一份推荐表最多 {WORKBOOK_MAX_CANDIDATES} 名拟互认人员，本表有 {{total}} 名；请拆分为多份"
        f"推荐表分别上传 / A workbook may list at most {WORKBOOK_MAX_CANDIDATES} candidates; this"
        " one lists {total}. Split it into several workbooks and upload each.")

    projects: list[WorkbookProjectIn] = Field(
        default_factory=list, max_length=WORKBOOK_MAX_CANDIDATES,
        description="已外派参与工程项目人员汇总: projects with the engineers on them",
    )
    candidates: list[CandidateIn] = Field(
        default_factory=list, max_length=WORKBOOK_MAX_CANDIDATES,
        description="engineers abroad whose project is not given separately",
    )
    planned_candidates: list[PlannedCandidateIn] = Field(
        default_factory=list, max_length=WORKBOOK_MAX_CANDIDATES,
        description="未来三年计划外派参与工程项目人员汇总",
    )


class OverseasProjectOut(BaseModel):
    id: uuid.UUID = Field(description="The project's id (`project_id` of its candidates)")
    name: str = Field(description="企业海外重点项目名称")
    country: str = Field(description="项目所在国家（地区）, ISO 3166 alpha-2 code")
    project_type: ProjectType = Field(description="项目类型: " + ", ".join(
        f"{k} {v}" for k, v in PROJECT_TYPES.items()))
    project_status: ProjectStatus = Field(description="项目状态: " + ", ".join(
        f"{k} {v}" for k, v in PROJECT_STATUSES.items()))
    chinese_engineers_abroad: int | None = Field(description="中方在外工程师人数; null when not "
                                                 "given")
    foreign_engineers_hired: int | None = Field(description="聘用外方工程师人数; null when not "
                                                "given")
    engineers_meeting_basics: int | None = Field(
        description="中方在外工程师满足专业工程会员基本条件数; null when not given")


class CandidateOut(BaseModel):
    """One recommended engineer. In lists, and for the secretariat, mobiles are masked
    (+86138****8000); the recommending enterprise and the committee read them in full."""

    id: uuid.UUID = Field(description="The candidate's id: the committee screens it, the "
                          "engineer applies with it as `candidate_id`")
    recommendation_id: uuid.UUID = Field(description="The recommendation it came in")
    engineer_id: uuid.UUID = Field(description="The same engineer across recommendations "
                                   "(matched by identity number, or name and mobile)")
    section: Section = Field(description=SECTION_DESCRIPTION)
    project_id: uuid.UUID | None = Field(description="The overseas project (in `projects`) the "
                                         "engineer works on; null when none was given")
    planned_project: str | None = Field(description="计划外派海外重点项目名称 (planned only); "
                                        "null when not given")
    planned_country: str | None = Field(description="计划外派国家（地区）, ISO 3166 alpha-2 "
                                        "(planned only); null when not given")
    name: str = Field(description="姓名")
    mobile: str | None = Field(description="E.164 mobile, masked in lists and for the "
                               "secretariat")
    field_code: str = Field(description="工程技术领域代码 (the committee may correct it)")
    location: str = Field(description="当前所在地")
    level: RecommendedLevel = Field(description="拟申请级别: professional 专业工程会员, senior "
                                    "资深工程会员")
    practice: str = Field(description="主要工程实践经历")
    status: CandidateStatus = Field(description=CANDIDATE_STATUS_DESCRIPTION)
    linked_candidate_id: uuid.UUID | None = Field(
        description="For linked: the candidate under which the engineer is already considered;"
        " null otherwise")
    society_code: str | None = Field(description="The authorized society the committee "
                                     "assigned on acceptance; null before")
    screening_reason: str | None = Field(description="The committee's reason (a rejection's);"
                                         " null when none")
    screened_at: datetime | None = Field(description="When the committee screened it; null "
                                         "while pending")
    application: CandidateApplicationOut | None = Field(
        default=None, description="the application that followed, once submitted: its status "
        "from the formal check to registration")
    claim_code: str | None = Field(
        default=None, description="shown to the recommending enterprise only: hand it to the "
        "engineer, who finds this recommendation with it (POST "
        "/v1/applicants/me/recommendations/claim) and applies on it")


class RecommendationOut(BaseModel):
    id: uuid.UUID = Field(description="The recommendation's id")
    enterprise_id: str = Field(description="The recommending enterprise's code (from its API "
                               "client or account)")
    enterprise_name: str = Field(description="企业名称 as given")
    contact_name: str = Field(description="企业联系人")
    contact_mobile: str | None = Field(description="联系人手机号码, E.164; masked in lists and "
                                       "for the secretariat")
    source: Literal["api", "excel"] = Field(description="How it came: api (JSON push) or "
                                            "excel (the Annex 3 workbook upload)")
    created_at: datetime = Field(description="When it was received")
    projects: list[OverseasProjectOut] = Field(description="已外派参与工程项目: the overseas "
                                               "projects given")
    candidates: list[CandidateOut] = Field(description="Every candidate, of either table, in "
                                           "the order given")


class ScreeningIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"decision": "accepted", "reason": "", "society_code": None, "field_code": None},
        {"decision": "rejected", "reason": "主要工程实践经历不足5年 / Less than five years of "
         "engineering practice."},
    ]})

    decision: Literal["accepted", "rejected"] = Field(
        description="初筛结论: accepted 通过 (assigns a society; the engineer may apply), "
        "rejected 不通过 (give `reason`)")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = Field(
        default="", description="The committee's reason, shown to the enterprise and the "
        "engineer; up to 2000 characters")
    society_code: str | None = Field(
        default=None, description="学会代码; defaults to the authorized society of the field"
    )
    field_code: str | None = Field(
        default=None, description="corrects the candidate's field before assigning the society"
    )


class RuleOut(BaseModel):
    code: str = Field(description="The pre-screening rule, stable across releases")
    outcome: Outcome = Field(description="passed 符合, failed 不符合, judgement 需委员会判断, "
                             "not_applicable 不适用")
    message_zh: str = Field(description="What the rule found, in Chinese")
    message_en: str = Field(description="What the rule found, in English")


class CandidateAssessmentOut(BaseModel):
    candidate_id: uuid.UUID = Field(description="The candidate assessed")
    suggested_society_code: str | None = Field(
        description="The authorized society of the candidate's field; null when none is")
    rules: list[RuleOut] = Field(description="Each pre-screening rule's outcome")
    passes: bool = Field(description="No rule failed")
    needs_judgement: bool = Field(description="Some rule needs the committee's judgement")


class UploadProblem(BaseModel):
    sheet: str = Field(description="The sheet's name; empty for the whole workbook")
    row: int | None = Field(description="The row number (1-based); null for a sheet or the "
                            "whole workbook")
    column: str | None = Field(description="The column letter (A, B, …); null for a row")
    message_zh: str = Field(description="What is wrong, in Chinese")
    message_en: str = Field(description="What is wrong, in English")


class DryRunOut(BaseModel):
    valid: bool = Field(description="Always true: an invalid workbook is a 422")
    enterprise_name: str = Field(description="企业名称 read from the workbook")
    projects: int = Field(description="Overseas projects read")
    candidates: int = Field(description="Candidates read from the first table")
    planned_candidates: int = Field(description="Candidates read from the second table")
    recommendation: WorkbookRecommendationIn = Field(
        description="The recommendation as it would be stored (the shape of a JSON push, up to "
        f"{WORKBOOK_MAX_CANDIDATES} candidates)")


class ClaimIn(BaseModel):
    model_config = ConfigDict(extra="forbid",
                              json_schema_extra={"examples": [{"code": "K7QM-3XPA-9WTR"}]})

    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=6,
                                           max_length=40)] = Field(
        description="推荐码, as the enterprise gave it (e.g. K7QM-3XPA-9WTR; case and dashes do "
        "not matter)")


class OwnRecommendationOut(BaseModel):
    """A recommendation of the caller, as the engineer reads it."""

    candidate_id: uuid.UUID = Field(description="give it as candidate_id when applying")
    recommendation_id: uuid.UUID = Field(description="The recommendation it came in")
    enterprise_name: str = Field(description="The recommending enterprise")
    section: Section = Field(description="deployed (已外派) or planned (计划外派)")
    project: str | None = Field(description="The overseas project (or the planned one); null "
                                "when none was given")
    field_code: str = Field(description="工程技术领域代码")
    level: RecommendedLevel = Field(description="拟申请级别: professional or senior")
    status: CandidateStatus = Field(description=CANDIDATE_STATUS_DESCRIPTION)
    status_words: dict[str, str] = Field(description="The status in words: `zh` and `en`")
    society_code: str | None = Field(description="The society assigned on acceptance; null "
                                     "before")
    screening_reason: str | None = Field(description="The committee's reason; null when none")
    found_by: Literal["claim_code", "identity_number"] = Field(
        description="How it was found to be yours: claim_code (you claimed it with the code) "
        "or identity_number (it carries your profile's identity number)")
    application_id: uuid.UUID | None = Field(
        default=None, description="your application that follows this recommendation")
