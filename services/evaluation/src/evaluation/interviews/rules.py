"""Interview scoring: rubrics, aggregation of the examiners' scores and the pass rule."""

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Literal

Aggregation = Literal["mean", "median"]

# The five competencies in the order of DOMAIN.md §5 / seed 003 Q1.
COMPETENCIES = ("knowledge", "ethics", "teamwork", "development", "leadership")
COMPETENCY_NAMES = {
    "knowledge": "工程知识与专业能力 / engineering knowledge & professional ability",
    "ethics": "工程伦理与职业道德 / engineering ethics & professional conduct",
    "teamwork": "团队合作与交流能力 / teamwork & communication",
    "development": "持续发展与终身学习能力 / continuing development & lifelong learning",
    "leadership": "组织领导与项目管理能力 / leadership & project management",
}
LEVEL_NAMES = {
    "apprentice": "见习工程会员 / apprentice",
    "professional": "专业工程会员 / professional",
    "senior": "资深工程会员 / senior",
}


@dataclass(frozen=True)
class ScoringRubric:
    """Maximum per competency, minimum per competency (where one applies) and pass total."""

    maxima: Mapping[str, int]
    minima: Mapping[str, Decimal] = field(default_factory=dict)
    pass_total: Decimal = Decimal(60)


# Seed 003 Q17 pass marks; maxima are DOMAIN.md §6's default (21 and 18 are 60 % of the
# knowledge maximum). Apprentice has no documented rubric: the professional one stands in.
DEFAULT_RUBRICS: Mapping[str, ScoringRubric] = {
    "professional": ScoringRubric(
        maxima={"knowledge": 35, "ethics": 20, "teamwork": 15, "development": 15,
                "leadership": 15},
        minima={"knowledge": Decimal(21), "ethics": Decimal(12)},
    ),
    "senior": ScoringRubric(
        maxima={"knowledge": 30, "ethics": 20, "teamwork": 15, "development": 15,
                "leadership": 20},
        minima={"knowledge": Decimal(18), "ethics": Decimal(12)},
    ),
}


def default_rubric(level: str) -> ScoringRubric:
    return DEFAULT_RUBRICS.get(level, DEFAULT_RUBRICS["professional"])


def scores_above_maximum(scores: Mapping[str, Decimal], rubric: ScoringRubric) -> list[str]:
    """One message per competency scored above its maximum, Chinese then English."""
    messages = []
    for name in COMPETENCIES:
        if name in scores and scores[name] > rubric.maxima[name]:
            zh, en = COMPETENCY_NAMES[name].split(" / ")
            messages.append(
                f"{zh}得分 {shown(scores[name])} 分，超过满分 {rubric.maxima[name]} 分 / "
                f"{en.capitalize()}: {shown(scores[name])} is above the maximum of "
                f"{rubric.maxima[name]}."
            )
    return messages


def aggregate(
    sheets: Sequence[Mapping[str, Decimal]], method: Aggregation = "mean"
) -> dict[str, Decimal]:
    """The panel's score per competency: the mean (or median) of the examiners' scores.

    Exact decimals, not rounded: a mean of 20.95 must stay below a pass mark of 21.
    """
    if not sheets:
        raise ValueError("no score sheets to aggregate")
    result: dict[str, Decimal] = {}
    for name in COMPETENCIES:
        values = [Decimal(sheet[name]) for sheet in sheets]
        if method == "median":
            result[name] = Decimal(statistics.median(values))
        else:
            result[name] = sum(values, Decimal(0)) / len(values)
    return result


@dataclass(frozen=True)
class InterviewResult:
    passed: bool
    total: Decimal
    shortfalls: list[str]


def judge(scores: Mapping[str, Decimal], rubric: ScoringRubric, level: str) -> InterviewResult:
    """The pass rule: total ≥ pass total and each competency ≥ its minimum (seed 003 Q17).

    Shortfalls are worded for the applicant: what scored how much against what was needed.
    """
    total = sum((scores[name] for name in COMPETENCIES), Decimal(0))
    level_name = LEVEL_NAMES.get(level, level)
    shortfalls: list[str] = []
    if total < rubric.pass_total:
        shortfalls.append(
            f"面试总分 {shown(total)} 分，低于通过线 {shown(rubric.pass_total)} 分 / The interview "
            f"total was {shown(total)}, below the pass mark of {shown(rubric.pass_total)}."
        )
    for name in COMPETENCIES:
        minimum = rubric.minima.get(name)
        if minimum is not None and scores[name] < minimum:
            zh, en = COMPETENCY_NAMES[name].split(" / ")
            shortfalls.append(
                f"{zh}得分 {shown(scores[name])} 分，{level_name.split(' / ')[0]}要求不低于 "
                f"{shown(minimum)} 分 / {en.capitalize()} scored {shown(scores[name])}; the "
                f"{level_name.split(' / ')[-1]} level needs at least {shown(minimum)}."
            )
    return InterviewResult(passed=not shortfalls, total=total, shortfalls=shortfalls)


def shown(value: Decimal) -> str:
    """Two decimals at most, truncated so a fail never reads as the pass mark: 20.999 → 20.99."""
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_DOWN).normalize()
    return format(rounded, "f")
