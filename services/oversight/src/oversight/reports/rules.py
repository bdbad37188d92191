"""Pilot report rules, as plain functions: periods, targets, progress, when reports are due."""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

PERIOD_KINDS = ("month", "half_year", "year")
TOTAL_UNIT = "all"
GBA_UNIT = "gba"
GBA_NAME = ("粤港澳大湾区工程师资格互认试点（广东）", "Greater Bay Area regional pilot (Guangdong)")

METRIC_NAMES: dict[str, tuple[str, str]] = {
    "registered_members": ("注册工程会员", "registered engineering members"),
    "trained_examiners": ("培训考官", "trained examiners"),
    "quality_cpd_courses": ("优质继续教育课程", "quality CPD courses"),
    "bilateral_recognitions": ("双边互认", "bilateral recognitions"),
    "gba_access_professionals": ("港澳准入类专业人士执业落地", "HK/Macau professionals practising "
                                 "in access fields"),
    "gba_non_access_recognitions": ("非准入类专业技术人员互认", "non-access mutual "
                                    "recognitions"),
}


@dataclass(frozen=True)
class Target:
    new: int | None
    cumulative: int | None
    # ">" where the documents say "more than" (> 30 recognitions), else ">=".
    comparison: str = ">="


# Seed 000 (2023) for the whole pilot, seed 002 for the Greater Bay Area: the defaults until
# the secretariat enters a year's own targets.
DEFAULT_YEAR = 2023
DEFAULT_TARGETS: dict[tuple[str, str], Target] = {
    (TOTAL_UNIT, "registered_members"): Target(1500, 2500),
    (TOTAL_UNIT, "trained_examiners"): Target(100, 300),
    (TOTAL_UNIT, "quality_cpd_courses"): Target(100, 500),
    (TOTAL_UNIT, "bilateral_recognitions"): Target(30, None, ">"),
    (GBA_UNIT, "gba_access_professionals"): Target(None, 100),
    (GBA_UNIT, "gba_non_access_recognitions"): Target(200, None),
    # The GBA is the only regional pilot with these figures: its targets are the total's.
    (TOTAL_UNIT, "gba_access_professionals"): Target(None, 100),
    (TOTAL_UNIT, "gba_non_access_recognitions"): Target(200, None),
}


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date
    label: str

    @property
    def year_start(self) -> date:
        return date(self.start.year, 1, 1)


_PATTERNS = {
    "month": re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"),
    "half_year": re.compile(r"^(\d{4})-H([12])$"),
    "year": re.compile(r"^(\d{4})$"),
}


def kind_of(text: str) -> str | None:
    """The kind a period is written in: `2026-11` a month, `2026-H2` a half year, `2026` a year."""
    return next((kind for kind, pattern in _PATTERNS.items() if pattern.match(text)), None)


def parse_period(kind: str, text: str) -> Period | None:
    """`2026-11` (month), `2026-H2` (half year), `2026` (year); None when malformed."""
    pattern = _PATTERNS.get(kind)
    match = pattern.match(text) if pattern else None
    if match is None:
        return None
    year = int(match.group(1))
    if year < 1:  # no year 0 in the calendar
        return None
    if kind == "month":
        month = int(match.group(2))
        return month_period(year, month)
    if kind == "half_year":
        return half_year_period(year, int(match.group(2)))
    return Period("year", date(year, 1, 1), date(year, 12, 31), f"{year}年")


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period("month", date(year, month, 1), date(year, month, last), f"{year}年{month}月")


def half_year_period(year: int, half: int) -> Period:
    if half == 1:
        return Period("half_year", date(year, 1, 1), date(year, 6, 30), f"{year}年上半年")
    return Period("half_year", date(year, 7, 1), date(year, 12, 31), f"{year}年下半年")


def period_code(period: Period) -> str:
    if period.kind == "month":
        return f"{period.start:%Y-%m}"
    if period.kind == "half_year":
        return f"{period.start.year}-H{1 if period.start.month == 1 else 2}"
    return str(period.start.year)


def progress(achieved: int, target: int | None) -> float | None:
    if not target:
        return None
    return float((Decimal(achieved) / Decimal(target)).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP))


def met(achieved: int, target: int | None, comparison: str) -> bool | None:
    if target is None:
        return None
    return achieved > target if comparison == ">" else achieved >= target


def target_for(targets: dict[tuple[int, str, str], Target], year: int, unit: str, metric: str
               ) -> Target | None:
    """The year's own target, else the latest earlier year's, else the documents' default."""
    years = sorted((y for (y, u, m) in targets if u == unit and m == metric and y <= year),
                   reverse=True)
    if years:
        return targets[(years[0], unit, metric)]
    return DEFAULT_TARGETS.get((unit, metric))


def reports_due(today: date) -> list[Period]:
    """What must be ready on `today`: the month's report from the 28th [000; 002: 每月28日],
    the half year's on 30 June and 31 December [002]. The previous month and half year are
    listed too, so a worker that was down on the day still makes them (making one is
    idempotent)."""
    previous = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    due = [month_period(*previous)]
    if today.day >= 28:
        due.append(month_period(today.year, today.month))
    if (today.month, today.day) >= (6, 30):
        due.append(half_year_period(today.year, 1))
    else:
        due.append(half_year_period(today.year - 1, 2))
    if (today.month, today.day) == (12, 31):
        due.append(half_year_period(today.year, 2))
    return due


def ready_by(period: Period) -> date:
    """The day a report is due: the 28th for a month, the period's last day for a half year."""
    if period.kind == "month":
        return period.start.replace(day=28)
    return period.end
