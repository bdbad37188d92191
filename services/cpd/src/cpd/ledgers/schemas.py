"""Response shapes of CPD ledgers."""

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict


class LedgerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    certificate_number: str
    member_id: uuid.UUID
    society_code: str
    required_hours_per_year: int
    valid_from: date
    valid_until: date
