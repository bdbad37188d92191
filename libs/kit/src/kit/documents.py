"""What every document the platform produces shares: an embedded CJK font for PDFs, and
spreadsheet cells that can never turn into formulas (OWASP CSV / formula injection)."""

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
