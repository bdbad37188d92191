"""The public register, its change feed and the verification page."""

import httpx
from cse_contracts.events import PublicationConsent
from kit.auth import Role
from kit.testing import KEYS
from registry_factories import issue
from sqlalchemy.ext.asyncio import AsyncSession

CCES = KEYS.headers(Role.SOCIETY_ADMIN, "cces-1", society="cces")


async def test_search_by_number_any_case_or_by_name_with_filters(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    first = await issue(session, "user-1", name="王五",
                        consent=PublicationConsent(show_employer=True, employer="中交"))
    await issue(session, "user-2", name="王五", society="cmes")
    await issue(session, "user-3", name="赵六")
    by_number = await client.get("/v1/register", params={"number": first.number.lower()})
    assert by_number.status_code == 200
    [item] = by_number.json()["items"]
    assert item["holder_name"] == "王五"
    assert item["employer"] == "中交"
    assert "applicant_id" not in item
    assert "public" in by_number.headers["cache-control"]
    by_name = (await client.get("/v1/register", params={"name": "王五"})).json()["items"]
    assert len(by_name) == 2
    filtered = (await client.get("/v1/register",
                                 params={"name": "王五", "society": "cmes"})).json()["items"]
    assert [i["society_code"] for i in filtered] == ["cmes"]
    page = (await client.get("/v1/register", params={"name": "王五", "limit": 1})).json()
    assert len(page["items"]) == 1
    rest = (await client.get("/v1/register", params={
        "name": "王五", "limit": 1, "cursor": page["next_cursor"]})).json()
    assert rest["items"][0]["number"] != page["items"][0]["number"]
    nothing: dict[str, object] = {"items": [], "next_cursor": None}  # no bare listing
    assert (await client.get("/v1/register")).json() == nothing
    assert (await client.get("/v1/register", params={"society": "cces"})).json() == nothing
    assert (await client.get("/v1/register", params={"name": "王五",
                                                     "limit": 500})).status_code == 422


async def test_change_feed_lists_every_change_in_order_from_a_cursor(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    certificate = await issue(session, "user-f")
    start = (await client.get("/v1/register/changes")).json()
    assert [i["kind"] for i in start["items"]] == ["issued"]
    cursor = start["next_cursor"]
    await client.post(f"/v1/certificates/{certificate.number}/status-changes", headers=CCES,
                      json={"action": "suspend", "reason": "调查中 / under investigation"})
    after = (await client.get("/v1/register/changes", params={"since": cursor})).json()
    assert [(i["certificate_number"], i["kind"], i["status"]) for i in after["items"]] == [
        (certificate.number, "suspended", "suspended")]
    assert "reason" not in after["items"][0]
    idle = (await client.get("/v1/register/changes",
                             params={"since": after["next_cursor"]})).json()
    assert idle == {"items": [], "next_cursor": after["next_cursor"]}
    assert (await client.get("/v1/register/changes", params={"since": "x"})).status_code == 422


async def test_verification_page_in_chinese_and_english(session: AsyncSession,
                                                        client: httpx.AsyncClient) -> None:
    certificate = await issue(session, "user-v", name="李雷")
    zh = await client.get(f"/verify/{certificate.number.lower()}")
    assert zh.status_code == 200
    assert zh.headers["content-type"].startswith("text/html")
    assert "李雷" in zh.text
    assert "有效" in zh.text
    assert "<script" not in zh.text
    assert "http" not in zh.text.split("</style>")[0].split("<style>")[1]  # no external asset
    assert "default-src 'none'" in zh.headers["content-security-policy"]
    en = await client.get(f"/verify/{certificate.number}",
                          headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Valid" in en.text
    assert 'href="?lang=zh"' in en.text
    switched = await client.get(f"/verify/{certificate.number}?lang=en",
                                headers={"Accept-Language": "zh-CN"})
    assert "Certificate number" in switched.text
    await client.post(f"/v1/certificates/{certificate.number}/status-changes", headers=CCES,
                      json={"action": "suspend", "reason": "调查中 / under investigation"})
    suspended = await client.get(f"/verify/{certificate.number}?lang=en")
    assert "Suspended since" in suspended.text
    unknown = await client.get("/verify/CSE-1999-P-000009")
    assert unknown.status_code == 404
    assert "未找到" in unknown.text
    form = await client.get("/verify")
    assert form.status_code == 200
    assert '<form method="get" action="/verify">' in form.text
    submitted = await client.get("/verify", params={"number": " cse-2026-p-000001", "lang": "en"},
                                 follow_redirects=False)
    assert submitted.status_code == 303
    assert submitted.headers["location"] == "/verify/CSE-2026-P-000001?lang=en"
