"""The pilot report as PDF: reportlab tables and charts, the CJK font embedded."""

from io import BytesIO

from kit.documents import cjk_font
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from oversight.pipeline import rules as pipeline_rules
from oversight.reports.schemas import PilotReportOut
from oversight.reports.workbook import SPAN_NAMES, STAGE_NAMES

BLUE = colors.HexColor("#2F5597")
ORANGE = colors.HexColor("#ED7D31")
GRID = colors.HexColor("#B4C6E7")


def _styles() -> dict[str, ParagraphStyle]:
    font = cjk_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=17, leading=24,
                                spaceAfter=4 * mm),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=12.5, leading=18, spaceBefore=5 * mm,
                             spaceAfter=2 * mm, textColor=BLUE),
        "body": ParagraphStyle("body", fontName=font, fontSize=9.5, leading=14),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=8, leading=10.5),
    }


def _table(rows: list[list[object]], widths: list[float], font: str) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE7F3")),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def _pt(millimetres: float) -> int:
    return round(millimetres * mm)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _num(value: object) -> str:
    return "—" if value is None else str(value)


def _progress_chart(report: PilotReportOut, font: str) -> Drawing:
    figures = [f for f in report.total.metrics
               if f.progress_new is not None or f.progress_cumulative is not None]
    drawing = Drawing(170 * mm, 92 * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = _pt(62), _pt(14), _pt(98), _pt(74)
    chart.data = [
        [round((f.progress_new or 0) * 100, 1) for f in figures],
        [round((f.progress_cumulative or 0) * 100, 1) for f in figures],
    ]
    chart.categoryAxis.categoryNames = [f.name_zh for f in figures]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.dx = -2
    chart.categoryAxis.labels.textAnchor = "end"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(100, *(v for row in chart.data for v in row))
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor = BLUE
    chart.bars[1].fillColor = ORANGE
    chart.barLabelFormat = "%.1f"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = _pt(62), _pt(5)
    legend.fontName = font
    legend.fontSize = 7.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(BLUE, "本年新增 / 年度目标"), (ORANGE, "累计 / 累计目标")]
    drawing.add(legend)
    return drawing


