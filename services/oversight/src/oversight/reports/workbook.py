"""The pilot report as an Excel workbook: tables plus native charts (openpyxl), every text
cell written through kit.documents.put_cell so nothing a unit sent can become a formula."""

from io import BytesIO
from typing import Any

from kit.documents import put_cell
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from oversight.pipeline import rules as pipeline_rules
from oversight.reports.schemas import PilotReportOut

HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
BOLD = Font(bold=True)
STAGE_NAMES = {
    "recommended": "企业推荐", "pre_screened": "通过初筛", "applied": "提交申请",
    "accepted": "通过初审", "passed": "评价通过", "failed": "评价未通过", "registered": "注册",
}
SPAN_NAMES = {
    "submission_to_decision": "申请提交→评价结论", "submission_to_registration": "申请提交→注册",
    "recommendation_to_decision": "企业推荐→评价结论",
    "recommendation_to_registration": "企业推荐→注册",
}


def _row(sheet: Worksheet, row: int, values: list[Any], *, header: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        put_cell(cell, value)
        if header:
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def render(report: PilotReportOut) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "汇总 Summary"
    _summary(summary, report)
    _units(book.create_sheet("试点单位 Units"), report)
    _funnel(book.create_sheet("漏斗 Funnel"), report)
    _cycle(book.create_sheet("周期 Cycle"), report)
    for sheet in book.worksheets:
        # Printed as a unit sends it: landscape, each sheet one page wide.
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _summary(sheet: Worksheet, report: PilotReportOut) -> None:
    put_cell(sheet["A1"], f"工程能力评价试点报告 {report.label}")
    sheet["A1"].font = Font(bold=True, size=14)
    put_cell(sheet["A2"], f"报告期 {report.period_start} 至 {report.period_end}；"
                          f"生成于 {report.generated_at:%Y-%m-%d %H:%M} UTC")
    _row(sheet, 4, ["指标", "本期新增", "本年累计新增", "累计", "年度新增目标", "累计目标",
                    "新增完成率 %", "累计完成率 %"], header=True)
    for offset, figure in enumerate(report.total.metrics):
        _row(sheet, 5 + offset, [
            figure.name_zh, figure.new, figure.year_to_date, figure.cumulative,
            _target_text(figure.target_new, figure.comparison), figure.target_cumulative,
            _percent(figure.progress_new), _percent(figure.progress_cumulative),
        ])
    last = 4 + len(report.total.metrics)
    _widths(sheet, [30, 10, 12, 10, 12, 10, 12, 12])
    chart = BarChart()
    chart.type = "bar"
    chart.title = "目标完成率（%） Progress against targets"
    chart.y_axis.title = "%"
    chart.add_data(Reference(sheet, min_col=7, max_col=8, min_row=4, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=5, max_row=last))
    chart.height, chart.width = 9, 18
    sheet.add_chart(chart, f"A{last + 3}")


def _target_text(target: int | None, comparison: str) -> str | int | None:
    # "> 30" must stay readable as "more than 30", not as a bare 30.
    if target is None or comparison == ">=":
        return target
    return f"> {target}"


def _units(sheet: Worksheet, report: PilotReportOut) -> None:
    _row(sheet, 1, ["试点单位", "代码", "指标", "本期新增", "本年累计新增", "累计",
                    "年度新增目标", "累计目标"], header=True)
    row = 2
    chart_rows: list[int] = []
    for unit in report.units:
        for figure in unit.metrics:
            _row(sheet, row, [unit.name_zh, unit.unit_code, figure.name_zh, figure.new,
                              figure.year_to_date, figure.cumulative,
                              _target_text(figure.target_new, figure.comparison),
                              figure.target_cumulative])
            if figure.metric == "registered_members":
                chart_rows.append(row)
            row += 1
    _widths(sheet, [34, 8, 26, 10, 12, 10, 12, 10])
    # The chart reads a compact table of registered members per unit beside the list.
    put_cell(sheet.cell(row=1, column=10), "试点单位")
    put_cell(sheet.cell(row=1, column=11), "本期新增注册")
    put_cell(sheet.cell(row=1, column=12), "累计注册")
    for index, source in enumerate(chart_rows, start=2):
        put_cell(sheet.cell(row=index, column=10), sheet.cell(row=source, column=2).value)
        sheet.cell(row=index, column=11).value = sheet.cell(row=source, column=4).value
        sheet.cell(row=index, column=12).value = sheet.cell(row=source, column=6).value
    if chart_rows:
        chart = BarChart()
        chart.title = "各试点单位注册工程会员 Registered members per unit"
        end = len(chart_rows) + 1
        chart.add_data(Reference(sheet, min_col=11, max_col=12, min_row=1, max_row=end),
                       titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=10, min_row=2, max_row=end))
        chart.height, chart.width = 9, 22
        sheet.add_chart(chart, "N2")


