"""The applicant's profile (申请人信息): identity, contact, education, work, titles, membership."""

import re
from datetime import date, datetime
from typing import Annotated, Literal, Self

import phonenumbers
from kit import clock
from pydantic import (
    AfterValidator,
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

    start: date
    end: date | None = Field(default=None, description="empty while ongoing / 至今")

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
    role: Text = Field(description="职务/岗位")
    relevant: bool = Field(default=True, description="相关专业工作")
    important: bool = Field(description="重要工程工作经历 (as the society defines it [003 Q38])")
    overseas: bool = Field(default=False, description="境外工程项目")
    during_study: StudyStage | None = Field(
        default=None, description="在读期间的实践: undergraduate never counts; master/doctoral "
        "is for the society to judge [003 Q33, Q37]",
    )
    description: LongText | None = None


class ProfessionalTitle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)] = (
        Field(description="职称, e.g. 工程师, 高级工程师, 正高级工程师")
    )
    awarded_on: date | None = None
    issuer: Text | None = None


class InternationalTitle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: InternationalTitleCode
    name: Text | None = Field(default=None, description="for `other`: the title and the body")
    number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)] | None = None
    awarded_on: date | None = None


class Membership(BaseModel):
    """Membership of an authorized society: a member number, or joining concurrently [003 Q6]."""

    model_config = ConfigDict(extra="forbid")

    society_code: str
    member_number: MemberNumber | None = None
    joining_concurrently: bool = False

    @model_validator(mode="after")
    def _one_of(self) -> Self:
        if not self.member_number and not self.joining_concurrently:
            raise ValueError("请填写会员号，或选择同时申请入会 / give a member number or choose "
                             "to join concurrently")
        return self


class ProfileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    id_type: IdType = Field(description="cn_ric 居民身份证; passport 护照; other 其他证件")
    id_number: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5,
                                                max_length=40)]
    nationality: Country = Field(description="ISO 3166 code (CN), English or Chinese name")
    mobile: Mobile
    email: Email
    education: list[Education] = Field(default_factory=list, max_length=20)
    work_history: list[WorkPeriod] = Field(default_factory=list, max_length=60)
    professional_titles: list[ProfessionalTitle] = Field(default_factory=list, max_length=20)
    international_titles: list[InternationalTitle] = Field(default_factory=list, max_length=10)
    memberships: list[Membership] = Field(default_factory=list, max_length=20)

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
    applicant_id: str
    name: str
    id_type: str
    id_number: str
    nationality: str
    mobile: str
    email: str
    education: list[Education]
    work_history: list[WorkPeriod]
    professional_titles: list[ProfessionalTitle]
    international_titles: list[InternationalTitle]
    memberships: list[Membership]
    updated_at: datetime = Field(description="when the applicant last saved the profile")
    submitted_at: datetime | None = Field(
        default=None, description="set when this is the profile as submitted with an "
        "application (frozen at each submission); empty for the live profile")
