"""Response shapes of examiner calibration."""

from typing import Literal

from pydantic import BaseModel, Field

ScoreKind = Literal["interview", "review"]
SCORE_KIND = ("Which scores: `interview` (0–100 points) or `review` (the share of the five "
              "competencies found achieved, in %, so both read on a 0–100 scale).")


class ExaminerCalibration(BaseModel):
    """How one examiner's scores sit against the rest of their panels."""

    examiner_id: str = Field(description="The examiner's subject (account id).")
    society_code: str = Field(description="The society the scores were given for.")
    kind: ScoreKind = Field(description=SCORE_KIND)
    cases: int = Field(description="How many cases (rounds) the examiner scored.")
    mean_score: float = Field(description="The examiner's mean score, to two places.")
    mean_difference: float | None = Field(
        description="The examiner's score minus the mean of the rest of the panel, averaged "
        "over the shared cases, to two places (positive: scores higher); null when no case "
        "had another examiner.")
    spread: float | None = Field(
        description="Standard deviation of those differences, to two places; null with fewer "
        "than two shared cases.")
    mean_absolute_difference: float | None = Field(
        description="Mean of the differences' sizes, to two places; null without shared cases.")
    same_side_share: float | None = Field(
        description="Share of shared cases on the majority side (above or below the panel), "
        "0.5–1.0 to two places; null without shared cases.")
    flagged: bool = Field(
        description="Consistently out of line: at least `min_cases` shared cases, "
        "|mean_difference| ≥ `threshold` and `same_side_share` ≥ 0.8.")
    direction: Literal["high", "low"] | None = Field(
        description="For a flagged examiner, whether they score `high` or `low` against "
        "their panels; null when not flagged.")


class CalibrationOut(BaseModel):
    """One page of examiners, flagged first then the farthest from their panels, with the
    thresholds used."""

    kind: ScoreKind = Field(description=SCORE_KIND)
    society_code: str | None = Field(
        description="The society whose examiners these are; null for the whole platform.")
    min_cases: int = Field(description="Shared cases needed before an examiner is flagged (3).")
    threshold: float = Field(
        description="|mean_difference| from which an examiner is flagged: 10 interview points, "
        "or 20 % (one of five competencies) in review.")
    items: list[ExaminerCalibration] = Field(
        description="This page's examiners: flagged first, then by |mean_difference| "
        "(largest first), then examiner and society.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page.")
