"""Workbooks of the record sheet and the development summary: every text cell through
`put_cell`, so nothing a member typed can become a formula."""

import io
from collections.abc import Sequence
from typing import Any

from kit.documents import put_cell
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from cpd.documents.rules import RECORD_COLUMNS, SheetHeader, SheetRow, YearLine

HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
HEAD_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")


def _row(sheet: Worksheet, row: int, values: Sequence[Any], *, heading: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        put_cell(cell, value)
        cell.alignment = WRAP
        if heading:
            cell.fill, cell.font = HEAD_FILL, HEAD_FONT


def _header(sheet: Worksheet, title: str, header: SheetHeader) -> int:
    put_cell(sheet.cell(row=1, column=1), title)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    facts = [("姓名 Name", header.member_name or "—"),
             ("证书编号 Certificate", header.certificate_number),
             ("学会 Society", header.society),
             ("有效期 Validity", f"{header.valid_from} – {header.valid_until}"),
             ("记录期间 Period", f"{header.range_from} – {header.range_to}"),
             ("生成日期 Generated", header.generated_on.isoformat())]
    for offset, (label, value) in enumerate(facts, start=2):
        _row(sheet, offset, [label, value])
    return len(facts) + 3


def _years(sheet: Worksheet, start: int, lines: Sequence[YearLine]) -> None:
    _row(sheet, start, ["年度 Year", "起止 Dates", "要求学时 Required", "认定学时 Credited",
                        "缓办学时 Deferred", "差额 Shortfall"], heading=True)
    for offset, line in enumerate(lines, start=1):
        _row(sheet, start + offset, [line.year, f"{line.start} – {line.end}", line.required,
                                     line.credited, line.deferred, line.shortfall])


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def record_sheet(header: SheetHeader, rows: Sequence[SheetRow], lines: Sequence[YearLine]
                 ) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "记录表 Record"
    first = _header(sheet, "持续职业发展活动记录表 / CPD record sheet", header)
    _row(sheet, first, [f"{zh} {en}" for zh, en in RECORD_COLUMNS], heading=True)
    for offset, row in enumerate(rows, start=1):
        _row(sheet, first + offset, row.cells())
    for letter, width in zip("ABCDEFGHI", (6, 24, 18, 36, 22, 12, 10, 20, 48), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{first + 1}"
    totals = book.create_sheet("学时汇总 Hours")
    _years(totals, 1, lines)
    for letter, width in zip("ABCDEF", (10, 26, 16, 16, 16, 14), strict=True):
        totals.column_dimensions[letter].width = width
    return _save(book)


def summary(header: SheetHeader, text: str, lines: Sequence[YearLine]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "总结 Summary"
    first = _header(sheet, "职业发展总结 / Professional development summary", header)
    _row(sheet, first, ["职业发展总结 Summary"], heading=True)
    _row(sheet, first + 1, [text or "（尚未填写 / not written yet）"])
    sheet.merge_cells(start_row=first + 1, start_column=1, end_row=first + 1, end_column=6)
    sheet.row_dimensions[first + 1].height = min(409, 15 * (1 + len(text) // 60))
    _years(sheet, first + 3, lines)
    for letter, width in zip("ABCDEF", (22, 26, 16, 16, 16, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    return _save(book)
