"""An examiner profile refers to an examiner account that exists (kit.accounts)."""

import io

import httpx
from evaluation_factories import create_examiner, staff
from openpyxl import load_workbook


async def test_a_profile_for_an_unknown_account_is_refused_with_what_to_give(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/v1/examiners", headers=staff(), json={
        "subject": "no-such-user", "name": "某人", "employer": "同济大学",
        "fields": ["civil"], "levels": ["professional"]})

    assert response.status_code == 422, response.text
    body = response.json()
    assert body["type"].endswith("/unknown-examiner-account")
    assert "no-such-user" in body["detail"]
    assert "GET /v1/auth/users?role=examiner" in body["detail"]
    listed = await client.get("/v1/examiners", headers=staff())
    assert all(e["subject"] != "no-such-user" for e in listed.json()["items"])


async def test_the_society_exports_its_examiners_and_their_training_as_excel(
    client: httpx.AsyncClient,
) -> None:
    await create_examiner(client, "export-a", name="王工", employer="=HYPERLINK(\"x\")")
    await create_examiner(client, "export-b", name="外会考官", society="csee")

    response = await client.get("/v1/examiners/export.xlsx", headers=staff())

    assert response.status_code == 200, response.text
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][1] == "姓名\nName"
    [mine] = [row for row in rows[1:] if row[1] == "王工"]
    assert mine[2] == "=HYPERLINK(\"x\")"  # kept as the text it was sent as …
    assert sheet.cell(row=rows.index(mine) + 1, column=3).data_type == "s"  # … never a formula
    assert "工程能力评价考官培训" in str(mine[7])
    assert all(row[1] != "外会考官" for row in rows[1:])  # another society's examiner
