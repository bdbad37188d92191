"""Materials review rules as plain functions: completeness of a record, outcome of a round."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from evaluation.interviews.rules import COMPETENCIES, COMPETENCY_NAMES

Recommendation = Literal["pass", "supplement", "fail"]
RoundOutcome = Literal["passed", "failed", "supplement_requested"]


def review_problems(
    *,
    competencies: Mapping[str, Any],
    recommendation: str | None,
    follow_up_needed: bool | None,
    follow_up_points: str | None,
    supplement_requests: str | None,
    supplement_allowed: bool = True,
) -> list[str]:
    """What is missing before a review record can be submitted (and locked). Once a
    supplement deadline has lapsed the round must conclude: no second request."""
    problems = []
    for name in COMPETENCIES:
        entry = competencies.get(name) or {}
        zh, en = COMPETENCY_NAMES[name].split(" / ")
        if entry.get("achieved") is None:
            problems.append(f"未评价「{zh}」 / Not assessed: {en}.")
        elif entry.get("achieved") is False and not (entry.get("comment") or "").strip():
            problems.append(
                f"「{zh}」评为未达成时须说明理由 / A 'not achieved' needs a comment: {en}."
            )
    if recommendation is None:
        problems.append("未给出审查建议 / No recommendation given.")
    if recommendation == "supplement" and not supplement_allowed:
        problems.append(
            "补充材料期限已过，请根据现有材料建议通过或不通过 / The supplement deadline has "
            "passed: recommend a pass or a fail on the material you have."
        )
    if recommendation == "supplement" and not (supplement_requests or "").strip():
        problems.append(
            "要求补充材料时须写明补充内容 / Say which supplementary material is needed."
        )
    if follow_up_needed is None:
        problems.append(
            "须说明是否需要后续考核 / Say whether a follow-up assessment is needed."
        )
    elif follow_up_needed and not (follow_up_points or "").strip():
        problems.append(
            "需要后续考核时须写明重点考查内容 / Name the points the follow-up must probe."
        )
    return problems


def round_outcome(recommendations: Sequence[str], panel_size: int) -> RoundOutcome | None:
    """The outcome of a round from its submitted recommendations, None while incomplete.

    Any request for supplementary material closes the round at once; otherwise the round
    waits for every cleared examiner, and passes only if every one recommends passing.
    """
    if "supplement" in recommendations:
        return "supplement_requested"
    if len(recommendations) < panel_size or panel_size == 0:
        return None
    return "passed" if all(r == "pass" for r in recommendations) else "failed"