def _funnel_chart(report: PilotReportOut, font: str) -> Drawing:
    stages = list(pipeline_rules.STAGES)
    drawing = Drawing(170 * mm, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = _pt(15), _pt(12), _pt(150), _pt(45)
    chart.data = [[report.funnel.total.counts.get(s, 0) for s in stages]]
    chart.categoryAxis.categoryNames = [STAGE_NAMES[s] for s in stages]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = BLUE
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 5
    drawing.add(chart)
    drawing.add(String(_pt(15), _pt(59), "评价漏斗（累计至报告期末，合计）", fontName=font,
                       fontSize=8))
    return drawing


def render(report: PilotReportOut) -> bytes:
    font = cjk_font()
    styles = _styles()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
        bottomMargin=16 * mm, title=f"工程能力评价试点报告 {report.label}",
        author="中国工程师联合体 CSE",
    )
    story: list[Flowable] = [
        Paragraph(f"工程能力评价试点报告（{report.label}）", styles["title"]),
        Paragraph(f"报告期：{report.period_start} 至 {report.period_end}　　生成时间："
                  f"{report.generated_at:%Y-%m-%d %H:%M} UTC", styles["body"]),
        Paragraph("一、总体指标与目标", styles["h2"]),
    ]
    rows: list[list[object]] = [["指标", "本期新增", "本年新增", "累计", "年度目标", "累计目标",
                                 "新增完成率", "累计完成率"]]
    for f in report.total.metrics:
        target = _num(f.target_new)
        if f.target_new is not None and f.comparison == ">":
            target = f"> {f.target_new}"
        rows.append([Paragraph(f.name_zh, styles["cell"]), f.new, f.year_to_date, f.cumulative,
                     target, _num(f.target_cumulative), _pct(f.progress_new),
                     _pct(f.progress_cumulative)])
    story += [_table(rows, [48 * mm, 15 * mm, 15 * mm, 15 * mm, 17 * mm, 17 * mm, 23 * mm,
                            23 * mm], font), Spacer(1, 3 * mm), _progress_chart(report, font)]

    story.append(Paragraph("二、各试点单位（本期新增 / 累计）", styles["h2"]))
    society_units = [u for u in report.units if u.unit_code != "gba"]
    if society_units:
        names = [f.name_zh for f in society_units[0].metrics]
        unit_rows: list[list[object]] = [["试点单位", *names]]
        for unit in society_units:
            unit_rows.append([Paragraph(unit.name_zh, styles["cell"]),
                              *[f"{f.new} / {f.cumulative}" for f in unit.metrics]])
        story.append(_table(unit_rows, [54 * mm] + [30 * mm] * len(names), font))
    for unit in report.units:
        if unit.unit_code == "gba":
            story.append(Spacer(1, 3 * mm))
            gba_rows: list[list[object]] = [[unit.name_zh, "本期新增", "本年新增", "累计",
                                             "目标"]]
            for f in unit.metrics:
                target = f"新增 ≥ {f.target_new}" if f.target_new else (
                    f"累计 ≥ {f.target_cumulative}" if f.target_cumulative else "—")
                gba_rows.append([Paragraph(f.name_zh, styles["cell"]), f.new, f.year_to_date,
                                 f.cumulative, target])
            story.append(_table(gba_rows, [74 * mm, 22 * mm, 22 * mm, 22 * mm, 34 * mm], font))

    story += [CondPageBreak(75 * mm), Paragraph("三、评价漏斗", styles["h2"]),
              _funnel_chart(report, font)]
    stages = list(pipeline_rules.STAGES)
    funnel_rows: list[list[object]] = [["学会", "领域", *[STAGE_NAMES[s] for s in stages]]]
    funnel_rows.append(["合计", "全部", *[report.funnel.total.counts.get(s, 0) for s in stages]])
    funnel_rows.append(["转化率", "", *[_pct(report.funnel.total.conversion.get(s))
                                        for s in stages]])
    for row in report.funnel.rows:
        funnel_rows.append([row.society_code, row.field_code,
                            *[row.counts.get(s, 0) for s in stages]])
    story.append(_table(funnel_rows, [18 * mm, 22 * mm] + [18.5 * mm] * len(stages), font))

    cycle = report.cycle
    story.append(Paragraph(
        f"四、评价周期（上限 {cycle.limit_months} 个月，超期 {cycle.overdue_count} 件）",
        styles["h2"]))
    cycle_rows: list[list[object]] = [["区间", "件数", "中位数（天）", "90 分位（天）",
                                       "最长（天）"]]
    for name, figures in cycle.figures.items():
        cycle_rows.append([SPAN_NAMES.get(name, name), figures.count,
                           _num(figures.median_days), _num(figures.p90_days),
                           _num(figures.max_days)])
    story.append(_table(cycle_rows, [55 * mm, 20 * mm, 30 * mm, 30 * mm, 30 * mm], font))
    if cycle.overdue:
        story.append(Spacer(1, 3 * mm))
        overdue_rows: list[list[object]] = [["申请编号", "学会", "领域", "提交", "期限", "结论",
                                             "超期天数"]]
        for case in cycle.overdue[:40]:
            overdue_rows.append([str(case.application_id)[:8], case.society_code,
                                 case.field_code, str(case.submitted_on), str(case.deadline),
                                 str(case.decided_on or "未结"), case.days_over])
        story.append(_table(overdue_rows, [24 * mm, 18 * mm, 22 * mm, 24 * mm, 24 * mm,
                                           24 * mm, 18 * mm], font))
        if len(cycle.overdue) > 40:
            story.append(Paragraph(f"另有 {len(cycle.overdue) - 40} 件超期案件，见 Excel 版。",
                                   styles["body"]))
    document.build(story)
    return buffer.getvalue()
