"""Shapes of evaluation batches."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints


class BatchIn(BaseModel):
    """Open a new batch; the society's current batch is closed to new cases."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class BatchOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    society_code: str
    name: str
    status: str
    opened_at: datetime
    closed_at: datetime | None
    cases_by_status: dict[str, int] = {}
