"""Shapes of panels, seats, proposals and declarations."""

import uuid
from datetime import datetime
from typing import Annotated

from kit.types import NON_BLANK_TEXT_PATTERN
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from evaluation.vocabulary import SeatStatus


class PanelIn(BaseModel):
    """Examiners to seat on the case's panel (added to the seats already there)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "examiner_ids": ["8b0f6a52-1d3e-4f7a-9c2b-5e6d7f8a9b01",
                         "c4d5e6f7-0a1b-4c2d-8e3f-9a0b1c2d3e4f"]}]})

    examiner_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=15)] = Field(
        description="Ids of examiners of your society's pool (1-15), e.g. from "
        "GET /v1/cases/{case_id}/panel/proposal; each starts pending until they declare")


class SeatRemovalIn(BaseModel):
    """Why the examiner leaves the panel (kept in the audit trail)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "reason": "考官因病无法参加评审 / The examiner is ill and cannot take part."}]})

    reason: Annotated[str, StringConstraints(
        strip_whitespace=True, pattern=NON_BLANK_TEXT_PATTERN, min_length=1, max_length=2000,
    )] = Field(
        description="Why the examiner is removed (1-2000 characters)")


class DeclarationIn(BaseModel):
    """The examiner's conflict-of-interest declaration (利益冲突声明)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"conflict": False, "statement": "本人与申请人无利益冲突 / I have no conflict of "
         "interest with the applicant."},
        {"conflict": True, "statement": "申请人是本人前同事 / The applicant is a former "
         "colleague."},
    ]})

    conflict: StrictBool = Field(
        description="true frees your seat; false clears you to see the file")
    statement: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = Field(
        "", description="Your declaration in words (up to 2000 characters)")


class SeatOut(BaseModel):
    """One examiner's seat on the panel."""

    id: uuid.UUID = Field(description="The seat's id")
    examiner_id: uuid.UUID = Field(description="The examiner's id")
    examiner_subject: str = Field(description="The examiner's identity user id")
    examiner_name: str = Field(description="The examiner's name")
    status: SeatStatus = Field(
        description="pending until the examiner declares; cleared (no conflict, may see the "
        "file), conflicted (declared a conflict) or removed by staff")
    assigned_by: str = Field(description="Identity user id of who seated the examiner")
    assigned_at: datetime = Field(description="When the examiner was seated")
    declared_at: datetime | None = Field(description="When they declared; null until then")
    declaration: str | None = Field(description="Their declaration statement; null until then")
    removed_by: str | None = Field(description="Who removed them; null unless removed")
    removed_at: datetime | None = Field(description="When they were removed; null unless removed")


class PanelOut(BaseModel):
    """A case's examiner panel."""

    case_id: uuid.UUID = Field(description="The case")
    min_size: int = Field(description="Cleared examiners the society's policy requires")
    cleared: int = Field(description="Examiners cleared so far")
    complete: bool = Field(description="true once `cleared` reaches `min_size`")
    seats: list[SeatOut] = Field(description="Every seat, removed and conflicted ones too")
    files_opened_to: list[str] | None = Field(
        description="Identity user ids applications has been told may open the application's "
        "files (evaluation.panel_assigned); null until the panel is first complete")
    files_access: str = Field(description="Where access to the application's files stands, "
                              "in words (Chinese / English)")


class ProposedExaminer(BaseModel):
    """An examiner eligible for the panel."""

    examiner_id: uuid.UUID = Field(description="The examiner's id (for PanelIn)")
    name: str = Field(description="The examiner's name")
    employer: str = Field(description="The examiner's current employer")
    open_workload: int = Field(description="Seats the examiner holds on cases still open")


class ExcludedExaminer(BaseModel):
    """An examiner of the pool left out of the proposal, and why."""

    examiner_id: uuid.UUID = Field(description="The examiner's id")
    name: str = Field(description="The examiner's name")
    reasons: list[str] = Field(
        description="Why they are not eligible (not qualified, untrained, inactive, a "
        "conflict …), each in Chinese / English")


class PanelProposal(BaseModel):
    """Qualified, trained, active, conflict-free examiners, lowest open workload first."""

    case_id: uuid.UUID = Field(description="The case")
    size: int = Field(description="Panel size asked for (the policy's panel_min_size unless "
                      "`size` was given)")
    proposed: list[ProposedExaminer] = Field(
        description="Up to `size` eligible examiners, least busy first")
    excluded: list[ExcludedExaminer] = Field(description="Pool members not eligible, with why")
