"""Shapes of the audit trail."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from evaluation.vocabulary import AuditRole


class AuditEntryOut(BaseModel):
    """One append-only entry of a case's audit trail."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The entry's id")
    case_id: uuid.UUID | None = Field(
        description="The case acted on; null for an action on no single case")
    actor: str = Field(
        description="Identity user id of who acted; `system` for the worker's jobs, `public` "
        "for an anonymous objector")
    role: AuditRole = Field(
        description="The actor's role when acting; system for jobs, public for an objector")
    action: str = Field(description="What was done, e.g. `review.submitted`, `case.decided`")
    details: dict[str, Any] = Field(
        description="The action's particulars (scores, outcome, reasons …) as recorded")
    at: datetime = Field(description="When it was done")
