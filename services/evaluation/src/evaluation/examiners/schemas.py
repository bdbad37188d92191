"""Shapes of examiners, their employment history and training records."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from kit.types import NON_BLANK_TEXT_PATTERN, Day
from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints, model_validator

from evaluation.vocabulary import CaseStatus, ExaminerStatus, SeatStatus

Level = Literal["apprentice", "professional", "senior"]
Text200 = Annotated[str, StringConstraints(
    strip_whitespace=True, pattern=NON_BLANK_TEXT_PATTERN, min_length=1, max_length=200)]
Code = Annotated[str, StringConstraints(
    strip_whitespace=True, pattern=NON_BLANK_TEXT_PATTERN, min_length=1, max_length=40)]
Name = Annotated[str, StringConstraints(
    strip_whitespace=True, pattern=NON_BLANK_TEXT_PATTERN, min_length=1, max_length=100)]

_EMPLOYMENT_EXAMPLE: dict[str, JsonValue] = {
    "employer": "中国建筑第三工程局 / China Construction Third Bureau",
    "started_on": "2010-07-01", "ended_on": "2019-12-31"}


class EmploymentIn(BaseModel):
    """A past employer of the examiner; it conflicts with applicants who work there."""

    model_config = ConfigDict(extra="forbid",
                              json_schema_extra={"examples": [_EMPLOYMENT_EXAMPLE]})

    employer: Text200 = Field(description="Employer's name (1-200 characters)")
    started_on: Day | None = Field(None, description="First day there (YYYY-MM-DD); null "
                                   "if unknown")
    ended_on: Day | None = Field(
        None, description="Last day there (YYYY-MM-DD); null if unknown. An employment that "
        "ended more than the policy's conflict_cooling_off_years ago no longer conflicts")

    @model_validator(mode="after")
    def _ordered(self) -> "EmploymentIn":
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValueError("ended_on is before started_on")
        return self


class EmploymentOut(BaseModel):
    """A past employer of the examiner."""

    model_config = ConfigDict(from_attributes=True)

    employer: str = Field(description="Employer's name")
    started_on: date | None = Field(description="First day there; null if unknown")
    ended_on: date | None = Field(description="Last day there; null if unknown")


class ExaminerIn(BaseModel):
    """A new examiner profile, linked to the identity user `subject` (the JWT `sub`)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "subject": "3f1c2a9e-7b5d-4c1e-9a8f-2d6b0e4c7a11", "name": "王建国",
        "employer": "清华大学 / Tsinghua University", "fields": ["civil"],
        "specialties": [], "levels": ["professional", "senior"],
        "employment_history": [_EMPLOYMENT_EXAMPLE]}]})

    subject: Annotated[str, StringConstraints(
        strip_whitespace=True, pattern=NON_BLANK_TEXT_PATTERN, min_length=1, max_length=100,
    )] = Field(
        description="The identity user id (the `id` in GET /v1/auth/users?role=examiner) of an "
        "examiner account of your society")
    name: Name = Field(description="The examiner's name (1-100 characters)")
    employer: Text200 = Field(description="Current employer; it conflicts with applicants "
                              "who work there")
    fields: Annotated[list[Code], Field(min_length=1)] = Field(
        description="Engineering field codes the examiner may examine (at least one)")
    specialties: list[Code] = Field(
        default_factory=list, description="Specialty codes within those fields; empty for "
        "the whole field")
    levels: Annotated[list[Level], Field(min_length=1)] = Field(
        description="Levels the examiner may examine (at least one)")
    employment_history: list[EmploymentIn] = Field(
        default_factory=list, description="Past employers: they count for conflicts of interest"
    )


