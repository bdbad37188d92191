"""Annex 3 workbooks built in code, as enterprises make them: merged headers, line breaks,
both tables on one sheet or two, and the mistakes people make."""

import io
import uuid
import zipfile
from typing import Any

import httpx
import openpyxl
from applications.models import Candidate, Recommendation, RecommendedEngineer
from applications.recommendations.excel import (
    CANDIDATE_HEADER,
    DEPLOYED_TITLE,
    PLANNED_TITLE,
    WorkbookLimits,
    parse_sheets,
    read_sheets,
)
from applications_factories import committee, enterprise, recommendation_body
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

LIMITS = WorkbookLimits(max_bytes=10_000_000, max_uncompressed_bytes=50_000_000,
                        max_members=200, max_rows=5000)
ENTERPRISE = "中国路桥工程有限责任公司\n（联系人：王五，手机：13700000000）"
PRACTICE = "曾参与仰光大桥工程项目，我负责主桥结构设计与施工技术方案，组织完成深水基础施工。"
DEPLOYED_HEAD = ["序号", "企业名称\n（企业联系及手机号码）", "企业海外重点\n项目名称",
                 "项目所\n在国家\n（地\n区）",
                 "项目类\n型（对\n外投\n资、承\n包工\n程、对\n外劳\n务、对\n外援\n助、其\n他）",
                 "项目状\n态（筹\n建准\n备、在\n建、完\n工、已\n完工等\n待验收\n移交，\n运营\n中）",
                 "中方\n在外\n工程\n师人\n数", "聘用外\n方工程\n师人数",
                 "中方在外工程师满\n足专业工程会员基\n本条件数（本科毕\n业、工作 5年以\n上）"]
PLANNED_HEAD = ["序号", "企业名称\n（企业联系及手机号码）", "计划外派海外重点\n项目名称（如有）",
                "计划外派国家\n（地区）（如\n有）"]


def deployed_rows() -> list[list[Any]]:
    return [
        [1, ENTERPRISE, "仰光大桥项目", "缅甸", "承包工程", "在建", 120, 300, 45,
         "张三", 13800000000, "土木\n工程\n类", "缅甸", "专业\n工程\n会员", PRACTICE],
        # The same project continues: its cells are merged, so they read as empty.
        [2, None, None, None, None, None, None, None, None,
         "李四", "13900000000", "土木工程类", "新加\n坡", "资深\n工程\n会员", PRACTICE],
        [3, None, "雅万高铁项目", "印度尼西亚", "对外投资", "运营中", 80, 150, 30,
         "王六", "13600000000", "电气工程类", "印尼", "专业工程会员", PRACTICE],
        [4, "……", None, None, None, None, None, None, None, "……", None, None, "中国"],
    ]


def planned_rows() -> list[list[Any]]:
    return [
        [1, ENTERPRISE, "蒙内铁路二期", "肯尼亚",
         "赵七", "13500000000", "机械工程类", "中国", "专业工程会员", PRACTICE],
        [2, None, None, None,
         "钱八", "13300000000", "信息通信工程类", "中国", "资深工程会员", PRACTICE],
    ]


def write_table(sheet: Worksheet, start: int, title: str, head: list[str],
                rows: list[list[Any]], merge_project: bool) -> int:
    """One Annex 3 table from row `start`: title, a two-row header with the candidate columns
    under one merged cell (no sub-labels, as in the printed form), then the rows."""
    width = len(head) + 6
    sheet.cell(row=start, column=1, value=f"{title}（可另附）")
    sheet.merge_cells(start_row=start, start_column=1, end_row=start, end_column=width)
    header = start + 1
    for col, label in enumerate(head, start=1):
        sheet.cell(row=header, column=col, value=label)
    sheet.cell(row=header, column=len(head) + 1, value=CANDIDATE_HEADER + "\n\n此列可另附表")
    sheet.merge_cells(start_row=header, start_column=len(head) + 1, end_row=header,
                      end_column=width)
    for offset, row in enumerate(rows, start=header + 1):
        for col, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=offset, column=col, value=value)
    if merge_project:
        # Enterprise over all rows, the first project's cells over its two rows.
        first = header + 1
        sheet.merge_cells(start_row=first, start_column=2, end_row=first + len(rows) - 1,
                          end_column=2)
        for col in range(3, len(head) + 1):
            sheet.merge_cells(start_row=first, start_column=col, end_row=first + 1,
                              end_column=col)
    return header + len(rows) + 2


