"""PDFs of the record sheet and the development summary (reportlab, embedded CJK font)."""

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from kit.documents import cjk_font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from cpd.documents.rules import RECORD_COLUMNS, SheetHeader, SheetRow, YearLine


def _styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    font = cjk_font()
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1)
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=11, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, textColor=colors.white)
    return title, body, cell, head


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape("" if text is None else str(text)).replace("\n", "<br/>"), style)


def _header(header: SheetHeader, cell: ParagraphStyle, width: float) -> list[Flowable]:
    pairs = [
        ("姓名 Name", header.member_name or "—"),
        ("证书编号 Certificate", header.certificate_number),
        ("学会 Society", header.society),
        ("有效期 Validity", f"{header.valid_from} – {header.valid_until}"),
        ("记录期间 Period", f"{header.range_from} – {header.range_to}"),
        ("生成日期 Generated", header.generated_on.isoformat()),
    ]
    rows = [[_p(pairs[i][0], cell), _p(pairs[i][1], cell),
             _p(pairs[i + 1][0], cell), _p(pairs[i + 1][1], cell)] for i in (0, 2, 4)]
    table = Table(rows, colWidths=[width * f for f in (0.16, 0.34, 0.16, 0.34)])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a8a8a")),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef3f8")),
        ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#eef3f8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return [table, Spacer(1, 4 * mm)]


def _signature(body: ParagraphStyle) -> list[Flowable]:
    return [Spacer(1, 10 * mm), _p("本人签名 / Signature：____________________　　　"
                                   "日期 / Date：____________________", body)]


def _years_table(lines: Sequence[YearLine], cell: ParagraphStyle, head: ParagraphStyle,
                 width: float) -> Table:
    headings = [("年度", "Year"), ("起止", "Dates"), ("要求学时", "Required"),
                ("认定学时", "Credited"), ("缓办学时", "Deferred"), ("差额", "Shortfall")]
    data = [[_p(f"{zh}\n{en}", head) for zh, en in headings]]
    data += [[_p(line.year, cell), _p(f"{line.start} – {line.end}", cell),
              _p(line.required, cell), _p(line.credited, cell), _p(line.deferred, cell),
              _p(line.shortfall, cell)] for line in lines]
    table = Table(data, colWidths=[width * f for f in (0.1, 0.34, 0.14, 0.14, 0.14, 0.14)],
                  repeatRows=1)
    table.setStyle(_grid())
    return table


def _grid() -> TableStyle:
    return TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f4e79")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a8a8a")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eef3f8")]),
    ])


def record_sheet(header: SheetHeader, rows: Sequence[SheetRow], lines: Sequence[YearLine]
                 ) -> bytes:
    """持续职业发展活动记录表 / CPD record sheet, landscape A4."""
    title, body, cell, head = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm,
                                 rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
                                 title="持续职业发展活动记录表 CPD record sheet")
    width = document.width
    data: list[list[Paragraph | str]] = [[_p(f"{zh}\n{en}", head) for zh, en in RECORD_COLUMNS]]
    data += [[_p(value, cell) for value in row.cells()] for row in rows]
    if not rows:
        data.append([_p("本期间没有记录 / No activities in this period", cell)] +
                    [""] * (len(RECORD_COLUMNS) - 1))
    fractions = (0.04, 0.1, 0.1, 0.2, 0.11, 0.07, 0.06, 0.14, 0.18)
    table = Table(data, colWidths=[width * f for f in fractions], repeatRows=1)
    style = _grid()
    if not rows:
        style.add("SPAN", (0, 1), (-1, 1))
    table.setStyle(style)
    story: list[Flowable] = [_p("持续职业发展活动记录表", title),
                             _p("Continuing Professional Development Record", title),
                             Spacer(1, 4 * mm), *_header(header, cell, width), table,
                             Spacer(1, 6 * mm), _p("学时汇总 / Hours by year of validity", body),
                             Spacer(1, 2 * mm), _years_table(lines, cell, head, width * 0.7),
                             *_signature(body)]
    document.build(story)
    return buffer.getvalue()


def summary(header: SheetHeader, text: str, lines: Sequence[YearLine]) -> bytes:
    """职业发展总结 / development summary, portrait A4."""
    title, body, cell, head = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                 topMargin=16 * mm, bottomMargin=16 * mm,
                                 title="职业发展总结 Professional development summary")
    paragraphs = [p for p in text.split("\n\n") if p.strip()] or [
        "（尚未填写 / not written yet）"]
    story: list[Flowable] = [_p("职业发展总结", title),
                             _p("Professional Development Summary", title),
                             Spacer(1, 4 * mm), *_header(header, cell, document.width)]
    for paragraph in paragraphs:
        story += [_p(paragraph.strip(), body), Spacer(1, 2 * mm)]
    story += [Spacer(1, 4 * mm), _p("学时汇总 / Hours by year of validity", body),
              Spacer(1, 2 * mm), _years_table(lines, cell, head, document.width),
              *_signature(body)]
    document.build(story)
    return buffer.getvalue()
