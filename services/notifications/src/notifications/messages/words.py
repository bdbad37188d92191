"""Words a person reads in place of the codes events carry: one table, Chinese and English.

Plain data and functions, no I/O. A message never shows a bare enum value: "通过 / passed",
never "结果：passed".
"""

from datetime import date, datetime, timedelta
from typing import Literal

from cse_contracts.reference import load_fields, load_societies
from kit.clock import CHINA

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")

WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "decision": {
        "accepted": ("通过初筛", "accepted"),
        "rejected": ("未通过初筛", "not accepted"),
    },
    "outcome": {
        "passed": ("通过", "passed"),
        "failed": ("未通过", "not passed"),
    },
    "level": {
        "apprentice": ("见习工程会员", "Apprentice Engineering Member"),
        "professional": ("专业工程会员", "Professional Engineering Member"),
        "senior": ("资深工程会员", "Senior Engineering Member"),
    },
    "certificate_status": {
        "valid": ("有效", "valid"),
        "suspended": ("暂停", "suspended"),
        "cancelled": ("注销", "cancelled"),
        "revoked": ("撤销", "revoked"),
        "expired": ("过期", "expired"),
        "superseded": ("已被新证书取代", "superseded by a new certificate"),
    },
    "compliant": {
        "true": ("已达标", "met"),
        "false": ("未达标", "not met"),
    },
    "reminder": {
        "review_due": ("材料审查即将到期", "materials review due"),
        "score_due": ("面试评分即将到期", "interview scores due"),
        "supplement_due": ("补充材料即将截止", "supplementary material due"),
        "supplement_passed": ("补充材料已逾期", "supplementary material overdue"),
        "resubmission_due": ("重新提交即将截止", "resubmission due"),
        "case_at_risk": ("评价面临6个月期限", "case at risk of the 6-month limit"),
        "reregistration_open": ("再注册申请已开放", "re-registration open"),
        "reregistration_last_month": ("再注册申请剩最后一个月", "last month to re-register"),
        "cpd_behind_pace": ("继续职业发展学时进度落后", "CPD hours behind pace"),
        "cpd_year_shortfall": ("本年度继续职业发展学时不足", "CPD hours short this year"),
    },
    "complaint_kind": {
        "complaint": ("投诉", "complaint"),
        "suggestion": ("建议", "suggestion"),
    },
    "complaint_about": {
        "case": ("评价案件", "an evaluation case"),
        "certificate": ("证书", "a certificate"),
        "society": ("学会", "a society"),
        "general": ("综合事项", "a general matter"),
    },
    "objection_outcome": {
        "upheld": ("异议成立", "upheld"),
        "dismissed": ("异议不成立", "dismissed"),
    },
    "period_kind": {
        "month": ("月度", "monthly"),
        "half_year": ("半年度", "half-yearly"),
        "year": ("年度", "yearly"),
    },
    "review_recommendation": {
        "pass": ("建议通过", "recommends a pass"),
        "supplement": ("建议补充材料", "asks for supplementary material"),
        "fail": ("建议不通过", "recommends a fail"),
    },
    "referral_outcome": {
        "granted": ("已授予", "granted"),
        "refused": ("未授予", "refused"),
    },
    "webhook_status": {
        "active": ("启用", "active"),
        "paused": ("已暂停", "paused"),
        "disabled": ("已停用", "disabled"),
    },
}

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def word(category: str, value: object, language: Language) -> str:
    """The word for `value`; an unknown value is shown as it is rather than hiding it."""
    key = str(value).lower() if isinstance(value, bool) else str(value)
    pair = WORDS.get(category, {}).get(key)
    if pair is None:
        return key
    return pair[0] if language == "zh" else pair[1]


def format_date(value: date | datetime | str, language: Language) -> str:
    """A China date as a person writes it: 2026年12月15日 / 15 December 2026."""
    day = china_day(value)
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def format_moment(value: datetime | str, language: Language) -> str:
    """A deadline with its hour, in Beijing time."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    local = moment.astimezone(CHINA)
    if language == "zh":
        return f"{format_date(local, 'zh')} {local:%H:%M}（北京时间）"
    return f"{format_date(local, 'en')}, {local:%H:%M} Beijing time"


def last_day_of(moment: datetime | str) -> date:
    """The China day that a deadline at `moment` closes: a deadline at the end of 15 December
    (00:00 on the 16th in Beijing) is read as "by 15 December"."""
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return (value - timedelta(microseconds=1)).astimezone(CHINA).date()


def china_day(value: date | datetime | str) -> date:
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        return value.astimezone(CHINA).date() if value.tzinfo else value.date()
    return value


def society_name(code: object, language: Language) -> str:
    for society in load_societies():
        if society.code == code:
            return society.name_zh if language == "zh" else society.name_en
    return str(code)


def field_name(code: object, language: Language) -> str:
    for field in load_fields():
        if field.code == code:
            return field.name_zh if language == "zh" else field.name_en
    return str(code)
