"""Plain rules of the application itself: the self-statement and the resubmission deadline."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache

import holidays
from holidays import HolidayBase

# China has one time zone and no daylight saving: a fixed offset needs no tz database.
CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

COMPETENCIES: dict[str, tuple[str, str]] = {
    "knowledge": ("工程知识与专业能力", "engineering knowledge and professional ability"),
    "ethics": ("工程伦理与职业道德", "engineering ethics and professional conduct"),
    "teamwork": ("团队合作与交流能力", "teamwork and communication"),
    "development": ("持续发展与终身学习能力", "continuing development and lifelong learning"),
    "leadership": ("组织领导与项目管理能力", "leadership and project management"),
}
STATEMENT_MIN_CHARS = 2000
STATEMENT_MAX_CHARS = 4000
# Share of counted characters that must be Chinese characters for the statement to count as
# written in Chinese [003 Q18]. Half leaves room for figures, units, English terms and
# punctuation; an English text with a Chinese heading stays far below it.
CHINESE_SHARE_MIN = 0.5


def count_characters(text: str) -> int:
    """Characters as a person counts Chinese text (字数): every visible character is one,
    whatever its script (汉字, letters, digits, punctuation); whitespace is not counted."""
    return sum(1 for ch in text if not ch.isspace())


def is_chinese_character(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF  # CJK Unified Ideographs
        or 0x3400 <= code <= 0x4DBF  # Extension A
        or 0x20000 <= code <= 0x2EBEF  # Extensions B–F
        or 0xF900 <= code <= 0xFAFF  # Compatibility Ideographs
        or 0x30000 <= code <= 0x3134F  # Extension G
    )


def chinese_share(text: str) -> float:
    counted = [ch for ch in text if not ch.isspace()]
    if not counted:
        return 0.0
    return sum(1 for ch in counted if is_chinese_character(ch)) / len(counted)


@dataclass(frozen=True)
class StatementPart:
    text: str
    competencies: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One unmet requirement, bilingual so the applicant can act on it."""

    code: str
    message_zh: str
    message_en: str


def check_statement(parts: Sequence[StatementPart]) -> list[Finding]:
    """The self-statement (工作情况自述): 2000–4000 characters, in Chinese, and every one of
    the five competencies evidenced by at least one part [003 Q9–10, Q18]."""
    findings: list[Finding] = []
    text = "".join(part.text for part in parts)
    length = count_characters(text)
    if length < STATEMENT_MIN_CHARS or length > STATEMENT_MAX_CHARS:
        findings.append(Finding(
            "statement_length",
            f"工作情况自述应为 {STATEMENT_MIN_CHARS}–{STATEMENT_MAX_CHARS} 字，当前 {length} 字",
            f"The self-statement must be {STATEMENT_MIN_CHARS}–{STATEMENT_MAX_CHARS} characters; "
            f"it has {length}.",
        ))
    if length and chinese_share(text) < CHINESE_SHARE_MIN:
        findings.append(Finding(
            "statement_language",
            "工作情况自述须以中文填写",
            "The self-statement must be written in Chinese.",
        ))
    covered = {code for part in parts for code in part.competencies}
    missing = [code for code in COMPETENCIES if code not in covered]
    if missing:
        findings.append(Finding(
            "statement_competencies",
            "以下素质能力尚无对应的自述内容：" + "、".join(COMPETENCIES[c][0] for c in missing),
            "No part of the statement evidences: "
            + ", ".join(COMPETENCIES[c][1] for c in missing) + ".",
        ))
    return findings


@cache
def _china_holidays(year: int) -> HolidayBase:
    # Statutory holidays and the make-up working days (调休) of the State Council's calendar.
    calendar: HolidayBase = holidays.country_holidays("CN", years=range(year, year + 2))
    return calendar


def add_working_days(start: date, working_days: int) -> date:
    """The `working_days`-th Chinese working day after `start` (weekends and statutory
    holidays skipped, make-up working days counted)."""
    return _china_holidays(start.year).get_nth_working_day(start, working_days)


def resubmission_deadline(returned_at: datetime, working_days: int = 10) -> date:
    """Last day (China time) to resubmit an application returned at `returned_at` [003 Q19]:
    the day of return does not count, the deadline day does."""
    return add_working_days(china_date(returned_at), working_days)


def china_date(moment: datetime) -> date:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(CHINA_TZ).date()


def has_lapsed(resubmit_by: date, now: datetime) -> bool:
    """Lapsed once the whole deadline day has passed in China."""
    return china_date(now) > resubmit_by


# Every status an application can be in, in words (no enum value inside a sentence).
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "draft": ("草稿", "draft"),
    "submitted": ("已提交，待学会初审", "submitted, awaiting the society's formal check"),
    "returned": ("已退回修改", "returned for correction"),
    "lapsed": ("逾期未重新提交，已失效", "lapsed (not resubmitted in time)"),
    "accepted": ("已受理", "accepted"),
    "under_evaluation": ("评价中", "under evaluation"),
    "supplement_requested": ("待补充材料", "supplementary material requested"),
    "passed": ("评价通过", "passed"),
    "on_public_notice": ("评价通过，公示中", "passed, on public notice"),
    "failed": ("评价未通过", "failed"),
    "approved": ("公示期满，待注册", "approved, awaiting registration"),
    "registered": ("已注册", "registered"),
    "registration_refused": ("注册未获批准", "registration refused"),
    "withdrawn": ("已撤销（申请人被终身取消申请资格）",
                  "withdrawn (the applicant was barred for life)"),
}

# How far an application has come once accepted: evaluation's and registry's events arrive on
# two queues and may be retried, so a late event never moves an application backwards.
PROGRESS: dict[str, int] = {
    "accepted": 1,
    "under_evaluation": 2,
    "supplement_requested": 3,
    "passed": 4,
    "failed": 4,
    "on_public_notice": 5,
    "approved": 6,
    "registered": 7,
    "registration_refused": 7,
    "withdrawn": 8,
}
IN_EVALUATION = frozenset({"accepted", "under_evaluation", "supplement_requested"})


def status_words(status: str) -> tuple[str, str]:
    return STATUS_LABELS.get(status, (status, status))


def moves_forward(current: str, new: str) -> bool:
    """Whether an outcome event may set `new`: only on an accepted application, only forward,
    and a decision (passed or failed) is never replaced by the other."""
    if current not in PROGRESS or new not in PROGRESS:
        return False
    if current in ("failed", "withdrawn", "registered", "registration_refused"):
        return False
    if new == "failed":
        return current in IN_EVALUATION
    if new == "withdrawn":
        # A ban closes any case not yet approved [003 Q14].
        return current not in ("approved", "registered")
    return PROGRESS[new] > PROGRESS[current]


def current_employer(work_history: Sequence[Mapping[str, object]]) -> str | None:
    """The employer of the ongoing period (the latest started), else of the latest one."""
    if not work_history:
        return None
    ongoing = [w for w in work_history if not w.get("end")]
    pool = ongoing or list(work_history)
    key = "start" if ongoing else "end"
    latest = max(pool, key=lambda w: str(w.get(key) or ""))
    return str(latest["employer"]) if latest.get("employer") else None


def resubmission_reminder_due(today: date, resubmit_by: date, working_days: int) -> bool:
    """Remind once `working_days` Chinese working days or fewer are left to resubmit, and not
    after the deadline day."""
    return today <= resubmit_by <= add_working_days(today, working_days)
