"""A society's certificates and their statuses, exported as Excel."""

import io

import httpx
from kit.auth import Role
from kit.testing import KEYS
from openpyxl import load_workbook
from registry_factories import issue
from sqlalchemy.ext.asyncio import AsyncSession

CCES = KEYS.headers(Role.SOCIETY_ADMIN, "cces-export", society="cces")
SECRETARIAT = KEYS.headers(Role.SECRETARIAT, "cse-export")


def table(content: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


async def test_a_society_exports_its_own_certificates_with_their_statuses(
    session: AsyncSession, client: httpx.AsyncClient,
) -> None:
    mine = await issue(session, "export-1", name="=1+1")
    other = await issue(session, "export-2", society="csee", name="外会会员")
    suspended = await client.post(f"/v1/certificates/{mine.number}/status-changes",
                                  headers=CCES, json={"action": "suspend",
                                                      "reason": "核查中 / under review"})
    assert suspended.status_code == 200, suspended.text

    own = await client.get("/v1/certificates/export.xlsx", headers=CCES)
    everything = await client.get("/v1/certificates/export.xlsx", headers=SECRETARIAT)

    assert own.status_code == 200, own.text
    rows = table(own.content)
    assert rows[0][0] == "证书编号\nNumber"
    [row] = [r for r in rows[1:] if r[0] == mine.number]
    assert row[1] == "=1+1"  # the name as written, as text: never evaluated
    assert row[5] == "暂停 / suspended"
    assert other.number not in [r[0] for r in rows]
    assert {mine.number, other.number} <= {r[0] for r in table(everything.content)}
