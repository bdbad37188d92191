"""Shapes of examiners, their employment history and training records."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Level = Literal["apprentice", "professional", "senior"]
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class EmploymentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    employer: Text200
    started_on: date | None = None
    ended_on: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "EmploymentIn":
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValueError("ended_on is before started_on")
        return self


class EmploymentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    employer: str
    started_on: date | None
    ended_on: date | None


class ExaminerIn(BaseModel):
    """A new examiner profile, linked to the identity user `subject` (the JWT `sub`)."""

    model_config = ConfigDict(extra="forbid")

    subject: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                              max_length=100)]
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    employer: Text200
    fields: Annotated[list[Code], Field(min_length=1)]
    specialties: list[Code] = Field(default_factory=list)
    levels: Annotated[list[Level], Field(min_length=1)]
    employment_history: list[EmploymentIn] = Field(
        default_factory=list, description="Past employers: they count for conflicts of interest"
    )


class ExaminerPatch(BaseModel):
    """Only the fields sent change; `employment_history` replaces the whole history."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                           max_length=100)] | None = None
    employer: Text200 | None = None
    fields: Annotated[list[Code], Field(min_length=1)] | None = None
    specialties: list[Code] | None = None
    levels: Annotated[list[Level], Field(min_length=1)] | None = None
    status: Literal["active", "inactive"] | None = None
    employment_history: list[EmploymentIn] | None = None


class TrainingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    course: Text200
    completed_on: date
    certificate: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = (
        None
    )


class TrainingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    course: str
    completed_on: date
    certificate: str | None


class ExaminerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    society_code: str
    subject: str
    name: str
    employer: str
    fields: list[str]
    specialties: list[str]
    levels: list[str]
    status: str
    employment_history: list[EmploymentOut] = []
    trainings: list[TrainingOut] = []
    trained: bool = False
    open_workload: int | None = None
    created_at: datetime


class TrainedExaminers(BaseModel):
    society_code: str
    trained_in_year: int
    trained_to_date: int


class ExaminerReport(BaseModel):
    """Trained examiners per society (seed 000 targets: 100 new, 300 cumulative)."""

    year: int
    societies: list[TrainedExaminers]


class AssignmentOut(BaseModel):
    """A seat on a case's panel, with what an examiner needs to check for conflicts."""

    case_id: uuid.UUID
    seat_status: str
    assigned_at: datetime
    applicant_name: str
    applicant_employers: list[str]
    recommending_enterprise: str | None
    level: str
    field_code: str
    case_status: str
    deadline: date
    # Whether applications has been told to open the application's files to you.
    files_open: bool = False
