"""An examiner profile refers to an examiner account that exists (kit.accounts)."""

import httpx
from evaluation_factories import staff


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
    assert all(e["subject"] != "no-such-user" for e in listed.json())
