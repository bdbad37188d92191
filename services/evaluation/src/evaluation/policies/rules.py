"""The CSE's floors on a society's evaluation policy, as plain functions (DOMAIN.md §13).

A society may be stricter than the CSE, never looser: each function returns one
`FloorBreach` per setting that would loosen a CSE rule, quoting the rule in Chinese and in
English, and nothing when the values are allowed.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

# 001 Annex 2 §3: "总体评价周期不超过6个月".
MAX_CYCLE_MONTHS = 6
# 004 §4(三): passed applicants are put on public notice before registration; the platform
# reads "a notice" as at least one working day (DOMAIN.md §13), 5 by default.
MIN_NOTICE_WORKING_DAYS = 1
# 003 Q17: total ≥ 60; knowledge ≥ 21 (professional) / ≥ 18 (senior); ethics ≥ 12 for both.
# The apprentice level has no documented rubric; its default is the professional one, so
# are its floors.
MIN_PASS_TOTAL = Decimal(60)
MIN_SCORES: Mapping[str, Mapping[str, Decimal]] = {
    "professional": {"knowledge": Decimal(21), "ethics": Decimal(12)},
    "senior": {"knowledge": Decimal(18), "ethics": Decimal(12)},
    "apprentice": {"knowledge": Decimal(21), "ethics": Decimal(12)},
}

RULE_CYCLE = (
    "联合体规定总体评价周期不超过6个月（《关于开展2025年企业推荐工程能力评价工作的通知》附件2）",
    "the CSE limits the whole evaluation cycle to 6 months (001, Annex 2 §3)",
)
RULE_NOTICE = (
    "联合体规定评审通过人员须经公示后方可注册备案，公示期不少于1个工作日（004 第四条（三））",
    "the CSE requires a public notice of at least 1 working day before registration "
    "(004 §4(三))",
)
RULE_Q17 = (
    "联合体规定面试总分不低于60分，工程知识与专业能力专业工程会员不低于21分、资深工程会员不低于"
    "18分，工程伦理与职业道德均不低于12分（常见问题 Q17）",
    "the CSE requires an interview total of at least 60, engineering knowledge at least 21 "
    "(professional) or 18 (senior), and ethics at least 12 (003 Q17)",
)
COMPETENCY_ZH = {"knowledge": "工程知识与专业能力", "ethics": "工程伦理与职业道德"}


@dataclass(frozen=True)
class FloorBreach:
    """One setting looser than a CSE rule."""

    setting: str
    value: str
    floor: str
    rule_zh: str
    rule_en: str

    def as_item(self) -> dict[str, str]:
        """The breach as one itemised error (kit's ProblemErrorItem): the setting as `field`,
        its value, the floor and the rule said in Chinese and in English."""
        shown_zh = f"设为 {self.value}" if self.value else "未设置"
        shown_en = f"= {self.value}" if self.value else "is not set"
        return {
            "code": "looser_than_cse",
            "field": self.setting,
            "message_zh": f"{self.setting} {shown_zh}，须为 {self.floor}：{self.rule_zh}",
            "message_en": f"{self.setting} {shown_en}, must be {self.floor}: {self.rule_en}.",
        }


def _shown(value: Decimal | int | None) -> str:
    """A number as people write it; "" for a minimum that is not set."""
    return "" if value is None else format(Decimal(value).normalize(), "f")


def policy_breaches(*, cycle_months: int, notice_working_days: int) -> list[FloorBreach]:
    """The settings of a society policy that would loosen a CSE rule."""
    breaches: list[FloorBreach] = []
    if cycle_months > MAX_CYCLE_MONTHS:
        breaches.append(FloorBreach("cycle_months", str(cycle_months), f"≤ {MAX_CYCLE_MONTHS}",
                                    *RULE_CYCLE))
    if notice_working_days < MIN_NOTICE_WORKING_DAYS:
        breaches.append(FloorBreach("notice_working_days", str(notice_working_days),
                                    f"≥ {MIN_NOTICE_WORKING_DAYS}", *RULE_NOTICE))
    return breaches


def rubric_breaches(level: str, *, minima: Mapping[str, Decimal], pass_total: Decimal
                    ) -> list[FloorBreach]:
    """The parts of an interview rubric looser than 003 Q17: a lower pass total, or a
    minimum score that is lower or missing."""
    breaches: list[FloorBreach] = []
    if pass_total < MIN_PASS_TOTAL:
        breaches.append(FloorBreach("pass_total", _shown(pass_total), f"≥ {_shown(MIN_PASS_TOTAL)}",
                                    *RULE_Q17))
    for name, floor in MIN_SCORES.get(level, MIN_SCORES["professional"]).items():
        value = minima.get(name)
        if value is None or value < floor:
            breaches.append(FloorBreach(f"minima.{name}", _shown(value), f"≥ {_shown(floor)}",
                                        *RULE_Q17))
    return breaches


def breach_message(breaches: list[FloorBreach]) -> str:
    """One sentence per breach, the Chinese part first, for the problem's detail."""
    zh = "；".join(f"{b.setting} {'设为 ' + b.value if b.value else '未设置'}，须为 {b.floor}："
                  f"{b.rule_zh}" for b in breaches)
    en = " ".join(f"{b.setting} {'= ' + b.value if b.value else 'is not set'}, must be "
                  f"{b.floor}: {b.rule_en}." for b in breaches)
    return f"学会只能比联合体规定更严格，不能放宽。{zh}。 / A society may only be stricter than " \
           f"the CSE, never looser. {en}"
