"""Registration (注册备案): confirmed by the secretariat in batches, or automatic per society."""

from datetime import UTC, datetime

import httpx
from cse_contracts.events import PublicationConsent
from kit import clock
from kit.auth import Role
from kit.testing import KEYS
from registry.models import Member, outbox
from registry.registrations.handlers import on_evaluation_approved
from registry_factories import approved, issue
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

SECRETARIAT = KEYS.headers(Role.SECRETARIAT, "cse-1")
CCES = KEYS.headers(Role.SOCIETY_ADMIN, "cces-1", society="cces")


async def events(session: AsyncSession, kind: str) -> list[dict[str, object]]:
    rows = await session.scalars(
        select(outbox.c.envelope).where(outbox.c.type == kind).order_by(outbox.c.seq))
    return [row["data"] for row in rows]


async def test_approval_waits_for_the_secretariat_who_confirms_in_a_batch(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    first, second = approved("user-a", name="甲"), approved("user-b", name="乙")
    for envelope in (first, second, first):  # the same case twice: one registration
        await on_evaluation_approved(session, envelope)
    assert await events(session, "certificate.issued") == []
    pending = (await client.get("/v1/registrations", headers=SECRETARIAT)).json()["items"]
    assert sorted(p["applicant_name"] for p in pending) == ["乙", "甲"]
    assert (await client.get("/v1/registrations", headers=CCES)).status_code == 200
    other = KEYS.headers(Role.SOCIETY_ADMIN, "x", society="cmes")
    assert (await client.get("/v1/registrations", headers=other)).json()["items"] == []

    body = {"registration_ids": [p["id"] for p in pending]}
    assert (await client.post("/v1/registrations/confirmations", json=body,
                              headers=CCES)).status_code == 403
    response = await client.post("/v1/registrations/confirmations", json=body,
                                 headers=SECRETARIAT)
    assert response.status_code == 200, response.text
    year = clock.today().year
    assert [c["certificate_number"] for c in response.json()["confirmed"]] == [
        f"CSE-{year}-P-000001", f"CSE-{year}-P-000002"]
    issued = await events(session, "certificate.issued")
    assert [e["applicant_id"] for e in issued] == ["user-a", "user-b"]
    listed = (await client.get("/v1/registrations?status=confirmed",
                               headers=CCES)).json()["items"]
    assert sorted(r["certificate_number"] for r in listed) == [
        f"CSE-{year}-P-000001", f"CSE-{year}-P-000002"]
    again = await client.post("/v1/registrations/confirmations", json=body,
                              headers=SECRETARIAT)
    assert again.status_code == 409


async def test_a_society_set_to_automatic_registers_at_once(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    refused = await client.patch("/v1/registrations/settings?society=cces",
                                 json={"registration_mode": "automatic"}, headers=CCES)
    assert refused.status_code == 403
    response = await client.patch("/v1/registrations/settings?society=cces",
                                  json={"registration_mode": "automatic"}, headers=SECRETARIAT)
    assert response.status_code == 200, response.text
    assert response.json()["registration_mode"] == "automatic"
    evaluated = approved("user-auto")
    await on_evaluation_approved(session, evaluated)
    [issued] = await events(session, "certificate.issued")
    assert issued["applicant_id"] == "user-auto"
    # The application evaluated, so applications registers that one and no other.
    assert issued["application_id"] == evaluated.data["application_id"]
    await on_evaluation_approved(session, approved("user-other", society="cmes"))
    assert len(await events(session, "certificate.issued")) == 1


async def test_secretariat_refuses_with_a_reason(session: AsyncSession,
                                                 client: httpx.AsyncClient) -> None:
    await on_evaluation_approved(session, approved("user-r"))
    [pending] = (await client.get("/v1/registrations", headers=SECRETARIAT)).json()["items"]
    response = await client.post(f"/v1/registrations/{pending['id']}/refusal",
                                 json={"reason": "公示期异议成立 / objection upheld"},
                                 headers=SECRETARIAT)
    assert response.status_code == 200
    [refusal] = await events(session, "registration.refused")
    assert "objection upheld" in str(refusal["reason"])


async def test_a_barred_person_is_never_registered(session: AsyncSession,
                                                   client: httpx.AsyncClient) -> None:
    # Pending when the ban comes: refused with the reason, and nothing issued later.
    await on_evaluation_approved(session, approved("user-bad"))
    ban = {"applicant_id": "user-bad", "reason": "提供虚假材料 / false material"}
    banned = await client.post("/v1/members/bans", json=ban, headers=SECRETARIAT)
    assert banned.status_code == 201, banned.text
    assert banned.json()["refused_registrations"] == 1
    # A case approved after the ban is refused on arrival.
    await on_evaluation_approved(session, approved("user-bad", level="senior"))
    refusals = await events(session, "registration.refused")
    assert len(refusals) == 2
    assert all("false material" in str(r["reason"]) for r in refusals)
    assert await events(session, "certificate.issued") == []
    listing = (await client.get("/v1/registrations?status=refused",
                                headers=SECRETARIAT)).json()["items"]
    assert {r["status"] for r in listing} == {"refused"}


async def test_an_upgrade_supersedes_the_lower_certificate(session: AsyncSession,
                                                           client: httpx.AsyncClient) -> None:
    lower = await issue(session, "user-up", "professional")
    higher = await issue(session, "user-up", "senior")
    assert await session.scalar(select(func.count()).select_from(Member)) == 1
    assert lower.status == "superseded"
    assert higher.status == "valid"
    [change] = await events(session, "certificate.status_changed")
    assert change["certificate_number"] == lower.number
    assert change["status"] == "superseded"
    mine = await client.get("/v1/members/me/certificates",
                            headers=KEYS.headers(Role.APPLICANT, "user-up"))
    assert sorted((c["number"], c["status"]) for c in mine.json()["items"]) == sorted([
        (lower.number, "superseded"), (higher.number, "valid")])


async def test_dates_are_china_dates(session: AsyncSession) -> None:
    # 07:30 in Beijing on 2 December is still 1 December in UTC.
    morning = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    with clock.use(clock.FrozenClock(morning)):
        certificate = await issue(session, "user-early")
    assert str(certificate.valid_from) == "2026-12-02"
    assert str(certificate.valid_until) == "2031-12-01"
    assert certificate.number.startswith("CSE-2026-")


async def test_consent_travels_with_the_approval_and_the_member_changes_it(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    consent = PublicationConsent(show_employer=True, employer="中国路桥", show_contact=False,
                                 contact_email="should-not-be-kept@example.org")
    certificate = await issue(session, "user-c", consent=consent)
    public = (await client.get(f"/v1/certificates/{certificate.number.lower()}")).json()
    assert public["employer"] == "中国路桥"
    assert public["contact_email"] is None
    me = KEYS.headers(Role.APPLICANT, "user-c")
    assert (await client.get("/v1/members/me/publication-consent",
                             headers=me)).json()["contact_email"] is None
    bad = await client.put("/v1/members/me/publication-consent", headers=me,
                           json={"show_employer": False, "show_contact": True})
    assert bad.status_code == 422
    changed = await client.put(
        "/v1/members/me/publication-consent", headers=me,
        json={"show_employer": False, "show_contact": True, "contact_email": "c@example.org"})
    assert changed.status_code == 200, changed.text
    public = (await client.get(f"/v1/certificates/{certificate.number}")).json()
    assert public["employer"] is None
    assert public["contact_email"] == "c@example.org"
    stored = await session.scalar(
        text("SELECT contact_email FROM members WHERE applicant_id = 'user-c'"))
    assert stored is not None
    assert "c@example.org" not in stored
    nobody = await client.get("/v1/members/me/publication-consent",
                              headers=KEYS.headers(Role.APPLICANT, "user-none"))
    assert nobody.status_code == 404
