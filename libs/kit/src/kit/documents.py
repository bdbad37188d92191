"""What every document the platform produces shares: an embedded CJK font for PDFs, and
spreadsheet cells that can never turn into formulas (OWASP CSV / formula injection)."""

import io
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

# Debian's fonts-wqy-zenhei (installed by `make` and the Dockerfile): TrueType outlines, so
# reportlab embeds a subset of it in every PDF; no PDF depends on a font on the reader's side.
CJK_FONT_PATHS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)
CJK_FONT = "WenQuanYiZenHei"

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


@cache
def cjk_font() -> str:
    """Register the CJK font with reportlab once per process; returns its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in CJK_FONT_PATHS:
        if path.exists():
            pdfmetrics.registerFont(TTFont(CJK_FONT, str(path), subfontIndex=0))
            return CJK_FONT
    raise RuntimeError(
        "CJK font missing: install Debian's fonts-wqy-zenhei (make install-system does)"
    )


def formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(_FORMULA_PREFIXES)


def put_cell(cell: Any, value: Any) -> None:
    """Write a value into an openpyxl cell so that it can never become a formula: text that a
    spreadsheet would evaluate (`=…`, `+…`, `-…`, `@…`, tab/CR) is stored as a string cell
    with Excel's quote prefix, so the person sees exactly the text that was sent."""
    cell.value = value
    if formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def neutral_csv_field(value: Any) -> Any:
    """The same for CSV, which has no cell types: OWASP's leading single quote."""
    return "'" + value if formula_like(value) else value


def table_workbook(title: str, headings: Sequence[tuple[str, str]],
                   rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet, Chinese and English headings, every cell formula-safe: the shape of every
    list a society exports (examiners, certificates, applicants)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    for column, (zh, en) in enumerate(headings, 1):
        cell = sheet.cell(row=1, column=column)
        put_cell(cell, f"{zh}\n{en}")
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = max(14, len(en) + 4)
    for number, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            put_cell(sheet.cell(row=number, column=column), value)
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"
    # Printed, the whole width fits on landscape pages.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Uploaded files are typed by their first bytes, never by their name or Content-Type header.
FILE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def sniff(data: bytes) -> str | None:
    """The content type by magic bytes (PDF, PNG, JPEG), never by the name or the header."""
    for signature, content_type in FILE_SIGNATURES:
        if data.startswith(signature):
            return content_type
    return None
