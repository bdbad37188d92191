"""Response shapes of the funnel and cycle-time figures."""

import uuid
from datetime import date

from pydantic import BaseModel


class FunnelRow(BaseModel):
    society_code: str
    field_code: str
    counts: dict[str, int]
    # Each stage against the stage that feeds it (None when that one is empty).
    conversion: dict[str, float | None]


class FunnelOut(BaseModel):
    society_code: str | None
    period_start: date | None
    period_end: date | None
    rows: list[FunnelRow]
    total: FunnelRow


class CycleFigures(BaseModel):
    count: int
    median_days: float | None
    p90_days: float | None
    max_days: float | None


class OverdueCase(BaseModel):
    application_id: uuid.UUID
    case_id: uuid.UUID | None
    society_code: str
    field_code: str
    submitted_on: date
    deadline: date
    decided_on: date | None
    days_over: int


class CycleOut(BaseModel):
    society_code: str | None
    limit_months: int
    figures: dict[str, CycleFigures]
    overdue_count: int
    overdue: list[OverdueCase]
