"""Shapes of re-registration."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints


class ReregistrationIn(BaseModel):
    """The member's application; the CPD record comes from the CPD service's ledger."""

    model_config = ConfigDict(extra="forbid")

    # The development summary (职业发展总结) the member wants the society to read.
    statement: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = ""


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["approve", "refuse"]
    # Required to refuse, unless CPD is short (then the shortfall is the reason).
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""


class ReregistrationOut(BaseModel):
    id: uuid.UUID
    certificate_number: str
    holder_name: str
    society_code: str
    status: str
    applied_on: date
    statement: str
    valid_until: date
    cpd: dict[str, Any] | None
    reasons: str | None
    decided_by: str | None
    decided_at: datetime | None
    new_valid_until: date | None
