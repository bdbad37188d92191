"""Examiner calibration, as plain functions: each examiner's score on a case against the mean
of the other examiners of the same panel (leave-one-out, so an examiner never pulls the
reference towards themselves), over every case they scored."""

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

# An examiner is out of line when, over at least MIN_CASES shared cases, they sit on average
# this far from their panels, and on the same side in most of them (default thresholds; the
# documents give none): 10 of 100 interview points, one of five competencies in review.
MIN_CASES = 3
THRESHOLDS = {"interview": 10.0, "review": 20.0}
SAME_SIDE_SHARE = 0.8


@dataclass(frozen=True)
class Score:
    kind: str
    case_id: str
    round: int
    examiner_id: str
    society_code: str
    score: float


@dataclass(frozen=True)
class Calibration:
    examiner_id: str
    society_code: str
    kind: str
    cases: int
    mean_score: float
    mean_difference: float | None
    spread: float | None
    mean_absolute_difference: float | None
    same_side_share: float | None
    flagged: bool
    direction: str | None


def _round(value: float) -> float:
    return float(Decimal(str(value)).quantize(Decimal("0.01")))


def calibrate(scores: Iterable[Score], *, min_cases: int = MIN_CASES,
              thresholds: dict[str, float] | None = None) -> list[Calibration]:
    limits = thresholds or THRESHOLDS
    panels: dict[tuple[str, str, int], list[Score]] = defaultdict(list)
    for score in scores:
        panels[(score.kind, score.case_id, score.round)].append(score)
    differences: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    own: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for panel in panels.values():
        for score in panel:
            key = (score.kind, score.examiner_id, score.society_code)
            own[key].append(score.score)
            others = [s.score for s in panel if s.examiner_id != score.examiner_id]
            if others:
                differences[key].append(score.score - statistics.fmean(others))
    result = []
    for key, values in sorted(own.items()):
        kind, examiner, society = key
        diffs = differences.get(key, [])
        mean = statistics.fmean(diffs) if diffs else None
        same_side = (max(sum(d > 0 for d in diffs), sum(d < 0 for d in diffs)) / len(diffs)
                     if diffs else None)
        flagged = bool(
            mean is not None and same_side is not None and len(diffs) >= min_cases
            and abs(mean) >= limits.get(kind, THRESHOLDS["interview"])
            and same_side >= SAME_SIDE_SHARE
        )
        result.append(Calibration(
            examiner_id=examiner, society_code=society, kind=kind, cases=len(values),
            mean_score=_round(statistics.fmean(values)),
            mean_difference=None if mean is None else _round(mean),
            spread=_round(statistics.stdev(diffs)) if len(diffs) >= 2 else None,
            mean_absolute_difference=(_round(statistics.fmean(abs(d) for d in diffs))
                                      if diffs else None),
            same_side_share=None if same_side is None else _round(same_side),
            flagged=flagged,
            direction=None if not flagged or mean is None else ("high" if mean > 0 else "low"),
        ))
    return result
