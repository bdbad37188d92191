"""The API's shared shapes: every list is one cursor page, dates refuse numbers, and the
outcome of a decision on a submission is `accepted` / `rejected`."""

import httpx
from kit.auth import Role
from kit.testing import KEYS
from registry.registrations.handlers import on_evaluation_approved
from registry_factories import approved, issue
from sqlalchemy.ext.asyncio import AsyncSession

SECRETARIAT = KEYS.headers(Role.SECRETARIAT, "cse-1")
CCES = KEYS.headers(Role.SOCIETY_ADMIN, "cces-1", society="cces")
HKIE = KEYS.headers(Role.PARTNER, "hkie-client", organisation="HKIE")


async def walk(client: httpx.AsyncClient, path: str, headers: dict[str, str],
               key: str) -> list[str]:
    """Every item of a list, one item per page, following `next_cursor` to its end."""
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params = {"limit": "1", **({"cursor": cursor} if cursor else {})}
        response = await client.get(path, headers=headers, params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= 1
        seen += [item[key] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen


async def test_the_holders_certificates_page_through_newest_first(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    issued = [await issue(session, "user-pages", level)
              for level in ("apprentice", "professional", "senior")]
    holder = KEYS.headers(Role.APPLICANT, "user-pages")
    numbers = await walk(client, "/v1/members/me/certificates", holder, "number")
    assert sorted(numbers) == sorted(c.number for c in issued)
    bad = await client.get("/v1/members/me/certificates", headers=holder,
                           params={"cursor": "not-a-cursor"})
    assert bad.status_code == 422


async def test_registrations_page_through(session: AsyncSession,
                                          client: httpx.AsyncClient) -> None:
    for name in ("甲", "乙", "丙"):
        await on_evaluation_approved(session, approved(f"user-{name}", name=name))
    names = await walk(client, "/v1/registrations", SECRETARIAT, "applicant_name")
    assert sorted(names) == sorted(["甲", "乙", "丙"])


async def test_dates_refuse_numbers(session: AsyncSession, client: httpx.AsyncClient) -> None:
    certificate = await issue(session, "user-dates")
    suspend = await client.post(f"/v1/certificates/{certificate.number}/status-changes",
                                headers=CCES, json={"action": "suspend", "reason": "调查中 / "
                                                    "under investigation", "effective_on": 0})
    assert suspend.status_code == 422, suspend.text
    agreement = await client.put("/v1/partners/IES/agreements", headers=SECRETARIAT, json={
        "code": "IES-CSE-MR", "title": "CSE–IES", "recognition": "title", "scope": "all",
        "levels": ["senior"], "signed_on": 20230601})
    assert agreement.status_code == 422, agreement.text
    outcome = await client.post(
        "/v1/referrals/0b9e6c3a-4f1d-4c8e-9a57-2f6d1e8b7c40/outcome", headers=HKIE,
        json={"outcome": "refused", "reason": "not this grade", "decided_on": 0})
    assert outcome.status_code == 422, outcome.text


async def test_a_reregistration_decision_speaks_the_platforms_words(
    client: httpx.AsyncClient
) -> None:
    unknown = "/v1/reregistrations/0b9e6c3a-4f1d-4c8e-9a57-2f6d1e8b7c40/decision"
    for old in ("approve", "refuse"):
        assert (await client.post(unknown, headers=CCES,
                                  json={"decision": old})).status_code == 422
    assert (await client.post(unknown, headers=CCES,
                              json={"decision": "accepted"})).status_code == 404
    listed = await client.get("/v1/reregistrations", headers=CCES,
                              params={"status": "approved"})
    assert listed.status_code == 422
    assert (await client.get("/v1/reregistrations", headers=CCES,
                             params={"status": "accepted"})).json() == {
        "items": [], "next_cursor": None}


async def test_the_settings_always_name_their_society(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v1/registrations/settings",
                             headers=SECRETARIAT)).status_code == 422
    assert (await client.get("/v1/registrations/settings", headers=CCES,
                             params={"society": "cmes"})).status_code == 403
    own = await client.get("/v1/registrations/settings", headers=CCES,
                           params={"society": "cces"})
    assert own.json()["registration_mode"] == "confirm"


async def test_an_unknown_number_on_the_verification_page_is_an_html_404(
    client: httpx.AsyncClient
) -> None:
    page = await client.get("/verify/CSE-2026-P-999999", params={"lang": "en"})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