class ExaminerPatch(BaseModel):
    """Only the fields sent change; `employment_history` replaces the whole history."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"status": "inactive"},
        {"levels": ["apprentice", "professional"], "employer": "同济大学 / Tongji University"},
    ]})

    name: Name | None = Field(None, description="New name; omit to keep it")
    employer: Text200 | None = Field(None, description="New current employer; omit to keep it")
    fields: Annotated[list[Code], Field(min_length=1)] | None = Field(
        None, description="Replaces the field codes (at least one); omit to keep them")
    specialties: list[Code] | None = Field(
        None, description="Replaces the specialty codes; omit to keep them")
    levels: Annotated[list[Level], Field(min_length=1)] | None = Field(
        None, description="Replaces the levels (at least one); omit to keep them")
    status: ExaminerStatus | None = Field(
        None, description="inactive keeps the examiner off new panels; omit to keep it")
    employment_history: list[EmploymentIn] | None = Field(
        None, description="Replaces the whole employment history; omit to keep it")


class TrainingIn(BaseModel):
    """A training course the examiner completed (考官培训)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "course": "2026年度考官培训 / 2026 examiner training", "completed_on": "2026-03-15",
        "certificate": "CSE-T-2026-0042"}]})

    course: Text200 = Field(description="The course's name (1-200 characters)")
    completed_on: Day = Field(description="Day the course was completed (YYYY-MM-DD)")
    certificate: Annotated[str, StringConstraints(strip_whitespace=True,
                                                  max_length=100)] | None = Field(
        None, description="Number of the training certificate; null if none was issued")


class TrainingOut(BaseModel):
    """A recorded training course."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The training record's id")
    course: str = Field(description="The course's name")
    completed_on: date = Field(description="Day the course was completed")
    certificate: str | None = Field(description="Certificate number; null if none")


class ExaminerOut(BaseModel):
    """An examiner (考官) of a society's pool."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The examiner's id (used in panels)")
    society_code: str = Field(description="Code of the society whose pool this is")
    subject: str = Field(description="The examiner's identity user id (JWT `sub`)")
    name: str = Field(description="The examiner's name")
    employer: str = Field(description="Current employer")
    fields: list[str] = Field(description="Engineering field codes the examiner may examine")
    specialties: list[str] = Field(description="Specialty codes; empty for whole fields")
    levels: list[Level] = Field(description="Levels the examiner may examine")
    status: ExaminerStatus = Field(description="active, or inactive (kept off new panels)")
    employment_history: list[EmploymentOut] = Field(
        [], description="Past employers, oldest first")
    trainings: list[TrainingOut] = Field([], description="Training courses completed")
    trained: bool = Field(False, description="true once any training is recorded; only "
                          "trained examiners are proposed for panels")
    open_workload: int | None = Field(
        None, description="Seats the examiner holds on cases still open")
    created_at: datetime = Field(description="When the profile was created")


class TrainedExaminers(BaseModel):
    """One society's count of trained examiners."""

    society_code: str = Field(description="The society's code")
    trained_in_year: int = Field(description="Examiners with a training completed in the year")
    trained_to_date: int = Field(
        description="Examiners with a training completed up to the end of the year")


class ExaminerReport(BaseModel):
    """Trained examiners per society (seed 000 targets: 100 new, 300 cumulative)."""

    year: int = Field(description="The calendar year reported on")
    societies: list[TrainedExaminers] = Field(
        description="One line per society (only your own for society staff)")


class AssignmentOut(BaseModel):
    """A seat on a case's panel, with what an examiner needs to check for conflicts."""

    case_id: uuid.UUID = Field(description="The case the seat is on")
    seat_status: SeatStatus = Field(
        description="pending: declare first (POST /v1/cases/{case_id}/declaration); cleared: "
        "you may open the case")
    assigned_at: datetime = Field(description="When you were seated")
    applicant_name: str = Field(description="The applicant's name")
    applicant_employers: list[str] = Field(
        description="The applicant's current and past employers")
    recommending_enterprise: str | None = Field(
        description="Enterprise that recommended the applicant; null for a self-application")
    level: str = Field(description="Level applied for")
    field_code: str = Field(description="Engineering field code of the case")
    case_status: CaseStatus = Field(description="The case's stage")
    deadline: date = Field(description="Last day of the case's evaluation cycle")
    files_open: bool = Field(
        False, description="Whether applications has been told to open the application's "
        "files to you (after you are cleared and the panel is complete)")
