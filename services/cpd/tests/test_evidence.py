from datetime import date, timedelta

import httpx
from cpd.models import CpdEvidenceDownload
from cpd_factories import activity, member, open_ledger, record, secretariat, staff
from kit import clock
from kit.auth import Role
from kit.testing import KEYS
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


async def test_evidence_is_typed_by_content_encrypted_and_its_reads_logged(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    activity_id = (await record(client, number, activity())).json()["id"]
    url = f"/v1/cpd/ledgers/{number}/activities/{activity_id}/evidence"
    disguised = await client.post(url, files={"file": ("cert.pdf", b"MZ\x90\x00 exe")},
                                  headers=member())
    assert disguised.status_code == 415
    assert disguised.headers["content-type"] == "application/problem+json"
    too_big = await client.post(url, files={"file": ("big.pdf", PDF + b"0" * 10_485_760)},
                                headers=member())
    assert too_big.status_code == 413
    assert (await client.post(url, files={"file": ("c.pdf", PDF)}, headers=staff())
            ).status_code == 403
    stranger = KEYS.headers(Role.APPLICANT, "user-li")
    assert (await client.post(url, files={"file": ("c.pdf", PDF)}, headers=stranger)
            ).status_code == 404
    uploaded = await client.post(url, files={"file": ("../../结业证书.png", PNG)},
                                 headers=member())
    assert uploaded.status_code == 201, uploaded.text
    evidence = uploaded.json()
    assert evidence["content_type"] == "image/png"
    assert evidence["filename"] == "结业证书.png"
    sealed = (await session.execute(text("SELECT sealed FROM cpd_evidence_files"))).scalar_one()
    assert PNG not in bytes(sealed)

    content = f"/v1/cpd/ledgers/{number}/evidence/{evidence['id']}/content"
    mine = await client.get(content, headers=member())
    assert mine.status_code == 200
    assert mine.content == PNG
    assert (await client.get(content, headers=staff())).content == PNG
    assert (await client.get(content, headers=staff("ciesc"))).status_code == 404
    assert (await client.get(content, headers=secretariat())).status_code == 403
    listed = await client.get(f"/v1/cpd/ledgers/{number}/evidence", headers=secretariat())
    assert [f["id"] for f in listed.json()["items"]] == [evidence["id"]]
    reads = await session.scalar(select(func.count()).select_from(CpdEvidenceDownload))
    assert reads == 2
    audit = await client.get(f"/v1/cpd/ledgers/{number}/evidence-downloads", headers=staff())
    assert sorted(d["role"] for d in audit.json()["items"]) == ["applicant", "society_admin"]
    # One read a page: the cursor goes on where the first page ended, and then stops.
    pages = [await client.get(f"/v1/cpd/ledgers/{number}/evidence-downloads",
                              headers=staff(), params={"limit": 1})]
    pages.append(await client.get(f"/v1/cpd/ledgers/{number}/evidence-downloads",
                                  headers=staff(),
                                  params={"limit": 1, "cursor": pages[0].json()["next_cursor"]}))
    assert sorted(p.json()["items"][0]["role"] for p in pages) == ["applicant", "society_admin"]
    assert pages[1].json()["next_cursor"] is None

    frozen.at = clock.china_midnight(date(2027, 12, 22)) + timedelta(hours=1)
    assert (await client.delete(f"/v1/cpd/ledgers/{number}/evidence/{evidence['id']}",
                                headers=member())).status_code == 409


async def test_deferral_evidence_until_the_decision(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    deferral = (await client.post(f"/v1/cpd/ledgers/{number}/deferrals", headers=member(),
                                  json={"years": [1], "reason": "病假"})).json()
    url = f"/v1/cpd/ledgers/{number}/deferrals/{deferral['id']}/evidence"
    assert (await client.post(url, files={"file": ("诊断.pdf", PDF)}, headers=member())
            ).status_code == 201
    await client.post(f"/v1/cpd/ledgers/{number}/deferrals/{deferral['id']}/decision",
                      headers=staff(), json={"decision": "refused", "reason": "材料不足"})
    assert (await client.post(url, files={"file": ("诊断2.pdf", PDF)}, headers=member())
            ).status_code == 409
    files = (await client.get(f"/v1/cpd/ledgers/{number}/evidence", headers=staff())
             ).json()["items"]
    assert files[0]["deferral_id"] == deferral["id"]
