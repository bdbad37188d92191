"""What the record sheet and the summary show, as plain data (rendered to PDF and Excel)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cpd.activities.rules import kind_label

STATUS_LABELS = {
    "recorded": "本人记录 / recorded",
    "verified": "机构核实 / verified by provider",
    "accepted": "学会认可 / accepted",
    "not_credited": "不予认定 / not credited",
}

RECORD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("序号", "No."), ("日期", "Dates"), ("类别", "Kind"), ("活动名称", "Activity"),
    ("主办 / 提供方", "Provider"), ("时长（分钟）", "Minutes"), ("认定学时", "Hours"),
    ("状态", "Status"), ("心得与收获", "Reflection"),
)


@dataclass(frozen=True)
class SheetRow:
    number: int
    dates: str
    kind: str
    title: str
    provider: str
    minutes: int | None
    hours: int
    status: str
    reflection: str

    def cells(self) -> list[str | int | None]:
        return [self.number, self.dates, self.kind, self.title, self.provider, self.minutes,
                self.hours, self.status, self.reflection]


@dataclass(frozen=True)
class SheetHeader:
    certificate_number: str
    member_name: str
    society: str
    valid_from: date
    valid_until: date
    range_from: date
    range_to: date
    generated_on: date


@dataclass(frozen=True)
class YearLine:
    year: int
    start: date
    end: date
    required: int
    credited: int
    deferred: int
    shortfall: int


def dates_text(starts_on: date, ends_on: date) -> str:
    return starts_on.isoformat() if starts_on == ends_on else f"{starts_on} – {ends_on}"


def sheet_row(index: int, *, kind: str, title: str, provider: str, starts_on: date,
              ends_on: date, minutes: int | None, hours: int, status: str,
              reflection: str) -> SheetRow:
    return SheetRow(index, dates_text(starts_on, ends_on), kind_label(kind), title, provider,
                    minutes, hours, STATUS_LABELS.get(status, status), reflection)


def years_in_range(lines: Sequence[YearLine], start: date, end: date) -> list[YearLine]:
    """The years of validity that overlap the requested range."""
    return [line for line in lines if line.start <= end and line.end >= start]
