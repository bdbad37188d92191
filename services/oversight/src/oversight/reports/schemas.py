"""Shapes of the pilot report (the JSON partner systems read) and of its targets."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from kit.types import Day
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, JsonValue

from oversight.pipeline.schemas import CycleOut, FunnelOut
from oversight.reports.reference import pilot_units
from oversight.reports.rules import TOTAL_UNIT

MetricCode = Literal[
    "registered_members", "trained_examiners", "quality_cpd_courses", "bilateral_recognitions",
    "gba_access_professionals", "gba_non_access_recognitions",
]

PeriodKind = Literal["month", "half_year", "year"]
Comparison = Literal[">=", ">"]


def _not_bool(value: Any) -> Any:
    # JSON's true/false are not numbers (lax ints would read false as 0); 3000.0 is 3000.
    if isinstance(value, bool):
        raise ValueError("应为整数 / Input should be an integer, not true or false.")
    return value


Count = Annotated[int, BeforeValidator(_not_bool)]
# Every pilot unit (reference.pilot_units) and `all`, the whole pilot.
UNIT_CODES: list[JsonValue] = [*sorted({code for code, _ in pilot_units()} | {TOTAL_UNIT})]
PERIOD_KIND = "The report's period: `month`, `half_year` or `year`."
METRIC = ("The figure: `registered_members` (registrations), `trained_examiners`, "
          "`quality_cpd_courses` (published CPD courses), `bilateral_recognitions`, "
          "`gba_access_professionals` and `gba_non_access_recognitions` (the GBA unit's).")
COMPARISON = ("How the figure meets its target: `>=` (at least the target) or `>` (more than "
              "it, e.g. \"more than 30\").")


class MetricFigure(BaseModel):
    """One figure of one pilot unit (or the total) against its targets."""

    metric: MetricCode = Field(description=METRIC)
    name_zh: str = Field(description="The figure's name in Chinese, e.g. 注册会员.")
    name_en: str = Field(description="The figure's name in English.")
    new: int = Field(description="New in the report's period (China dates, both ends "
                     "included).")
    year_to_date: int = Field(description="New from 1 January of the period's year to the "
                              "period's end.")
    cumulative: int = Field(description="Everything up to the period's end.")
    target_new: int | None = Field(
        description="The year's target for new ones (the year's own, else the latest earlier "
        "year's); null when there is none.")
    target_cumulative: int | None = Field(
        description="The cumulative target; null when there is none.")
    comparison: Comparison = Field(description=COMPARISON)
    progress_new: float | None = Field(
        description="`year_to_date` / `target_new` as a fraction to four places (1.0 = "
        "reached); null without a target.")
    progress_cumulative: float | None = Field(
        description="`cumulative` / `target_cumulative` as a fraction to four places; null "
        "without a target.")
    met_new: bool | None = Field(
        description="Whether `year_to_date` meets `target_new` by `comparison`; null without "
        "a target.")
    met_cumulative: bool | None = Field(
        description="Whether `cumulative` meets `target_cumulative`; null without a target.")


class UnitFigures(BaseModel):
    """One pilot unit's figures, or the whole pilot's (`all`)."""

    unit_code: str = Field(
        description="The pilot unit: a pilot society's code, `gba` for the Greater Bay Area "
        "regional pilot, or `all` for the total.")
    name_zh: str = Field(description="The unit's name in Chinese.")
    metrics: list[MetricFigure] = Field(
        description="The unit's figures: a society's four (registrations, trained examiners, "
        "CPD courses, bilateral recognitions), the GBA unit's two, the total's six.")


class PilotReportOut(BaseModel):
    """The pilot report (试点报告): per unit and in total, with the funnel and cycle times."""

    period_kind: PeriodKind = Field(description=PERIOD_KIND)
    period: str = Field(description="The period's code: `2026-11`, `2026-H2` or `2026`.")
    label: str = Field(description="The period in Chinese words, e.g. 2026年11月.")
    period_start: date = Field(description="First China date of the period.")
    period_end: date = Field(description="Last China date of the period.")
    generated_at: datetime = Field(
        description="When these figures were computed (ISO 8601 with offset): now, or the "
        "day it was made ready for a snapshot.")
    total: UnitFigures = Field(
        description="The whole pilot's figures (`all`), including facts of no pilot unit.")
    units: list[UnitFigures] = Field(
        description="Each pilot unit's figures (every pilot society, then `gba`); a society's "
        "staff get their own unit only.")
    funnel: FunnelOut = Field(
        description="The evaluation funnel, cumulative to the period's end, in the caller's "
        "scope.")
    cycle: CycleOut = Field(description="The cycle times as of now, in the caller's scope.")


class ReadyReportOut(BaseModel):
    """A report the scheduled job made ready: read it with `snapshot=true`."""

    model_config = ConfigDict(from_attributes=True)

    period_kind: PeriodKind = Field(description=PERIOD_KIND)
    period_start: date = Field(description="First China date of the period.")
    period_end: date = Field(description="Last China date of the period.")
    ready_at: datetime = Field(description="When it was made ready (ISO 8601 with offset).")


class TargetIn(BaseModel):
    """A pilot target (试点目标) for one year, unit and figure."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{
            "year": 2026, "unit_code": "all", "metric": "registered_members",
            "new_target": 3000, "cumulative_target": 6000, "comparison": ">=",
        }],
        # A new target, a cumulative one, or both (set_targets refuses neither).
        "anyOf": [
            {"required": ["new_target"], "properties": {"new_target": {"type": "integer"}}},
            {"required": ["cumulative_target"],
             "properties": {"cumulative_target": {"type": "integer"}}},
        ],
    })

    year: Count = Field(ge=2020, le=2100,
                      description="The year it applies to; later years without their own "
                      "targets use it too.")
    unit_code: str = Field(max_length=20, json_schema_extra={"enum": UNIT_CODES},
                           description="A pilot unit's code (a pilot society, `gba`), or "
                           "`all` for the whole pilot.")
    metric: MetricCode = Field(description=METRIC)
    new_target: Count | None = Field(
        default=None, ge=0,
        description="How many new ones in the year; null for no target. "
        "Give it, `cumulative_target`, or both.")
    cumulative_target: Count | None = Field(
        default=None, ge=0,
        description="How many in all by the year's end; null for no "
        "target.")
    comparison: Comparison = Field(default=">=", description=COMPARISON)


