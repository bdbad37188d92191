"""Shapes of the pilot report (the JSON partner systems read) and of its targets."""

from datetime import date, datetime
from typing import Annotated, Literal

from kit.types import Day
from pydantic import BaseModel, ConfigDict, Field

from oversight.pipeline.schemas import CycleOut, FunnelOut

MetricCode = Literal[
    "registered_members", "trained_examiners", "quality_cpd_courses", "bilateral_recognitions",
    "gba_access_professionals", "gba_non_access_recognitions",
]

PeriodKind = Literal["month", "half_year", "year"]
Comparison = Literal[">=", ">"]


class MetricFigure(BaseModel):
    metric: MetricCode
    name_zh: str
    name_en: str
    new: int
    year_to_date: int
    cumulative: int
    target_new: int | None
    target_cumulative: int | None
    comparison: Comparison
    # The year's new figure so far against the year's target; cumulative against cumulative.
    progress_new: float | None
    progress_cumulative: float | None
    met_new: bool | None
    met_cumulative: bool | None


class UnitFigures(BaseModel):
    unit_code: str
    name_zh: str
    metrics: list[MetricFigure]


class PilotReportOut(BaseModel):
    period_kind: PeriodKind
    period: str
    label: str
    period_start: date
    period_end: date
    generated_at: datetime
    total: UnitFigures
    units: list[UnitFigures]
    funnel: FunnelOut
    cycle: CycleOut


class ReadyReportOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    period_kind: PeriodKind
    period_start: date
    period_end: date
    ready_at: datetime


class TargetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=2020, le=2100)
    unit_code: str = Field(max_length=20, description='A pilot unit\'s code, or "all"')
    metric: MetricCode
    new_target: int | None = Field(default=None, ge=0)
    cumulative_target: int | None = Field(default=None, ge=0)
    comparison: Comparison = ">="


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

    recognised_on: Day
    reference: str = Field(min_length=1, max_length=100,
                           description="The registration or recognition number (no names)")


class GbaAccessRecognition(_GbaRecognition):
    """One Hong Kong / Macau professional practising in an access field (准入类) of the Greater
    Bay Area [002]."""

    kind: Literal["access"]
    field: AccessField = Field(description="A code of the GBA access list")


class GbaNonAccessRecognition(_GbaRecognition):
    """One Hong Kong / Macau professional recognised in a non-access field (非准入类) of the
    Greater Bay Area [002]."""

    kind: Literal["non_access"]
    field: NonAccessField = Field(description="A code of the GBA non-access list")


GbaRecognitionIn = Annotated[GbaAccessRecognition | GbaNonAccessRecognition,
                             Field(discriminator="kind")]


class GbaRecognitionsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    recognitions: list[GbaRecognitionIn] = Field(min_length=1, max_length=1000)
