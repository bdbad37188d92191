"""Request and response shapes of deferrals."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# The words stored in cpd_deferrals.status and cpd_deferrals.mode.
DeferralStatus = Literal["requested", "granted", "refused"]
Mode = Literal["reduce", "postpone"]

YEARS = "Years of the current validity, numbered 1…5 from the registration date"
MODE = ("How granted hours are deferred: `reduce` — the listed years' requirement is lowered "
        "by `hours` (excused); `postpone` — `hours` of each listed year move to `to_year`.")


class DeferralIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, json_schema_extra={
        "examples": [{"years": [1], "reason": "外派海外项目现场一年，无法参加继续教育 / posted "
                      "abroad on site for a year"}]})

    years: list[int] = Field(min_length=1, max_length=5, description=(
        YEARS + " (distinct), in which you cannot complete your CPD hours."))
    reason: str = Field(min_length=1, max_length=4000, description=(
        "The special circumstances (特殊原因), e.g. illness or a posting abroad; encrypted at "
        "rest, shown to you and your society's staff only. Attach evidence afterwards."))


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, json_schema_extra={
        "examples": [{"decision": "granted", "mode": "reduce", "hours": 10, "years": [1],
                      "reason": "按学会应急预案减免 / under the society's contingency plan"}]})

    decision: Literal["granted", "refused"] = Field(description=(
        "The society's decision under its contingency plan [003 Q25], the word of the status "
        "it produces: `granted` (批准; needs `mode` and `hours`) or `refused` (不予批准; needs "
        "`reason`)."))
    mode: Mode | None = Field(default=None, description=MODE + " Required when granted; "
                              "ignored when refused.")
    hours: int | None = Field(default=None, ge=1, le=1000, description=(
        "CPD hours of each granted year that are deferred (1–1000); required when granted."))
    to_year: int | None = Field(default=None, ge=2, le=5, description=(
        "For `postpone`: the later year of this validity (after every granted year) that "
        "takes the hours; ignored for `reduce`."))
    years: list[int] | None = Field(default=None, min_length=1, max_length=5, description=(
        YEARS + ": the ones granted, when fewer than asked; absent: all that were asked."))
    reason: str = Field(default="", max_length=2000, description=(
        "The society's reason, shown to the member; required when refused."))


class DeferralOut(BaseModel):
    id: uuid.UUID = Field(description="The deferral request's id.")
    years: list[int] = Field(description=YEARS + ": asked for, or those granted once granted.")
    reason: str = Field(description="The member's special circumstances; `***` for the CSE "
                        "secretariat, which sees only that there is one (personal data).")
    status: DeferralStatus = Field(description="`requested` — awaiting the society; "
                                   "`granted` — counts in compliance; `refused`.")
    mode: Mode | None = Field(description=MODE + " Null unless granted.")
    hours: int | None = Field(description="Hours of each granted year deferred; null unless "
                              "granted.")
    to_year: int | None = Field(description="The year postponed hours move to; null unless "
                                "granted with `postpone`.")
    decision_reason: str | None = Field(description="The society's reason; null before the "
                                        "decision or when none was given.")
    decided_at: datetime | None = Field(description="When the society decided (ISO 8601 with "
                                        "offset); null while requested.")
    created_at: datetime = Field(description="When the member asked (ISO 8601 with offset).")
