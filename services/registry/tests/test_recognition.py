"""Mutual recognition: a member asks, the secretariat refers, the partner records the outcome."""

import httpx
from kit.auth import Role
from kit.testing import KEYS
from registry.models import outbox
from registry_factories import issue
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

SECRETARIAT = KEYS.headers(Role.SECRETARIAT, "cse-1")
HOLDER = KEYS.headers(Role.APPLICANT, "user-mr")
HKIE = KEYS.headers(Role.PARTNER, "hkie-client", organisation="HKIE")
IES = KEYS.headers(Role.PARTNER, "ies-client", organisation="IES")


async def test_partners_are_seeded_with_their_agreements(client: httpx.AsyncClient) -> None:
    page = (await client.get("/v1/partners")).json()
    assert page["next_cursor"] is None
    partners = page["items"]
    assert {p["code"] for p in partners} >= {"IES", "HKIE", "IEM", "MEC"}
    hkie = next(p for p in partners if p["code"] == "HKIE")
    [agreement] = hkie["agreements"]
    assert agreement["recognition"] == "membership"
    assert "not a licence" in agreement["scope"]


async def test_referral_from_request_to_outcome(session: AsyncSession,
                                                client: httpx.AsyncClient) -> None:
    certificate = await issue(session, "user-mr", name="周七")
    asked = await client.post("/v1/members/me/referrals", headers=HOLDER, json={
        "certificate_number": certificate.number, "agreement_code": "HKIE-CSE-MR",
        "purpose": "赴港工作 / work in Hong Kong"})
    assert asked.status_code == 201, asked.text
    rid = asked.json()["id"]
    again = await client.post("/v1/members/me/referrals", headers=HOLDER, json={
        "certificate_number": certificate.number, "agreement_code": "HKIE-CSE-MR"})
    assert again.status_code == 409
    someone_else = await client.post(
        "/v1/members/me/referrals", headers=KEYS.headers(Role.APPLICANT, "user-x"),
        json={"certificate_number": certificate.number, "agreement_code": "IES-CSE-MR"})
    assert someone_else.status_code == 403
    # Not yet referred: the partner sees nothing and cannot decide.
    assert (await client.get("/v1/referrals", headers=HKIE)).json() == {
        "items": [], "next_cursor": None}
    outcome = {"outcome": "granted", "granted_title": "MHKIE", "partner_number": "M-12345",
               "decided_on": "2026-12-20"}
    assert (await client.post(f"/v1/referrals/{rid}/outcome", headers=HKIE,
                              json=outcome)).status_code == 409
    assert (await client.post(f"/v1/referrals/{rid}/referral", headers=HKIE,
                              json={})).status_code == 403
    referred = await client.post(f"/v1/referrals/{rid}/referral", headers=SECRETARIAT,
                                 json={"covering_note": "记录良好 / good record"})
    assert referred.status_code == 200, referred.text
    seen = (await client.get("/v1/referrals", headers=HKIE)).json()["items"]
    assert [(r["holder_name"], r["certificate_number"], r["certificate_status"])
            for r in seen] == [("周七", certificate.number, "valid")]
    assert (await client.get("/v1/referrals", headers=IES)).json()["items"] == []
    assert (await client.post(f"/v1/referrals/{rid}/outcome", headers=IES,
                              json=outcome)).status_code == 403
    incomplete = await client.post(f"/v1/referrals/{rid}/outcome", headers=HKIE,
                                   json={"outcome": "granted", "decided_on": "2026-12-20"})
    assert incomplete.status_code == 422
    granted = await client.post(f"/v1/referrals/{rid}/outcome", headers=HKIE, json=outcome)
    assert granted.status_code == 200, granted.text
    assert granted.json()["partner_number"] == "M-12345"
    mine = (await client.get("/v1/members/me/referrals", headers=HOLDER)).json()["items"]
    assert [r["status"] for r in mine] == ["granted"]
    counts = (await client.get("/v1/referrals/counts", headers=SECRETARIAT)).json()["items"]
    hkie = next(c for c in counts if c["agreement_code"] == "HKIE-CSE-MR")
    assert (hkie["granted"], hkie["requested"]) == (1, 0)
    assert (await client.get("/v1/referrals/counts", headers=HKIE)).status_code == 403
    kinds = (await session.scalars(select(outbox.c.type).where(
        outbox.c.type.like("referral.%")).order_by(outbox.c.seq))).all()
    assert kinds == ["referral.requested", "referral.sent", "referral.decided"]


async def test_agreements_bound_levels(session: AsyncSession, client: httpx.AsyncClient) -> None:
    certificate = await issue(session, "user-mr")
    put = await client.put("/v1/partners/IES/agreements", headers=SECRETARIAT, json={
        "code": "IES-CSE-MR", "title": "CSE–IES", "recognition": "title",
        "scope": "senior only", "levels": ["senior"], "signed_on": "2023-06-01"})
    assert put.status_code == 200, put.text
    refused = await client.post("/v1/members/me/referrals", headers=HOLDER, json={
        "certificate_number": certificate.number, "agreement_code": "IES-CSE-MR"})
    assert refused.status_code == 409
    assert "senior" in refused.json()["detail"]
