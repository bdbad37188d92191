"""Request and response shapes of deferrals."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# The words stored in cpd_deferrals.status and cpd_deferrals.mode.
DeferralStatus = Literal["requested", "granted", "refused"]
Mode = Literal["reduce", "postpone"]


class DeferralIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    years: list[int] = Field(min_length=1, max_length=5,
                             description="Years of validity (1…5) you cannot complete")
    reason: str = Field(min_length=1, max_length=4000,
                        description="The special circumstances; attach evidence afterwards")


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    decision: Literal["granted", "refused"]
    mode: Mode | None = Field(
        default=None, description="reduce: the hours are excused; postpone: they move to "
        "`to_year`")
    hours: int | None = Field(default=None, ge=1, le=1000,
                              description="Hours of each listed year deferred")
    to_year: int | None = Field(default=None, ge=2, le=5)
    years: list[int] | None = Field(default=None, min_length=1, max_length=5,
                                    description="The years granted, if fewer than asked")
    reason: str = Field(default="", max_length=2000)


class DeferralOut(BaseModel):
    id: uuid.UUID
    years: list[int]
    reason: str
    status: DeferralStatus
    mode: Mode | None
    hours: int | None
    to_year: int | None
    decision_reason: str | None
    decided_at: datetime | None
    created_at: datetime
