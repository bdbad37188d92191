"""Shapes of evaluation batches."""

import uuid
from datetime import datetime
from typing import Annotated

from kit.types import NON_BLANK_TEXT_PATTERN
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from evaluation.vocabulary import BatchStatus


class BatchIn(BaseModel):
    """Open a new batch; the society's current batch is closed to new cases."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"name": "2026年第2批 / 2026 batch 2"}]})

    name: Annotated[str, StringConstraints(
        strip_whitespace=True, pattern=NON_BLANK_TEXT_PATTERN, min_length=1, max_length=100,
    )] = Field(
        description="The batch's name as staff will see it (1-100 characters)")


class BatchOut(BaseModel):
    """An evaluation batch (评价批次) of a society."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The batch's id")
    society_code: str = Field(description="Code of the society the batch belongs to")
    name: str = Field(description="The batch's name")
    status: BatchStatus = Field(
        description="open: new cases join it; closed: a newer batch took over")
    opened_at: datetime = Field(description="When the batch was opened")
    closed_at: datetime | None = Field(description="When it closed; null while open")
    cases_by_status: dict[str, int] = Field(
        {}, description="Number of the batch's cases at each case status (statuses with no "
        "case left out)")