def _funnel(sheet: Worksheet, report: PilotReportOut) -> None:
    stages = list(pipeline_rules.STAGES)
    _row(sheet, 1, ["学会", "领域", *[STAGE_NAMES[s] for s in stages]], header=True)
    put_cell(sheet.cell(row=2, column=1), "合计")
    put_cell(sheet.cell(row=2, column=2), "全部")
    for column, stage in enumerate(stages, start=3):
        sheet.cell(row=2, column=column).value = report.funnel.total.counts.get(stage, 0)
    row = 3
    for funnel_row in report.funnel.rows:
        _row(sheet, row, [funnel_row.society_code, funnel_row.field_code,
                          *[funnel_row.counts.get(s, 0) for s in stages]])
        row += 1
    conversion_row = row + 1
    put_cell(sheet.cell(row=conversion_row, column=1), "合计转化率 %")
    sheet.cell(row=conversion_row, column=1).font = BOLD
    for column, stage in enumerate(stages, start=3):
        value = report.funnel.total.conversion.get(stage)
        sheet.cell(row=conversion_row, column=column).value = _percent(value)
    _widths(sheet, [12, 16, 10, 10, 10, 10, 10, 12, 10])
    chart = BarChart()
    chart.title = "评价漏斗（累计至报告期末） Funnel to the period's end"
    chart.add_data(Reference(sheet, min_col=3, max_col=2 + len(stages), min_row=2, max_row=2),
                   from_rows=True, titles_from_data=False)
    chart.set_categories(Reference(sheet, min_col=3, max_col=2 + len(stages), min_row=1))
    chart.legend = None
    chart.height, chart.width = 8, 18
    sheet.add_chart(chart, f"A{conversion_row + 3}")


def _cycle(sheet: Worksheet, report: PilotReportOut) -> None:
    cycle = report.cycle
    put_cell(sheet["A1"],
             f"评价周期（上限 {cycle.limit_months} 个月），超期 {cycle.overdue_count} 件")
    sheet["A1"].font = BOLD
    _row(sheet, 3, ["区间", "件数", "中位数（天）", "90 分位（天）", "最长（天）"], header=True)
    row = 4
    for name, figures in cycle.figures.items():
        _row(sheet, row, [SPAN_NAMES.get(name, name), figures.count, figures.median_days,
                          figures.p90_days, figures.max_days])
        row += 1
    row += 1
    _row(sheet, row, ["超期案件：申请编号", "案件编号", "学会", "领域", "提交日期", "期限",
                      "结论日期", "超期天数"], header=True)
    for case in cycle.overdue:
        row += 1
        _row(sheet, row, [str(case.application_id), str(case.case_id or ""), case.society_code,
                          case.field_code, case.submitted_on.isoformat(),
                          case.deadline.isoformat(),
                          case.decided_on.isoformat() if case.decided_on else "未结",
                          case.days_over])
    _widths(sheet, [38, 38, 10, 12, 12, 12, 12, 10])
