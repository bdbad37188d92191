"""The record sheet (持续职业发展活动记录表) and the development summary (职业发展总结) for
any date range, examined at re-registration [003 Q26]."""

from dataclasses import dataclass
from datetime import date
from typing import Literal

from cse_contracts.reference import load_societies
from kit import clock
from kit.auth import Principal
from kit.errors import Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.activities import repository as activities
from cpd.activities.rules import activity_hours
from cpd.compliance import service as compliance
from cpd.documents.rules import SheetHeader, SheetRow, YearLine, sheet_row, years_in_range
from cpd.ledgers import service as ledgers
from cpd.ledgers.rules import year_of
from cpd.models import CpdLedger
from cpd.problems import item

Format = Literal["pdf", "xlsx"]
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class InvalidRange(Unprocessable):
    type_slug = "cpd-invalid-range"


@dataclass(frozen=True)
class Document:
    data: bytes
    media_type: str
    filename: str


def _society(code: str) -> str:
    for society in load_societies():
        if society.code == code:
            return f"{society.name_zh} {society.name_en}"
    return code


def _range(ledger: CpdLedger, start: date | None, end: date | None) -> tuple[date, date]:
    start, end = start or ledger.valid_from, end or ledger.valid_until
    if start > end:
        raise InvalidRange("起始日期晚于结束日期 / The range starts after it ends.", errors=[
            item(["query", "from"], "range_reversed", "起始日期晚于结束日期",
                 "The range starts after it ends (`from` is after `to`).")])
    return start, end


async def _facts(session: AsyncSession, ledger: CpdLedger, start: date, end: date
                 ) -> tuple[SheetHeader, list[YearLine], compliance.LedgerCompliance]:
    state = await compliance.compute(session, ledger)
    lines = [YearLine(y.year.index, y.year.start, y.year.end, y.required, y.credited,
                      y.deferred, y.shortfall) for y in state.result.years]
    header = SheetHeader(ledger.certificate_number, ledger.member_name,
                         _society(ledger.society_code),
                         ledger.valid_from, ledger.valid_until, start, end, clock.today())
    return header, years_in_range(lines, start, end), state


async def record_sheet(session: AsyncSession, principal: Principal, number: str,
                       start: date | None, end: date | None, fmt: Format) -> Document:
    ledger = await ledgers.get_ledger(session, principal, number)
    start, end = _range(ledger, start, end)
    header, lines, state = await _facts(session, ledger, start, end)
    rows: list[SheetRow] = []
    for activity in await activities.of_ledger(session, ledger.id, ended_from=start,
                                               ended_to=end):
        year = year_of(state.years, activity.ends_on)
        terms = state.book.terms_for_year(year) if year else None
        hours = activity_hours(activity.kind, activity.minutes, activity.status,
                               terms.fixed_credits, terms.minutes_per_hour) if terms else 0
        rows.append(sheet_row(len(rows) + 1, kind=activity.kind, title=activity.title,
                              provider=activity.provider, starts_on=activity.starts_on,
                              ends_on=activity.ends_on, minutes=activity.minutes, hours=hours,
                              status=activity.status, reflection=activity.reflection))
    # reportlab and openpyxl are imported by the first document asked for, not at start.
    if fmt == "pdf":
        from cpd.documents.pdf import record_sheet as render
    else:
        from cpd.documents.excel import record_sheet as render
    return Document(render(header, rows, lines), MEDIA_TYPES[fmt],
                    f"持续职业发展活动记录表-{ledger.certificate_number}-{start}-{end}.{fmt}")


async def summary(session: AsyncSession, principal: Principal, number: str,
                  start: date | None, end: date | None, fmt: Format) -> Document:
    ledger = await ledgers.get_ledger(session, principal, number)
    start, end = _range(ledger, start, end)
    header, lines, _ = await _facts(session, ledger, start, end)
    if fmt == "pdf":
        from cpd.documents.pdf import summary as render
    else:
        from cpd.documents.excel import summary as render
    return Document(render(header, ledger.summary, lines), MEDIA_TYPES[fmt],
                    f"职业发展总结-{ledger.certificate_number}-{start}-{end}.{fmt}")
