"""Shapes of the materials review record form (申请材料审查记录表) and its rounds."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from kit.types import Day
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from evaluation.vocabulary import (
    Recommendation,
    ReviewStatus,
    RoundOpenedBecause,
    RoundOutcome,
    RoundStatus,
)

Comment = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Competency = Literal["knowledge", "ethics", "teamwork", "development", "leadership"]


class CompetencyAssessment(BaseModel):
    """Your finding on one competency."""

    model_config = ConfigDict(extra="forbid")

    achieved: StrictBool | None = Field(
        None, description="true achieved, false not achieved (needs a comment), null not yet "
        "assessed")
    comment: Comment = Field("", description="Your reasoning (up to 4000 characters)")


class ReviewIn(BaseModel):
    """The whole record as you want it saved (a draft until you submit it)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"competencies": {
            "knowledge": {"achieved": True, "comment": ""},
            "ethics": {"achieved": True, "comment": ""},
            "teamwork": {"achieved": True, "comment": ""},
            "development": {"achieved": True, "comment": ""},
            "leadership": {"achieved": False, "comment": "项目管理经历较少 / Little project "
                           "management so far."}},
         "recommendation": "passed", "follow_up_needed": True,
         "follow_up_points": "面试中考查项目管理能力 / Probe project management at interview.",
         "supplement_requests": "", "supplement_deadline": None},
        {"competencies": {}, "recommendation": "supplement", "follow_up_needed": False,
         "supplement_requests": "请补充近三年项目业绩证明 / Send proof of the last three "
         "years' projects."},
    ]})

    competencies: dict[Competency, CompetencyAssessment] = Field(
        {}, description="Your finding per competency: knowledge, ethics, teamwork, "
        "development, leadership; every one is needed to submit")
    recommendation: Recommendation | None = Field(
        None, description="passed, failed, or supplement (ask the applicant for more "
        "material); null while undecided, needed to submit")
    follow_up_needed: StrictBool | None = Field(
        None, description="Whether a follow-up assessment (interview) is needed; needed to "
        "submit")
    follow_up_points: Comment = Field(
        "", description="What the follow-up must probe; needed when follow_up_needed is true")
    supplement_requests: Comment = Field(
        "", description="Which supplementary material is needed; needed with supplement")
    supplement_deadline: Day | None = Field(
        None, description="Last day (YYYY-MM-DD, after today) for the supplement; null for "
        "the society's supplement_working_days")


class ReviewOut(BaseModel):
    """An examiner's materials review record for one round."""

    id: uuid.UUID = Field(description="The record's id")
    round: int = Field(description="Number of the review round (1, 2 …)")
    examiner_id: uuid.UUID = Field(description="The examiner's id")
    examiner_name: str = Field(description="The examiner's name")
    competencies: dict[str, Any] = Field(
        description="Finding per competency: {achieved: true|false|null, comment}")
    recommendation: Recommendation | None = Field(
        description="passed, failed or supplement; null while undecided")
    follow_up_needed: bool | None = Field(
        description="Whether a follow-up assessment is asked for; null while undecided")
    follow_up_points: str | None = Field(description="What the follow-up must probe")
    supplement_requests: str | None = Field(description="Supplementary material asked for")
    supplement_deadline: date | None = Field(
        description="Last day the examiner gave for the supplement; null for the default")
    status: ReviewStatus = Field(description="draft while editable; submitted (locked)")
    submitted_at: datetime | None = Field(description="When submitted; null while a draft")
    updated_by: str | None = Field(description="Identity user id of the last editor")
    updated_at: datetime | None = Field(description="When last saved; null if never saved")
    version: int = Field(description="Version of the record; the ETag to send in If-Match")


class RoundOut(BaseModel):
    """One round of materials review with its records."""

    number: int = Field(description="The round's number, from 1")
    status: RoundStatus = Field(description="open while examiners review; closed")
    opened_because: RoundOpenedBecause = Field(
        description="first; supplement_submitted (the applicant sent the material asked "
        "for); or supplement_lapsed (the deadline passed: conclude on the material you have, "
        "no further supplement can be asked)")
    outcome: RoundOutcome | None = Field(
        description="passed, failed or supplement_requested; null while open")
    requests: str | None = Field(
        description="The supplementary material asked for; null unless supplement_requested")
    supplement_deadline: datetime | None = Field(
        description="When the supplement is due (end of its last day, China time); null "
        "unless supplement_requested")
    supplement_last_day: date | None = Field(
        description="The China date of the last day to send the supplement; null unless "
        "supplement_requested")
    opened_at: datetime = Field(description="When the round opened")
    closed_at: datetime | None = Field(description="When the round closed; null while open")
    reviews: list[ReviewOut] = Field(
        description="The round's records (an examiner sees only their own)")