class TargetOut(TargetIn):
    model_config = ConfigDict(from_attributes=True, extra="ignore")


# The GBA fields of reference.GBA_ACCESS_FIELDS and reference.GBA_NON_ACCESS_FIELDS.
AccessField = Literal["architecture", "structural", "building_services", "surveying",
                      "quantity_surveying", "planning", "landscape", "engineering_supervision"]
NonAccessField = Literal["building", "metrology_control", "quality_management",
                         "computer_information", "cyberspace_security", "standardization",
                         "power", "quality", "e_government", "non_metallic_materials",
                         "textiles", "food"]


class _GbaRecognition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    recognised_on: Day = Field(
        description="China date of the registration or recognition, YYYY-MM-DD: it counts in "
        "the period holding that date.")
    reference: str = Field(min_length=1, max_length=100,
                           description="The registration or recognition number (no names): "
                           "each is counted once, so sending it again changes nothing.")


class GbaAccessRecognition(_GbaRecognition):
    """One Hong Kong / Macau professional practising in an access field (准入类) of the Greater
    Bay Area [002]."""

    kind: Literal["access"] = Field(description="`access`: practising in an access field.")
    field: AccessField = Field(description="A code of the GBA access list")


class GbaNonAccessRecognition(_GbaRecognition):
    """One Hong Kong / Macau professional recognised in a non-access field (非准入类) of the
    Greater Bay Area [002]."""

    kind: Literal["non_access"] = Field(
        description="`non_access`: recognised in a non-access field.")
    field: NonAccessField = Field(description="A code of the GBA non-access list")


GbaRecognitionIn = Annotated[GbaAccessRecognition | GbaNonAccessRecognition,
                             Field(discriminator="kind")]


class GbaRecognitionsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "recognitions": [
            {"kind": "access", "field": "structural", "recognised_on": "2026-11-03",
             "reference": "GD-A-2026-0012"},
            {"kind": "non_access", "field": "food", "recognised_on": "2026-11-05",
             "reference": "GD-NA-2026-0031"},
        ]}]})

    recognitions: list[GbaRecognitionIn] = Field(
        min_length=1, max_length=1000,
        description="1–1000 registrations or recognitions as the GBA pilot unit reports them.")
