"""Conflict-of-interest and qualification rules for examiners, as plain functions."""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from cse_contracts.reference import load_fields

from evaluation.interviews.rules import LEVEL_NAMES

# Chinese legal-form and group suffixes that do not tell two organisations apart, longest
# first so "股份有限公司" is stripped whole and not as "有限公司" leaving "股份".
_SUFFIXES_ZH = (
    "集团股份有限公司",
    "集团有限责任公司",
    "集团有限公司",
    "股份有限公司",
    "有限责任公司",
    "集团公司",
    "有限公司",
    "总公司",
    "集团",
    "公司",
)
# Latin suffixes only as whole trailing words ("Zinc Co." loses "Co.", "Zinc" keeps "inc").
_SUFFIX_EN = re.compile(
    r"(?:^|[\s,.])(?:co\.?,?\s*ltd|co|ltd|limited|inc|corp|corporation|company|group|plc)"
    r"[\s,.]*$"
)
# Anything that is not a letter or digit of any script: spaces, ASCII and full-width
# punctuation (（）【】、，。·), dashes.
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_organisation(name: str) -> str:
    """A comparison key for an organisation name.

    NFKC folds full-width forms to half-width (（ → (, Ａ → a), case is folded, every
    space and punctuation mark is dropped, then legal-form suffixes (有限公司, 股份有限公司,
    集团, Co., Ltd. …) are stripped repeatedly. "中国路桥工程有限责任公司" and
    "中国路桥工程 有限公司" both give "中国路桥工程". Abbreviations ("中国交建" for
    "中国交通建设") are not recognised: the examiner's own declaration covers those.
    """
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    while (match := _SUFFIX_EN.search(text)) and match.start() > 0:
        text = text[: match.start()]
    key = _NOT_WORD.sub("", text)
    stripped = True
    while stripped:
        stripped = False
        for suffix in _SUFFIXES_ZH:
            if key.endswith(suffix) and len(key) > len(suffix):
                key = key[: -len(suffix)]
                stripped = True
                break
    return key


def same_organisation(a: str, b: str) -> bool:
    key = normalise_organisation(a)
    return bool(key) and key == normalise_organisation(b)


def conflict_reasons(
    *,
    examiner_subject: str,
    examiner_employers: Iterable[str],
    applicant_id: str,
    applicant_employers: Iterable[str],
    recommending_enterprise: str | None,
) -> list[str]:
    """Why an examiner may not assess an applicant; empty when there is no known conflict.

    Refused: the applicant themself; an examiner who works or worked for any employer of
    the applicant (current or past) or for the recommending enterprise.
    """
    reasons: list[str] = []
    if examiner_subject == applicant_id:
        reasons.append("考官即申请人本人 / The examiner is the applicant.")
    mine = [e for e in examiner_employers if e.strip()]
    for employer in dict.fromkeys(e for e in applicant_employers if e.strip()):
        if any(same_organisation(employer, own) for own in mine):
            reasons.append(
                f"考官现在或曾经任职于申请人的工作单位「{employer}」 / The examiner works or "
                f"worked for the applicant's employer {employer}."
            )
    if recommending_enterprise and any(
        same_organisation(recommending_enterprise, own) for own in mine
    ):
        reasons.append(
            f"考官现在或曾经任职于推荐单位「{recommending_enterprise}」 / The examiner works or "
            f"worked for the recommending enterprise {recommending_enterprise}."
        )
    return reasons


@dataclass(frozen=True)
class Qualification:
    """What an examiner may assess."""

    fields: Sequence[str]
    specialties: Sequence[str]
    levels: Sequence[str]
    active: bool
    trained: bool


def qualification_problems(
    examiner: Qualification, *, field_code: str, specialty_code: str | None, level: str
) -> list[str]:
    """Why an examiner may not sit on a case's panel; empty when qualified.

    An examiner with no specialties listed may assess every specialty of their fields.
    """
    problems: list[str] = []
    if not examiner.active:
        problems.append("考官已停用 / The examiner is inactive.")
    if not examiner.trained:
        problems.append("考官没有培训记录 / The examiner has no training record.")
    if field_code not in examiner.fields:
        zh, en = field_names(field_code)
        problems.append(
            f"考官无权评价{zh}领域 / The examiner is not qualified for the field {en}."
        )
    elif specialty_code and examiner.specialties and specialty_code not in examiner.specialties:
        zh, en = specialty_names(specialty_code)
        problems.append(
            f"考官无权评价专业类别「{zh}」 / The examiner is not qualified for the specialty "
            f"{en}."
        )
    if level not in examiner.levels:
        zh, en = LEVEL_NAMES.get(level, f"{level} / {level}").split(" / ")
        problems.append(
            f"考官无权评价{zh} / The examiner is not qualified for the {en} level."
        )
    return problems


@cache
def _names() -> dict[str, tuple[str, str]]:
    names: dict[str, tuple[str, str]] = {}
    for field in load_fields():
        names[field.code] = (field.name_zh, field.name_en)
        for specialty in field.specialties:
            names.setdefault(specialty.code, (specialty.name_zh, specialty.name_en))
    return names


def field_names(code: str) -> tuple[str, str]:
    """(Chinese, English) name of a field of the reference data; the code when unknown."""
    return _names().get(code, (code, code))


def specialty_names(code: str) -> tuple[str, str]:
    """(Chinese, English) name of a specialty of the reference data; the code when unknown."""
    return _names().get(code, (code, code))
