"""Shapes of panels, seats, proposals and declarations."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class PanelIn(BaseModel):
    """Examiners to seat on the case's panel (added to the seats already there)."""

    model_config = ConfigDict(extra="forbid")

    examiner_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=15)]


class SeatRemovalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                             max_length=2000)]


class DeclarationIn(BaseModel):
    """The examiner's conflict-of-interest declaration (利益冲突声明)."""

    model_config = ConfigDict(extra="forbid")

    conflict: bool = Field(description="true frees your seat; false clears you to see the file")
    statement: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""


class SeatOut(BaseModel):
    id: uuid.UUID
    examiner_id: uuid.UUID
    examiner_subject: str
    examiner_name: str
    status: str
    assigned_by: str
    assigned_at: datetime
    declared_at: datetime | None
    declaration: str | None
    removed_by: str | None
    removed_at: datetime | None


class PanelOut(BaseModel):
    case_id: uuid.UUID
    min_size: int
    cleared: int
    complete: bool
    seats: list[SeatOut]
    # The examiners applications has been told may open the application's files
    # (evaluation.panel_assigned); None until the panel is first complete.
    files_opened_to: list[str] | None
    files_access: str = Field(description="Where access to the application's files stands, "
                              "in words (Chinese / English)")


class ProposedExaminer(BaseModel):
    examiner_id: uuid.UUID
    name: str
    employer: str
    open_workload: int


class ExcludedExaminer(BaseModel):
    examiner_id: uuid.UUID
    name: str
    reasons: list[str]


class PanelProposal(BaseModel):
    """Qualified, trained, active, conflict-free examiners, lowest open workload first."""

    case_id: uuid.UUID
    size: int
    proposed: list[ProposedExaminer]
    excluded: list[ExcludedExaminer]
