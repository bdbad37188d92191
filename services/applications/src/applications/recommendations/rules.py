"""The committee's pre-screening assessment (初筛) from the recommendation form alone.

Annex 3 carries no degree, dates or identity, so what the form cannot show is left to the
committee's judgement rather than guessed [001 §1, Annex 3].
"""

import re
import secrets
from dataclasses import dataclass

from applications.application.rules import count_characters
from applications.eligibility.policies import LEVEL_NAMES
from applications.eligibility.rules import RuleResult
from applications.recommendations.schemas import PRACTICE_MAX_CHARS

# Claim codes: no 0/O, 1/I/L, so they survive being read aloud or retyped; 12 symbols of 31
# are about 59 bits, far beyond guessing.
CLAIM_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CLAIM_CODES = len(CLAIM_ALPHABET) ** 12


def new_claim_code() -> str:
    """`K7QM-3XPA-9WTR`: what the enterprise hands to the engineer."""
    # One draw below 31**12, written in base 31: the same uniform code as twelve
    # secrets.choice calls at a twelfth of the cost (5,000 codes in a large workbook).
    number = secrets.randbelow(_CLAIM_CODES)
    digits = []
    for _ in range(12):
        number, digit = divmod(number, len(CLAIM_ALPHABET))
        digits.append(CLAIM_ALPHABET[digit])
    symbols = "".join(digits)
    return "-".join(symbols[i:i + 4] for i in range(0, 12, 4))


def normalise_claim_code(value: str) -> str:
    """As typed: any case, with or without dashes and spaces."""
    return re.sub(r"[\s\-]", "", value).upper()


MAINLAND = frozenset({"中国", "中国大陆", "国内", "CN", "China"})
CANDIDATE_STATUS_WORDS: dict[str, tuple[str, str]] = {
    "pending": ("待初筛", "awaiting pre-screening"),
    "linked": ("已并入同一工程师的另一推荐", "linked to another recommendation of the engineer"),
    "accepted": ("通过初筛", "accepted in pre-screening"),
    "rejected": ("未通过初筛", "rejected in pre-screening"),
}


def candidate_status_words(status: str) -> tuple[str, str]:
    return CANDIDATE_STATUS_WORDS.get(status, (status, status))


@dataclass(frozen=True)
class CandidateFacts:
    level: str
    field_known: bool
    field_has_society: bool
    practice: str
    section: str  # "deployed" | "planned"
    has_project: bool
    location: str
    other_statuses: tuple[str, ...] = ()


def assess_candidate(facts: CandidateFacts) -> list[RuleResult]:
    return [
        field_rule(facts),
        level_rule(facts.level),
        RuleResult("degree", "judgement",
                   "推荐表不含学历信息：本科及以上工程类或相关专业学历在申请时核验",
                   "The form has no education: the bachelor's degree in engineering or a related "
                   "subject is checked when the engineer applies."),
        RuleResult("experience", "judgement",
                   f"推荐表不含工作年限：{LEVEL_NAMES['professional'][0]}需 5 年（含 2 年重要工程"
                   f"工作），{LEVEL_NAMES['senior'][0]}需 10 年（含 5 年），请结合实践经历判断",
                   "The form gives no years: professional needs 5 (2 important), senior 10 "
                   "(5 important); judge from the practice described."),
        practice_rule(facts.practice),
        overseas_rule(facts),
        *other_recommendations_rule(facts.other_statuses),
    ]


def field_rule(facts: CandidateFacts) -> RuleResult:
    if not facts.field_known:
        return RuleResult("field", "failed", "所在领域不在评价范围内",
                          "The field is not one of the evaluated fields.")
    if not facts.field_has_society:
        return RuleResult("field", "judgement", "该领域暂无授权学会，需由委员会指定评价学会",
                          "No society is authorized for this field yet: the committee assigns "
                          "one.")
    return RuleResult("field", "passed", "所在领域有对应的授权学会",
                      "The field has an authorized society.")


def level_rule(level: str) -> RuleResult:
    if level in ("professional", "senior"):
        zh, en = LEVEL_NAMES[level]
        return RuleResult("level", "passed", f"拟申请{zh}", f"Seeks the {en} level.")
    return RuleResult("level", "failed", "企业推荐渠道仅限专业或资深工程会员",
                      "The enterprise channel is for professional or senior level only.")


def practice_rule(practice: str) -> RuleResult:
    length = count_characters(practice)
    if length == 0:
        return RuleResult("practice", "failed", "未填写主要工程实践经历",
                          "No main engineering practice given.")
    if length > PRACTICE_MAX_CHARS:
        return RuleResult("practice", "failed",
                          f"主要工程实践经历超过 {PRACTICE_MAX_CHARS} 字（{length} 字）",
                          f"The practice exceeds {PRACTICE_MAX_CHARS} characters ({length}).")
    return RuleResult("practice", "passed", f"主要工程实践经历 {length} 字",
                      f"Main engineering practice given ({length} characters).")


def overseas_rule(facts: CandidateFacts) -> RuleResult:
    """Overseas project experience, or planned abroad within 3 years [001 一(三)3]."""
    if facts.section == "planned":
        return RuleResult("overseas", "passed", "单位计划未来3年内派其赴境外参与工程项目",
                          "The enterprise plans to send the engineer abroad within 3 years.")
    if facts.has_project or facts.location.strip() not in MAINLAND:
        return RuleResult("overseas", "passed", "已外派参与境外工程项目",
                          "Already working on an overseas project.")
    return RuleResult("overseas", "judgement",
                      "列入已外派人员，但未注明境外项目且当前在国内，请核实境外项目经历",
                      "Listed as sent abroad but with no project and currently in China: "
                      "confirm the overseas experience.")


def other_recommendations_rule(statuses: tuple[str, ...]) -> list[RuleResult]:
    """The same engineer recommended more than once: the committee sees the other outcomes."""
    if not statuses:
        return []
    return [RuleResult(
        "other_recommendations", "judgement",
        f"该工程师另有 {len(statuses)} 条推荐记录（"
        + "、".join(candidate_status_words(s)[0] for s in statuses) + "）",
        f"This engineer has {len(statuses)} other recommendation(s) ("
        + ", ".join(candidate_status_words(s)[1] for s in statuses) + ").",
    )]
