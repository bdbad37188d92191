"""Response shapes of the funnel and cycle-time figures."""

import uuid
from datetime import date

from pydantic import BaseModel, Field

SCOPE = ("The society the figures are limited to: a society's own code for its staff, the "
         "`society` filter for the secretariat and the committee; null for the whole platform.")


class FunnelRow(BaseModel):
    """One society and field's funnel (or the total of all rows)."""

    society_code: str = Field(
        description="The society's code; `—` for recommended candidates not yet assigned to "
        "a society; `all` (or the scope's society) in the total.")
    field_code: str = Field(
        description="The engineering field's code; `—` for candidates who have not applied "
        "yet; `all` in the total.")
    counts: dict[str, int] = Field(
        description="How many entered each stage in the period: `recommended`, "
        "`pre_screened`, `applied`, `accepted` (formal check), `passed` / `failed` "
        "(evaluation decision) and `registered`. Every stage is present, 0 when none.")
    conversion: dict[str, float | None] = Field(
        description="Each stage against the stage that feeds it, as a fraction to four places "
        "(0.75 = 75 %): `pre_screened`/recommended, `applied`/pre_screened, "
        "`accepted`/applied, `passed` and `failed`/accepted, `registered`/passed; null when "
        "the feeding stage is 0.")


class FunnelOut(BaseModel):
    """The evaluation funnel per society and field, with its total."""

    society_code: str | None = Field(description=SCOPE)
    period_start: date | None = Field(
        description="First China date counted (the `from` parameter); null for no lower bound.")
    period_end: date | None = Field(
        description="Last China date counted (the `to` parameter); null for no upper bound.")
    rows: list[FunnelRow] = Field(
        description="One row per society and field that has any count, ordered by society "
        "then field, all of them.")
    total: FunnelRow = Field(
        description="All rows added up; without a society scope it also counts recommended "
        "candidates not screened yet.")


class CycleFigures(BaseModel):
    """Durations of one span of the evaluation cycle, in days (to one decimal)."""

    count: int = Field(description="How many applications have this span measured.")
    median_days: float | None = Field(description="The median, in days; null when count is 0.")
    p90_days: float | None = Field(
        description="The 90th percentile (linear interpolation), in days; null when count is 0.")
    max_days: float | None = Field(description="The longest, in days; null when count is 0.")


class OverdueCase(BaseModel):
    """An application decided after its deadline, or still undecided past it."""

    application_id: uuid.UUID = Field(description="The application's id (UUID).")
    case_id: uuid.UUID | None = Field(
        description="Its evaluation case's id (UUID); null before the case is opened.")
    society_code: str = Field(description="The society evaluating it.")
    field_code: str = Field(description="The engineering field's code.")
    submitted_on: date = Field(description="China date the application was submitted.")
    deadline: date = Field(
        description="China date the decision was due: six months after submission, or the "
        "case's own earlier deadline.")
    decided_on: date | None = Field(
        description="China date of the decision; null while undecided.")
    days_over: int = Field(
        description="Days past the deadline: to the decision, or to today while undecided.")


class CycleOut(BaseModel):
    """Cycle times against the six-month limit [001], and the overdue cases."""

    society_code: str | None = Field(description=SCOPE)
    limit_months: int = Field(description="The cycle limit in months (6).")
    figures: dict[str, CycleFigures] = Field(
        description="One entry per span: `submission_to_decision`, "
        "`submission_to_registration`, `recommendation_to_decision`, "
        "`recommendation_to_registration` (the recommendation spans only for recommended "
        "candidates). Lapsed and withdrawn applications are not measured.")
    overdue_count: int = Field(description="How many applications are overdue.")
    overdue: list[OverdueCase] = Field(
        description="The overdue applications, the most days over first.")
