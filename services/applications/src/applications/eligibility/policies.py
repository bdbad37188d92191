"""Eligibility figures per level and each society's variants, as data [001 §1, 004 §3].

A society that publishes its own reading (e.g. the chemical society's title requirement)
gets an entry in SOCIETY_POLICIES; every other society uses DEFAULT_POLICY.
"""

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Level = Literal["apprentice", "professional", "senior"]
LEVEL_ORDER: dict[str, int] = {"apprentice": 1, "professional": 2, "senior": 3}
LEVEL_NAMES: dict[str, tuple[str, str]] = {
    "apprentice": ("见习工程会员", "apprentice engineer"),
    "professional": ("专业工程会员", "professional engineer"),
    "senior": ("资深工程会员", "senior professional engineer"),
}


def with_article(noun: str) -> str:
    """"a professional engineer", "an apprentice engineer": never "an professional"."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


@dataclass(frozen=True)
class LevelRequirement:
    """Years of relevant professional work, of which years of important engineering work."""

    years: float
    important_years: float


# Ranks of professional titles (职称): 2 = 中级 (intermediate), 3 = 副高级, 4 = 正高级.
TITLE_RANKS: MappingProxyType[str, int] = MappingProxyType({
    "技术员": 0, "助理工程师": 1, "助教": 1, "研究实习员": 1,
    "工程师": 2, "讲师": 2, "助理研究员": 2, "中级工程师": 2,
    "高级工程师": 3, "副教授": 3, "副研究员": 3, "副高级工程师": 3,
    "正高级工程师": 4, "教授级高级工程师": 4, "教授级高工": 4, "教授": 4, "研究员": 4,
})
RANK_NAMES: dict[int, tuple[str, str]] = {
    2: ("工程师、讲师、助理研究员等中级及以上职称", "engineer, lecturer, assistant researcher "
        "or an equivalent or higher title"),
    3: ("高级工程师等副高级及以上职称", "senior engineer or an equivalent or higher title"),
    4: ("教授级高级工程师、正高级工程师、教授、研究员等正高级职称",
        "professor-level senior engineer, full senior engineer, professor, research fellow "
        "or an equivalent title"),
}


@dataclass(frozen=True)
class SocietyPolicy:
    requirements: MappingProxyType[str, LevelRequirement]
    # Minimum title rank per level, where the society requires a title.
    required_title_rank: MappingProxyType[str, int] = field(
        default_factory=lambda: MappingProxyType({})
    )


GENERAL_REQUIREMENTS = MappingProxyType({
    # The notices set no figures for apprentices: the degree is their entry condition.
    "apprentice": LevelRequirement(years=0, important_years=0),
    "professional": LevelRequirement(years=5, important_years=2),
    "senior": LevelRequirement(years=10, important_years=5),
})

DEFAULT_POLICY = SocietyPolicy(requirements=GENERAL_REQUIREMENTS)

SOCIETY_POLICIES: MappingProxyType[str, SocietyPolicy] = MappingProxyType({
    # 中国化工学会 [004 三]: professional needs 工程师 or equivalent, senior a 正高级 title.
    "ciesc": SocietyPolicy(
        requirements=GENERAL_REQUIREMENTS,
        required_title_rank=MappingProxyType({"professional": 2, "senior": 4}),
    ),
})


def policy_for(society_code: str) -> SocietyPolicy:
    return SOCIETY_POLICIES.get(society_code, DEFAULT_POLICY)
