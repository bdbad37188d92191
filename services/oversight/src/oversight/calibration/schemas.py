"""Response shapes of examiner calibration."""

from typing import Literal

from pydantic import BaseModel

ScoreKind = Literal["interview", "review"]


class ExaminerCalibration(BaseModel):
    examiner_id: str
    society_code: str
    kind: ScoreKind
    cases: int
    mean_score: float
    # The examiner's score minus the mean of the rest of the panel, over the shared cases.
    mean_difference: float | None
    spread: float | None
    mean_absolute_difference: float | None
    same_side_share: float | None
    flagged: bool
    direction: Literal["high", "low"] | None


class CalibrationOut(BaseModel):
    kind: ScoreKind
    society_code: str | None
    min_cases: int
    threshold: float
    items: list[ExaminerCalibration]
    next_cursor: str | None
