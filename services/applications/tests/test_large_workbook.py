"""A large enterprise's whole overseas staff in one Annex 3 workbook: 5,000 candidates are
validated and stored all-or-nothing; 5,001 are refused with the advice to split the workbook;
the sheet reader keeps its guards and limits."""

import io
import zipfile
from collections.abc import Callable
from functools import cache
from typing import Any

import httpx
import pytest
from applications.models import Candidate, Recommendation, RecommendedEngineer, outbox
from applications.recommendations.excel import (
    LEVEL_WORDS,
    WorkbookLimits,
    build_workbook,
    field_label,
    read_sheets,
)
from applications.recommendations.schemas import WORKBOOK_MAX_CANDIDATES
from applications_factories import enterprise
from kit.errors import ProblemError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

ENTERPRISE = "中国路桥工程有限责任公司\n（联系人：王五，手机：13700000000）"
PRACTICE = "曾参与仰光大桥工程项目，负责主桥结构设计与施工技术方案，组织完成深水基础施工。"
# Title, "推荐单位", table title and the two header rows come before the first engineer.
FIRST_DATA_ROW = 6


def rows(count: int) -> list[tuple[Any, ...]]:
    project = ("仰光大桥项目", "缅甸", "承包工程", "在建", 120, 300, 45)
    return [(n + 1, ENTERPRISE, *(project if n == 0 else (None,) * 7), f"工程师{n}",
             f"139{n:08d}", field_label("civil"), "缅甸",
             LEVEL_WORDS["professional"], PRACTICE) for n in range(count)]


@cache
def workbook(count: int) -> bytes:
    return build_workbook(rows(count), [])


def edited(data: bytes, edit: Callable[[str], str]) -> bytes:
    """The workbook with its first sheet's XML edited: building 5,000 rows with openpyxl
    takes seconds, so the large workbook is built once and its twins derived from it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            member = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                member = edit(member.decode()).encode()
            archive.writestr(item, member)
    return target.getvalue()


def with_bad_mobile(data: bytes, number: int) -> bytes:
    mobile = f">139{number:08d}<"
    return edited(data, lambda xml: xml.replace(mobile, ">12345<", 1))


def with_one_more_row(data: bytes) -> bytes:
    def add(xml: str) -> str:
        last = FIRST_DATA_ROW + WORKBOOK_MAX_CANDIDATES - 1
        start = xml.index(f'<row r="{last}"')
        end = xml.index("</row>", start) + len("</row>")
        copy = xml[start:end].replace(str(last), str(last + 1)).replace(
            f"139{WORKBOOK_MAX_CANDIDATES - 1:08d}", f"139{WORKBOOK_MAX_CANDIDATES:08d}")
        return xml[:end] + copy + xml[end:]

    return edited(data, add)


def upload(data: bytes) -> dict[str, tuple[str, bytes, str]]:
    return {"file": ("annex3.xlsx", data, "application/octet-stream")}


async def count(session: AsyncSession, model: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_five_thousand_candidates_are_stored_whole(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    data = workbook(WORKBOOK_MAX_CANDIDATES)
    dry = await client.post("/v1/recommendations/upload", params={"dry_run": "true"},
                            files=upload(data), headers=enterprise())
    assert dry.status_code == 200, dry.text[:2000]
    assert dry.json()["candidates"] == WORKBOOK_MAX_CANDIDATES
    assert len(dry.json()["recommendation"]["projects"][0]["candidates"]) == \
        WORKBOOK_MAX_CANDIDATES
    assert await count(session, Candidate) == 0

    stored = await client.post("/v1/recommendations/upload", files=upload(data),
                               headers=enterprise())
    assert stored.status_code == 201, stored.text[:2000]
    body = stored.json()
    assert len(body["candidates"]) == WORKBOOK_MAX_CANDIDATES
    assert body["candidates"][-1]["name"] == f"工程师{WORKBOOK_MAX_CANDIDATES - 1}"
    assert body["candidates"][0]["mobile"] == "+8613900000000"
    assert await count(session, Candidate) == WORKBOOK_MAX_CANDIDATES
    assert await count(session, RecommendedEngineer) == WORKBOOK_MAX_CANDIDATES
    assert await count(session, Recommendation) == 1
    assert await count(session, outbox) == 1
    positions = (await session.scalars(select(Candidate.position))).all()
    assert sorted(positions) == list(range(1, WORKBOOK_MAX_CANDIDATES + 1))


async def test_one_bad_row_of_five_thousand_stores_nothing(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    middle = WORKBOOK_MAX_CANDIDATES // 2
    response = await client.post("/v1/recommendations/upload",
                                 files=upload(with_bad_mobile(workbook(WORKBOOK_MAX_CANDIDATES),
                                                               middle)),
                                 headers=enterprise())
    assert response.status_code == 422, response.text[:2000]
    problem = response.json()
    assert problem["type"].endswith("workbook-invalid")
    [error] = problem["errors"]
    assert (error["row"], error["column"]) == (FIRST_DATA_ROW + middle, "K")
    assert "手机号码" in error["message_zh"]
    for model in (Recommendation, Candidate, RecommendedEngineer, outbox):
        assert await count(session, model) == 0


async def test_five_thousand_and_one_candidates_are_told_to_split_the_workbook(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    response = await client.post("/v1/recommendations/upload",
                                 files=upload(with_one_more_row(workbook(WORKBOOK_MAX_CANDIDATES))),
                                 headers=enterprise())
    assert response.status_code == 422, response.text[:2000]
    problem = response.json()
    assert problem["type"].endswith("workbook-invalid")
    [error] = problem["errors"]
    assert error["code"] == "invalid_workbook"
    assert "5000" in error["message_zh"]
    assert "5001" in error["message_zh"]
    assert "拆分" in error["message_zh"]
    assert "Split it into several workbooks" in error["message_en"]
    assert "拆分" in problem["detail"]
    assert await count(session, Candidate) == 0


def test_a_sheet_longer_than_the_row_limit_is_refused() -> None:
    limits = WorkbookLimits(max_bytes=10_000_000, max_uncompressed_bytes=50_000_000,
                            max_members=200, max_rows=20)
    assert len(read_sheets(build_workbook(rows(15), []), limits)[0].rows) == 20
    with pytest.raises(ProblemError) as refused:
        read_sheets(build_workbook(rows(16), []), limits)
    assert refused.value.status == 413
    assert "超过 20 行" in str(refused.value)
    assert "more than 20 rows" in str(refused.value)


@pytest.mark.parametrize("declaration", [
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
    '<!DOCTYPE worksheet SYSTEM "file:///etc/passwd">',
])
async def test_a_sheet_declaring_a_dtd_is_refused(client: httpx.AsyncClient,
                                                   declaration: str) -> None:
    """The sheet XML is read by the upload's own expat pass: it refuses DTDs as defusedxml
    does for the rest of the workbook."""
    source = zipfile.ZipFile(io.BytesIO(workbook(3)))
    unsafe = io.BytesIO()
    with zipfile.ZipFile(unsafe, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<?xml version="1.0"?>' + declaration.encode() + \
                    data.split(b"?>", 1)[-1]
            archive.writestr(item, data)
    response = await client.post("/v1/recommendations/upload", files=upload(unsafe.getvalue()),
                                 headers=enterprise())
    assert response.status_code == 422, response.text
    assert response.json()["type"].endswith("unsafe-workbook")
