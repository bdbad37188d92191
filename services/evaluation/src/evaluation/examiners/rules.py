"""Conflict-of-interest and qualification rules for examiners, as plain functions."""

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

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
    "中国路桥工程 有限公司" both give "中国路桥工程". Abbreviations, former names and
    English names listed in the maintained alias table (organisation_aliases.json:
    "中国交建", "CCCC" for 中国交通建设股份有限公司) give the key of the full name; anything
    the table misses is left to the examiner's own declaration.
    """
    key = _suffix_free_key(name)
    return _aliases().get(key, key)


@cache
def _aliases() -> Mapping[str, str]:
    """Key of every alias → key of its organisation's full name."""
    table = json.loads(files("evaluation.examiners").joinpath("organisation_aliases.json")
                       .read_text(encoding="utf-8"))
    index: dict[str, str] = {}
    for organisation in table["organisations"]:
        canonical = _suffix_free_key(organisation["name"])
        for alias in organisation["aliases"]:
            index[_suffix_free_key(alias)] = canonical
    return index


def _suffix_free_key(name: str) -> str:
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


@dataclass(frozen=True)
class Employment:
    """An examiner's employer and when that employment ended (None: still there, or not
    known, which counts as still there)."""

    employer: str
    ended_on: date | None = None


def still_binding(employment: Employment, *, today: date, cooling_off_years: int) -> bool:
    """Whether an examiner's employment can still colour their judgement.

    The rule (the platform's default reading; the CSE documents give no number): an
    examiner may not assess someone from an organisation they work for, or left less than
    `cooling_off_years` before today (the society's policy, 3 by default). Three years is
    the longer of the cooling-off periods China's Civil Servant Law sets after leaving
    office (公务员法 第一百零七条: 离职三年内 / 两年内): long enough for working ties and
    loyalties to fade, short enough that a career of moves does not exclude every examiner.
    An employment that ended twenty years ago is not a conflict; last year's is. The
    applicant's employment dates are not carried to evaluation, so every employer of the
    applicant counts, past or present.
    """
    if employment.ended_on is None:
        return True
    try:
        horizon = today.replace(year=today.year - cooling_off_years)
    except ValueError:  # 29 February
        horizon = today.replace(year=today.year - cooling_off_years, day=28)
    return employment.ended_on > horizon


def conflict_reasons(
    *,
    examiner_subject: str,
    examiner_employments: Iterable[Employment],
    applicant_id: str,
    applicant_employers: Iterable[str],
    recommending_enterprise: str | None,
    today: date,
    cooling_off_years: int = 3,
) -> list[str]:
    """Why an examiner may not assess an applicant; empty when there is no known conflict.

    Refused: the applicant themself; an examiner who works for, or left less than
    `cooling_off_years` ago, any employer of the applicant (current or past) or the
    recommending enterprise — organisations compared through `same_organisation`.
    """
    reasons: list[str] = []
    if examiner_subject == applicant_id:
        reasons.append("考官即申请人本人 / The examiner is the applicant.")
    # Current employments first, then the most recently ended: the strongest tie is named.
    binding = sorted(
        (e for e in examiner_employments if e.employer.strip()
         and still_binding(e, today=today, cooling_off_years=cooling_off_years)),
        key=lambda e: (e.ended_on is not None, -(e.ended_on or today).toordinal()),
    )

    def tie(organisation: str) -> Employment | None:
        return next((e for e in binding if same_organisation(organisation, e.employer)), None)

    def sentence(found: Employment, zh: str, en: str, organisation: str) -> str:
        if found.ended_on is None:
            return (f"考官现任职于{zh}「{organisation}」 / The examiner works for {en} "
                    f"{organisation}.")
        day = found.ended_on
        return (f"考官曾任职于{zh}「{organisation}」，{day.year}年{day.month}月{day.day}日离职，"
                f"未满 {cooling_off_years} 年 / The examiner worked for {en} {organisation} "
                f"until {day}, less than {cooling_off_years} years ago.")

    for employer in dict.fromkeys(e for e in applicant_employers if e.strip()):
        if (found := tie(employer)) is not None:
            reasons.append(sentence(found, "申请人的工作单位", "the applicant's employer",
                                    employer))
    if recommending_enterprise and (found := tie(recommending_enterprise)) is not None:
        reasons.append(sentence(found, "推荐单位", "the recommending enterprise",
                                recommending_enterprise))
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
