"""申报人信息一览表: a society's applicants of a batch, as the CSE receives them (004 Annex 3)."""

import io

import httpx
from applications_factories import (
    applicant,
    draft,
    profile_body,
    secretariat,
    society_admin,
    submitted,
)
from kit import clock
from openpyxl import load_workbook


def table(content: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


async def test_the_society_exports_its_submitted_applicants_as_the_annex_3_list(
    client: httpx.AsyncClient,
) -> None:
    await submitted(client, applicant("user-export", "王五"), profile=profile_body(
        name="王五", work_history=[{
            "employer": "=CMD|' /C calc'!A0", "position": "工程师", "start": "2012-07-01",
            "end": None, "important": True, "overseas": True}]))
    await draft(client, applicant("user-draft", "赵六"))  # a draft is nobody's business yet
    today = clock.today().isoformat()

    response = await client.get("/v1/applications/export.xlsx", headers=society_admin(),
                                params={"submitted_from": today, "submitted_to": today})
    other = await client.get("/v1/applications/export.xlsx", headers=society_admin("csee"))
    refused = await client.get("/v1/applications/export.xlsx", headers=applicant())

    assert response.status_code == 200, response.text
    rows = table(response.content)
    assert rows[0][:3] == ["序号\nNo.", "姓名\nName", "申报级别\nLevel sought"]
    [row] = [r for r in rows[1:] if r[1] == "王五"]
    assert row[4] == "=CMD|' /C calc'!A0"  # kept as text, never a formula
    assert row[5] == "+8613800000000"  # E.164, and text: a leading + is no formula either
    assert row[8] == today
    assert "赵六" not in [r[1] for r in rows]
    assert len(table(other.content)) == 1  # another society: the headings only
    assert refused.status_code == 403
    everything = await client.get("/v1/applications/export.xlsx", headers=secretariat())
    assert "王五" in [r[1] for r in table(everything.content)]
