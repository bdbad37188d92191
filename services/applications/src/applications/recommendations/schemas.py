"""Request and response shapes of enterprise recommendations (推荐参加工程能力评价人员情况表)."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

import phonenumbers
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
RecommendedLevel = Literal["professional", "senior"]


def _mobile(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"不是有效的手机号码 / not a phone number: {value!r}") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"不是有效的手机号码 / not a valid phone number: {value!r}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


Mobile = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40),
                   AfterValidator(_mobile)]


class EnterpriseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text = Field(description="企业名称 / enterprise name")
    contact_name: Text = Field(description="企业联系人 / contact person")
    contact_mobile: Mobile = Field(description="联系人手机号码 / contact mobile")


class CandidateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    mobile: Mobile
    field_code: str = Field(description="工程技术领域代码, see /v1/reference/fields")
    location: Text = Field(description="当前所在地 / current location")
    level: RecommendedLevel = Field(description="拟申请级别 / level sought")
    practice: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                               max_length=300)] = Field(
        description="主要工程实践经历，300字以内 / main engineering practice, ≤ 300 characters"
    )


class RecommendationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enterprise: EnterpriseIn
    candidates: list[CandidateIn] = Field(min_length=1, max_length=500)


class CandidateOut(BaseModel):
    id: uuid.UUID
    name: str
    mobile: str | None
    field_code: str
    location: str
    level: str
    practice: str
    status: str
    society_code: str | None
    screening_reason: str | None


class RecommendationOut(BaseModel):
    id: uuid.UUID
    enterprise_id: str
    enterprise_name: str
    contact_name: str
    contact_mobile: str | None
    created_at: datetime
    candidates: list[CandidateOut]


class ScreeningIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["accepted", "rejected"]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    society_code: str | None = Field(
        default=None, description="学会代码; defaults to the authorized society of the field"
    )
