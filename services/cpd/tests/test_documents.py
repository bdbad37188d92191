import io
import os
import subprocess
from pathlib import Path

import httpx
from cpd_factories import activity, member, open_ledger, record, staff
from kit import clock
from kit.auth import Role
from kit.testing import KEYS
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession

# Set to a directory to keep the rendered documents (to look at them).
KEEP = os.environ.get("CPD_KEEP_DOCUMENTS")


def _keep(name: str, data: bytes) -> None:
    if KEEP:
        Path(KEEP, name).write_bytes(data)


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


async def _ledger_with_activities(session: AsyncSession, client: httpx.AsyncClient) -> str:
    number = await open_ledger(session)
    await record(client, number, activity(minutes=44, title="安全生产讲座"))
    await record(client, number, activity(minutes=90, title="=HYPERLINK(\"http://x\",\"点我\")",
                                          reflection="+1 很有用"))
    await record(client, number, activity("standards_drafting", None,
                                          title="《公路桥梁抗震设计规范》起草",
                                          starts_on="2026-12-01", ends_on="2027-02-20"))
    await record(client, number, activity("paper", None, title="论文：大跨桥梁健康监测",
                                          starts_on="2027-02-25", ends_on="2027-02-25"))
    return number


async def test_record_sheet_pdf_and_excel_for_a_date_range(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock,
    tmp_path: Path,
) -> None:
    number = await _ledger_with_activities(session, client)
    url = f"/v1/cpd/ledgers/{number}/record-sheet"
    sheet = await client.get(url, headers=member())
    assert sheet.status_code == 200
    assert sheet.headers["content-type"] == "application/pdf"
    _keep("record-sheet.pdf", sheet.content)
    text = _pdf_text(sheet.content, tmp_path)
    for heading in ("持续职业发展活动记录表", "Continuing Professional Development Record",
                    "认定学时", "Hours", "标准起草", "安全生产讲座", "CSE-2026-P-000001",
                    "姓名 Name", "张三"):
        assert heading in text, heading
    ranged = await client.get(url, params={"from": "2027-02-21", "to": "2027-03-01"},
                              headers=staff())
    ranged_text = _pdf_text(ranged.content, tmp_path)
    assert "大跨桥梁" in ranged_text
    assert "安全生产讲座" not in ranged_text
    assert (await client.get(url, params={"from": "2027-03-01", "to": "2027-02-01"},
                             headers=member())).status_code == 422
    stranger = KEYS.headers(Role.APPLICANT, "user-li")
    assert (await client.get(url, headers=stranger)).status_code == 404

    workbook = await client.get(url, params={"format": "xlsx"}, headers=member())
    assert workbook.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml")
    _keep("record-sheet.xlsx", workbook.content)
    book = load_workbook(io.BytesIO(workbook.content))
    sheet_rows = list(book["记录表 Record"].iter_rows(values_only=True))
    assert sheet_rows[0][0] == "持续职业发展活动记录表 / CPD record sheet"
    heading_row = next(i for i, row in enumerate(sheet_rows) if row[0] == "序号 No.")
    data = sheet_rows[heading_row + 1:]
    assert [row[6] for row in data] == [0, 2, 20, 10]
    formula = book["记录表 Record"].cell(row=heading_row + 3, column=4)
    assert formula.value == "=HYPERLINK(\"http://x\",\"点我\")"
    assert formula.data_type == "s"
    totals = list(book["学时汇总 Hours"].iter_rows(values_only=True))
    assert totals[1][:6] == (1, "2026-11-22 – 2027-11-21", 50, 32, 0, 18)


async def test_the_member_writes_the_summary_and_exports_it(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock,
    tmp_path: Path,
) -> None:
    number = await _ledger_with_activities(session, client)
    text = ("本年度主持起草了公路桥梁抗震设计规范，系统学习了新版规范。\n\n"
            "参加了安全生产培训，提升了风险识别能力。下一年度计划学习健康监测新技术。")
    assert (await client.put(f"/v1/cpd/ledgers/{number}/summary", json={"text": text},
                             headers=staff())).status_code == 403
    written = await client.put(f"/v1/cpd/ledgers/{number}/summary", json={"text": text},
                               headers=member())
    assert written.status_code == 200
    assert (await client.get(f"/v1/cpd/ledgers/{number}/summary", headers=staff())
            ).json()["text"] == text
    document = await client.get(f"/v1/cpd/ledgers/{number}/summary/document", headers=member())
    assert document.headers["content-type"] == "application/pdf"
    _keep("summary.pdf", document.content)
    pdf_text = _pdf_text(document.content, tmp_path)
    assert "职业发展总结" in pdf_text
    assert "Professional Development Summary" in pdf_text
    assert "健康监测新技术" in pdf_text
    workbook = await client.get(f"/v1/cpd/ledgers/{number}/summary/document",
                                params={"format": "xlsx"}, headers=member())
    _keep("summary.xlsx", workbook.content)
    book = load_workbook(io.BytesIO(workbook.content))
    values = list(book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert any(row[0] == text for row in values)
