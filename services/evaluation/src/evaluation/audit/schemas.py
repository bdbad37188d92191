"""Shapes of the audit trail."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class AuditEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID | None
    actor: str
    role: str
    action: str
    details: dict[str, Any]
    at: datetime