def workbook(*, one_sheet: bool = True, deployed: list[list[Any]] | None = None,
             planned: list[list[Any]] | None = None, merge_planned: bool = False) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "推荐人员情况表"
    sheet.cell(row=1, column=1, value="推荐参加工程能力评价人员情况表")
    sheet.cell(row=2, column=1, value="推荐单位（盖章）：中国路桥工程有限责任公司")
    after = write_table(sheet, 3, DEPLOYED_TITLE, DEPLOYED_HEAD,
                        deployed if deployed is not None else deployed_rows(), True)
    target = sheet if one_sheet else book.create_sheet("计划外派")
    write_table(target, after if one_sheet else 1, PLANNED_TITLE, PLANNED_HEAD,
                planned if planned is not None else planned_rows(), merge_planned)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name: str = "推荐表.xlsx") -> dict[str, Any]:
    return {"file": (name, data, "application/octet-stream")}


async def stored(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Recommendation)) or 0)


async def test_a_realistic_workbook_is_stored_with_both_tables(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    response = await client.post("/v1/recommendations/upload", files=upload(workbook()),
                                  headers={**enterprise(), "Idempotency-Key": "xlsx-1"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["source"] == "excel"
    assert body["enterprise_name"] == "中国路桥工程有限责任公司"
    assert body["contact_mobile"] == "+8613700000000"
    projects = {p["name"]: p for p in body["projects"]}
    assert projects["仰光大桥项目"]["country"] == "MM"
    assert projects["仰光大桥项目"]["project_type"] == "contracting"
    assert projects["雅万高铁项目"]["project_status"] == "operating"
    by_name = {c["name"]: c for c in body["candidates"]}
    assert set(by_name) == {"张三", "李四", "王六", "赵七", "钱八"}
    assert by_name["李四"]["project_id"] == projects["仰光大桥项目"]["id"]
    assert by_name["李四"]["level"] == "senior"
    assert by_name["王六"]["field_code"] == "electrical"
    assert by_name["赵七"]["section"] == "planned"
    assert by_name["赵七"]["planned_country"] == "KE"
    assert by_name["钱八"]["planned_project"] is None
    again = await client.post("/v1/recommendations/upload", files=upload(workbook()),
                              headers={**enterprise(), "Idempotency-Key": "xlsx-1"})
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    assert await stored(session) == 1


async def test_two_sheets_work_like_two_blocks(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/recommendations/upload",
                                 files=upload(workbook(one_sheet=False)), headers=enterprise())
    assert response.status_code == 201, response.text
    assert len(response.json()["candidates"]) == 5


async def test_every_mistake_is_listed_and_nothing_is_stored(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    rows = deployed_rows()
    rows[0][10] = "1380000"  # a mobile one digit-group short
    rows[1][11] = "炼金工程类"  # not a field
    rows[2][14] = "我" * 301  # practice over 300 characters
    rows[2][3] = "火星"  # not a country
    planned = planned_rows()
    planned[1][4] = None  # the name is missing
    planned[0][8] = "高级"  # not a level of the enterprise channel
    response = await client.post(
        "/v1/recommendations/upload", files=upload(workbook(deployed=rows, planned=planned)),
        headers=enterprise(),
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"].endswith("workbook-invalid")
    assert "nothing was stored" in problem["title"]
    found = {(e["sheet"], e["row"], e["column"]) for e in problem["errors"]}
    # Title row 3, header row 4: data rows are 5–8; the planned table's data start at 12.
    assert ("推荐人员情况表", 5, "K") in found  # mobile
    assert ("推荐人员情况表", 6, "L") in found  # field
    assert ("推荐人员情况表", 7, "O") in found  # practice
    assert ("推荐人员情况表", 7, "D") in found  # country
    assert ("推荐人员情况表", 12, "I") in found  # level
    assert ("推荐人员情况表", 13, "E") in found  # name
    assert len(found) == 6
    assert len(problem["errors"]) == 6  # each wrong cell once
    assert problem["detail"].startswith("共 6 处问题")
    assert all(e["message_zh"] and e["message_en"] for e in problem["errors"])
    assert await stored(session) == 0


async def test_dry_run_validates_without_storing(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    response = await client.post("/v1/recommendations/upload?dry_run=true",
                                 files=upload(workbook()), headers=enterprise())
    assert response.status_code == 200, response.text
    assert response.json()["valid"] is True
    assert response.json()["candidates"] == 3
    assert response.json()["planned_candidates"] == 2
    assert await stored(session) == 0


async def test_template_round_trips_through_the_parser(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/recommendations/template", headers=enterprise())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheets = read_sheets(response.content, LIMITS)
    parsed = parse_sheets(sheets, keep_examples=True)
    assert parsed.problems == []
    assert parsed.payload is not None
    [project] = parsed.payload.projects
    assert (project.name, project.country, project.project_type) == ("XX项目", "MM",
                                                                       "contracting")
    assert project.candidates[0].name == "张三"
    assert parsed.payload.planned_candidates[0].level == "senior"
    # Unchanged, the template holds only examples: a clear answer, nothing imported.
    empty = parse_sheets(sheets)
    assert any("示例" in p.message_zh for p in empty.problems)
    # Filled in below the example row, it imports.
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["已外派人员"]
    sheet.append([1, ENTERPRISE, "仰光大桥项目", "MM", "承包工程", "完工", 10, 20, 5,
                  "张三", "13800000000", "土木工程类", "缅甸", "专业工程会员", PRACTICE])
    buffer = io.BytesIO()
    book.save(buffer)
    stored_response = await client.post("/v1/recommendations/upload",
                                        files=upload(buffer.getvalue()), headers=enterprise())
    assert stored_response.status_code == 201, stored_response.text
    assert stored_response.json()["projects"][0]["project_status"] == "completed"


async def test_what_is_not_a_real_xlsx_is_refused(client: httpx.AsyncClient) -> None:
    cases = {
        "pdf": b"%PDF-1.4 not a workbook",
        "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
    }
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    cases["docx"] = docx.getvalue()
    for name, data in cases.items():
        response = await client.post("/v1/recommendations/upload",
                                     files=upload(data, f"{name}.xlsx"), headers=enterprise())
        assert response.status_code == 415, (name, response.text)
        assert response.headers["content-type"] == "application/problem+json"
    xls = await client.post("/v1/recommendations/upload", files=upload(cases["xls"]),
                            headers=enterprise())
    assert ".xls" in xls.json()["detail"]


async def test_bombs_and_oversized_files_are_refused(client: httpx.AsyncClient) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * 200_000_000)
    response = await client.post("/v1/recommendations/upload", files=upload(bomb.getvalue()),
                                 headers=enterprise())
    assert response.status_code == 413, response.text
    assert "zip bomb" in response.json()["detail"]

    laughs = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(workbook()))
    entity = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    with zipfile.ZipFile(laughs, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = entity.encode() + data.split(b"?>", 1)[-1]
            archive.writestr(item, data)
    unsafe = await client.post("/v1/recommendations/upload", files=upload(laughs.getvalue()),
                               headers=enterprise())
    assert unsafe.status_code == 422, unsafe.text
    assert unsafe.json()["type"].endswith("unsafe-workbook")

    large = await client.post("/v1/recommendations/upload",
                              files=upload(b"PK" + b"\x00" * 10_500_000), headers=enterprise())
    assert large.status_code == 413


async def test_uploaded_candidates_reach_the_committee_queue(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await client.post("/v1/recommendations/upload", files=upload(workbook()),
                      headers=enterprise())
    queue = await client.get("/v1/candidates", params={"status": "pending"}, headers=committee())
    assert len(queue.json()["items"]) == 5
    assert all("****" in c["mobile"] for c in queue.json()["items"])
    count = await session.scalar(select(func.count()).select_from(Candidate))
    assert count == 5


async def test_cells_merged_over_rows_carry_to_every_row(client: httpx.AsyncClient) -> None:
    """The planned table with the project and country merged over its two engineers, below
    the first table or on a sheet of its own."""
    for one_sheet in (True, False):
        response = await client.post(
            "/v1/recommendations/upload",
            files=upload(workbook(merge_planned=True, one_sheet=one_sheet)),
            headers=enterprise())
        assert response.status_code == 201, response.text
        by_name = {c["name"]: c for c in response.json()["candidates"]}
        for name in ("赵七", "钱八"):
            assert (by_name[name]["planned_project"], by_name[name]["planned_country"]) == (
                "蒙内铁路二期", "KE"), (name, one_sheet)
        assert by_name["李四"]["project_id"] == by_name["张三"]["project_id"]


async def test_one_wrong_cell_is_one_problem(client: httpx.AsyncClient) -> None:
    rows = deployed_rows()
    rows[2][4] = "走私"  # not a project type
    response = await client.post("/v1/recommendations/upload",
                                 files=upload(workbook(deployed=rows)), headers=enterprise())
    assert response.status_code == 422, response.text
    problem = response.json()
    [error] = problem["errors"]
    assert (error["row"], error["column"]) == (7, "E")
    assert "走私" in error["message_zh"]
    assert "project type" in error["message_en"]
    assert problem["detail"].startswith("共 1 处问题")
    assert "1 problem(s)" in problem["detail"]


async def test_messages_name_the_column_in_their_own_language(client: httpx.AsyncClient
                                                                ) -> None:
    rows = deployed_rows()
    rows[0][10] = "1380000"
    response = await client.post("/v1/recommendations/upload",
                                 files=upload(workbook(deployed=rows)), headers=enterprise())
    [error] = response.json()["errors"]
    assert error["message_zh"].startswith("联系方式：")
    assert error["message_en"].startswith("mobile: not a valid phone number")
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in error["message_en"])


def formula_cells(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [f"{sheet.title}!{cell.coordinate}" for sheet in book.worksheets
            for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


async def test_text_that_looks_like_a_formula_stays_text_in_every_workbook(
    client: httpx.AsyncClient,
) -> None:
    hostile = '=HYPERLINK("http://evil.example/","点我查看")'
    body = recommendation_body(practice=hostile, location="@SUM(1+1)", name="+张三")
    body["projects"] = [{"name": "仰光大桥项目", "country": "MM", "project_type": "contracting",
                         "project_status": "under_construction",
                         "candidates": body.pop("candidates")}]
    pushed = await client.post("/v1/recommendations", json=body, headers=enterprise())
    assert pushed.status_code == 201, pushed.text
    exported = await client.get(f"/v1/recommendations/{pushed.json()['id']}/workbook",
                                headers=enterprise())
    assert exported.status_code == 200
    assert formula_cells(exported.content) == []
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content))["已外派人员"]
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=6) for cell in row
             if isinstance(cell.value, str)}
    for text in (hostile, "@SUM(1+1)", "+张三"):
        assert cells[text].data_type == "s"
        assert cells[text].quotePrefix is True
    template = await client.get("/v1/recommendations/template", headers=enterprise())
    assert formula_cells(template.content) == []
    # The export is an Annex 3 workbook again: it imports as it was pushed.
    again = await client.post("/v1/recommendations/upload?dry_run=true",
                              files=upload(exported.content), headers=enterprise("ent-2"))
    assert again.status_code == 200, again.text
    [candidate] = again.json()["recommendation"]["projects"][0]["candidates"]
    assert (candidate["practice"], candidate["location"]) == (hostile, "@SUM(1+1)")
    other = await client.get(f"/v1/recommendations/{pushed.json()['id']}/workbook",
                             headers=enterprise("ent-2"))
    assert other.status_code == 404


async def test_the_template_takes_an_optional_identity_number(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    response = await client.get("/v1/recommendations/template", headers=enterprise())
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["已外派人员"]
    assert sheet["P5"].value.startswith("居民身份证号码")
    base = [1, ENTERPRISE, "仰光大桥项目", "MM", "承包工程", "完工", 10, 20, 5,
            "张三", "13800000000", "土木工程类", "缅甸", "专业工程会员", PRACTICE]
    sheet.append([*base, "11010519491231002X"])
    sheet.append([2, *base[1:9], "李四", "13900000000", *base[11:], "110105194912310021"])
    sheet.append([3, *base[1:9], "王六", "13600000000", *base[11:], 110105194912310020])
    buffer = io.BytesIO()
    book.save(buffer)
    refused = await client.post("/v1/recommendations/upload", files=upload(buffer.getvalue()),
                                headers=enterprise())
    assert refused.status_code == 422, refused.text
    errors = {(e["row"], e["column"]): e for e in refused.json()["errors"]}
    assert set(errors) == {(8, "P"), (9, "P")}
    assert "居民身份证号码" in errors[(8, "P")]["message_zh"]
    assert "resident identity number" in errors[(8, "P")]["message_en"]
    assert "文本" in errors[(9, "P")]["message_zh"]
    sheet.delete_rows(8, 2)
    buffer = io.BytesIO()
    book.save(buffer)
    stored_response = await client.post("/v1/recommendations/upload",
                                        files=upload(buffer.getvalue()), headers=enterprise())
    assert stored_response.status_code == 201, stored_response.text
    engineer = await session.get(RecommendedEngineer, uuid.UUID(
        stored_response.json()["candidates"][0]["engineer_id"]))
    assert engineer is not None
    assert engineer.identity_index is not None
