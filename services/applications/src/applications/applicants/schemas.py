"""The applicant's profile (申请人信息): identity, contact, education, work, titles, membership."""

import functools
import re
from datetime import date, datetime
from typing import Annotated, Literal, Self

import phonenumbers
from kit import clock
from kit.types import Day
from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError

from applications.reference.countries import resolve_country

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]

MemberNumber = Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)]
IdType = Literal["cn_ric", "passport", "other"]
Degree = Literal["associate", "bachelor", "master", "doctorate"]
StudyStage = Literal["undergraduate", "master", "doctoral"]
InternationalTitleCode = Literal["intpe", "apec_engineer", "eur_ing", "acpe", "other"]

INTERNATIONAL_TITLES: dict[str, str] = {
    "intpe": "IntPE 国际职业工程师",
    "apec_engineer": "APEC Engineer 亚太经济合作组织工程师",
    "eur_ing": "EUR ING 欧洲工程师",
    "acpe": "ACPE 东盟特许职业工程师",
    "other": "境外工程组织认证的工程师",
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# Remembered: parsing and validating with phonenumbers is a few per cent of a push's CPU, and
# the same numbers come again (an enterprise's contact on every push it makes).
@functools.lru_cache(maxsize=4096)
def normalise_mobile(value: str) -> str:
    """E.164; numbers without a country code are read as mainland China numbers."""
    try:
        number = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"不是有效的手机号码 / not a phone number: {value!r}") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"不是有效的手机号码 / not a valid phone number: {value!r}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_country(value: str) -> str:
    code = resolve_country(value)
    if code is None:
        raise ValueError(
            f"无法识别的国家（地区）{value!r}，请使用 ISO 3166 代码 / unknown country or region "
            f"{value!r}; use an ISO 3166 code"
        )
    return code


def _email(value: str) -> str:
    if not EMAIL.match(value):
        raise ValueError(f"不是有效的电子邮箱 / not an e-mail address: {value!r}")
    return value.lower()


Mobile = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40),
                   AfterValidator(normalise_mobile)]
Country = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80),
                    AfterValidator(normalise_country)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254),
                  AfterValidator(_email)]


def _today() -> date:
    # The China date: a period started "today" in Beijing is not in the future at 01:00.
    return clock.today()


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: Day = Field(description="First day of the period, YYYY-MM-DD; not in the future "
                       "(China date)")
    end: Day | None = Field(default=None, description="Last day of the period, YYYY-MM-DD; "
                            "null while ongoing (至今); not before `start`")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise ValueError("结束日期早于开始日期 / the end date is before the start date")
        return self


class Education(Period):
    degree: Degree = Field(description="学历（学位）: associate 专科, bachelor 本科, master 硕士, "
                           "doctorate 博士")
    subject: Text = Field(description="专业")
    engineering_related: bool = Field(description="工程类或相关专业")
    institution: Text = Field(description="院校")


class WorkPeriod(Period):
    employer: Text = Field(description="工作单位")
    position: Text = Field(
        validation_alias=AliasChoices("position", "role"),
        description="职务/岗位: the job title or post held, free text (e.g. 结构工程师)")
    relevant: bool = Field(default=True, description="相关专业工作")
    important: bool = Field(description="重要工程工作经历 (as the society defines it [003 Q38])")
    overseas: bool = Field(default=False, description="境外工程项目")
    during_study: StudyStage | None = Field(
        default=None, description="在读期间的实践: undergraduate never counts; master/doctoral "
        "is for the society to judge [003 Q33, Q37]",
    )
    description: LongText | None = Field(
        default=None, description="工作内容: what the work was, up to 2000 characters; null "
        "when not given")


class ProfessionalTitle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)] = (
        Field(description="职称, e.g. 工程师, 高级工程师, 正高级工程师")
    )
    awarded_on: Day | None = Field(default=None, description="Date the title was awarded, "
                                   "YYYY-MM-DD; null when not given")
    issuer: Text | None = Field(default=None, description="评审/发证单位: the body that awarded "
                                "the title; null when not given")


class InternationalTitle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: InternationalTitleCode = Field(description="国际工程师称号: " + ", ".join(
        f"{k} {v}" for k, v in INTERNATIONAL_TITLES.items()))
    name: Text | None = Field(default=None, description="for `other`: the title and the body")
    number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)] | None = (
        Field(default=None, description="证书编号 as printed by the awarding body; null when "
              "not given"))
    awarded_on: Day | None = Field(default=None, description="Date the title was awarded, "
                                   "YYYY-MM-DD; null when not given")


class Membership(BaseModel):
    """Membership of an authorized society: a member number, or joining concurrently [003 Q6]."""

    model_config = ConfigDict(extra="forbid")

    society_code: str = Field(description="学会代码 of an authorized society, see "
                              "/v1/reference/societies")
    member_number: MemberNumber | None = Field(
        default=None, description="会员号 in that society; null when joining concurrently")
    joining_concurrently: bool = Field(
        default=False, description="同时申请入会: true when the applicant applies to join the "
        "society together with this application instead of giving a member number")

    @model_validator(mode="after")
    def _one_of(self) -> Self:
        if not self.member_number and not self.joining_concurrently:
            raise ValueError("请填写会员号，或选择同时申请入会 / give a member number or choose "
                             "to join concurrently")
        return self


class ProfileIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "张伟",
        "id_type": "cn_ric",
        "id_number": "11010519491231002X",
        "nationality": "CN",
        "mobile": "+8613800138000",
        "email": "zhang.wei@example.com",
        "education": [{"start": "2006-09-01", "end": "2010-06-30", "degree": "bachelor",
                       "subject": "土木工程", "engineering_related": True,
                       "institution": "同济大学"}],
        "work_history": [{"start": "2010-07-01", "end": None,
                          "employer": "中国路桥工程有限责任公司", "position": "结构工程师",
                          "relevant": True, "important": True, "overseas": True}],
        "professional_titles": [{"name": "高级工程师", "awarded_on": "2018-12-01",
                                 "issuer": "交通运输部"}],
        "international_titles": [],
        "memberships": [{"society_code": "cces", "member_number": "M0012345"}],
    }]})

    name: Name = Field(description="姓名 as on the identity document")
    id_type: IdType = Field(description="cn_ric 居民身份证; passport 护照; other 其他证件")
    id_number: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5,
                                                max_length=40)] = Field(
        description="证件号码: for cn_ric an 18-character resident identity number (checksum "
        "and birth date checked); otherwise 5–20 letters or digits (spaces and dashes dropped)")
    nationality: Country = Field(description="ISO 3166 code (CN), English or Chinese name")
    mobile: Mobile = Field(description="手机号码; without a country code read as a mainland "
                           "number, stored in E.164 (+8613800138000)")
    email: Email = Field(description="电子邮箱, stored in lower case")
    education: list[Education] = Field(default_factory=list, max_length=20,
                                       description="学历教育经历, up to 20")
    work_history: list[WorkPeriod] = Field(default_factory=list, max_length=60,
                                           description="专业工作经历, up to 60 periods")
    professional_titles: list[ProfessionalTitle] = Field(
        default_factory=list, max_length=20, description="职称 held, up to 20")
    international_titles: list[InternationalTitle] = Field(
        default_factory=list, max_length=10, description="国际工程师称号 held, up to 10")
    memberships: list[Membership] = Field(
        default_factory=list, max_length=20,
        description="学会会员: authorized societies the applicant belongs to or joins")

    @model_validator(mode="after")
    def _not_in_future(self) -> Self:
        # Checked on input only: stored periods are re-read later under another "today".
        today = _today()
        for period in (*self.education, *self.work_history):
            if period.start > today:
                raise ValueError(f"开始日期 {period.start} 在未来 / the start date {period.start} "
                                 "is in the future")
        return self

    @field_validator("id_number")
    @classmethod
    def _identity_number(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("id_type") == "cn_ric":
            try:
                return str(ric.validate(value))
            except StdnumError as exc:
                raise ValueError(
                    "居民身份证号码无效（校验位或出生日期不符） / not a valid mainland resident "
                    "identity number (checksum or birth date)"
                ) from exc
        compact = re.sub(r"[\s-]", "", value).upper()
        if not re.fullmatch(r"[A-Z0-9]{5,20}", compact):
            raise ValueError("证件号码应为 5–20 位字母或数字 / the document number must be "
                             "5–20 letters or digits")
        return compact

    @model_validator(mode="after")
    def _resident_is_chinese(self) -> Self:
        if self.id_type == "cn_ric" and self.nationality != "CN":
            raise ValueError("居民身份证持有人的国籍应为中国 / a resident ID card holder's "
                             "nationality is CN")
        return self


class ProfileOut(BaseModel):
    """An applicant's profile. Read through an application by an examiner or the secretariat,
    `id_number`, `mobile` and `email` are masked (1101**********002X, +86138****8000,
    z*******@example.com)."""

    applicant_id: str = Field(description="The applicant's user id (the token's subject)")
    name: str = Field(description="姓名")
    id_type: IdType = Field(description="cn_ric 居民身份证; passport 护照; other 其他证件")
    id_number: str = Field(description="证件号码; masked except for the applicant and the "
                           "society's staff")
    nationality: str = Field(description="ISO 3166 alpha-2 code, e.g. CN")
    mobile: str = Field(description="E.164 mobile; masked except for the applicant and the "
                        "society's staff")
    email: str = Field(description="E-mail address; masked except for the applicant and the "
                       "society's staff")
    education: list[Education] = Field(description="学历教育经历 as saved")
    work_history: list[WorkPeriod] = Field(description="专业工作经历 as saved")
    professional_titles: list[ProfessionalTitle] = Field(description="职称 as saved")
    international_titles: list[InternationalTitle] = Field(description="国际工程师称号 as saved")
    memberships: list[Membership] = Field(description="学会会员 as saved")
    updated_at: datetime = Field(description="when the applicant last saved the profile")
    submitted_at: datetime | None = Field(
        default=None, description="set when this is the profile as submitted with an "
        "application (frozen at each submission); empty for the live profile")
