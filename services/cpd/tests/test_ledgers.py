import uuid
from datetime import date

import httpx
from cpd.ledgers.handlers import (
    on_certificate_issued,
    on_certificate_renewed,
    on_certificate_status_changed,
    on_member_barred,
)
from cpd_factories import activity, events, issued, member, open_ledger, record, staff
from cse_contracts.events import CertificateRenewed, CertificateStatusChanged, MemberBarred
from kit import clock
from kit.auth import Role
from kit.events import Envelope
from kit.testing import KEYS
from sqlalchemy.ext.asyncio import AsyncSession


async def test_ledger_follows_the_society_policy(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    await on_certificate_issued(session, issued("ciesc", "CSE-2026-P-000001"))
    await on_certificate_issued(session, issued("cces", "CSE-2026-P-000002"))
    await on_certificate_issued(session, issued("cces", "CSE-2026-P-000002"))
    opened = await events(session, "cpd.ledger_opened")
    assert [e["required_hours_per_year"] for e in opened] == [40, 50]
    compliance = await events(session, "cpd.compliance_changed")
    assert [(e["required_hours"], e["compliant"]) for e in compliance] == [(200, False),
                                                                          (250, False)]
    own = await client.get("/v1/cpd/ledgers", headers=member())
    assert len(own.json()["items"]) == 2
    chemical_staff = staff("ciesc")
    society = (await client.get("/v1/cpd/ledgers", headers=chemical_staff)).json()
    assert len(society["items"]) == 1
    # One page at a time, the cursor going on where the page ended.
    first = (await client.get("/v1/cpd/ledgers", headers=member(), params={"limit": 1})).json()
    rest = (await client.get("/v1/cpd/ledgers", headers=member(),
                             params={"limit": 1, "cursor": first["next_cursor"]})).json()
    assert sorted(p["items"][0]["certificate_number"] for p in (first, rest)) == [
        "CSE-2026-P-000001", "CSE-2026-P-000002"]
    assert rest["next_cursor"] is None
    hidden = await client.get("/v1/cpd/ledgers/CSE-2026-P-000002", headers=chemical_staff)
    assert hidden.status_code == 404
    stranger = KEYS.headers(Role.APPLICANT, "user-li")
    assert (await client.get("/v1/cpd/ledgers/CSE-2026-P-000001",
                             headers=stranger)).status_code == 404
    assert (await client.get("/v1/cpd/ledgers/CSE-2026-P-000001/compliance",
                             headers=stranger)).status_code == 404
    examiner = KEYS.headers(Role.EXAMINER, "ex", society="ciesc")
    assert (await client.get("/v1/cpd/ledgers", headers=examiner)).status_code == 403


def _status(number: str, status: str) -> Envelope:
    return Envelope.wrap(CertificateStatusChanged(
        certificate_id=uuid.uuid4(), certificate_number=number, applicant_id="user-zhang",
        society_code="cces", level="professional", status=status,
        previous_status="valid", reason="x", effective_on=date(2027, 2, 1),
        valid_until=date(2031, 11, 21)), source="/services/registry", subject="x")


async def test_revoked_or_barred_ledgers_are_frozen(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    await on_certificate_status_changed(session, _status(number, "suspended"))
    assert (await record(client, number, activity())).status_code == 201
    await on_certificate_status_changed(session, _status(number, "revoked"))
    refused = await record(client, number, activity())
    assert refused.status_code == 409
    upgraded = await open_ledger(session, "CSE-2026-P-000005")
    await on_certificate_status_changed(session, _status(upgraded, "superseded"))
    assert (await record(client, upgraded, activity())).status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    other = await open_ledger(session, "CSE-2026-P-000009")
    await on_member_barred(session, Envelope.wrap(MemberBarred(
        member_id=None, applicant_id="user-zhang", reason="虚假材料", barred_at=clock.now()),
        source="/services/registry", subject="x"))
    assert (await record(client, other, activity())).status_code == 409
    ledger = (await client.get(f"/v1/cpd/ledgers/{other}", headers=member())).json()
    assert ledger["barred"] is True


async def test_renewal_moves_the_ledger_to_the_new_validity(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    earlier = (await record(client, number, activity())).json()
    renewed = Envelope.wrap(CertificateRenewed(
        certificate_id=uuid.uuid4(), certificate_number=number, applicant_id="user-zhang",
        society_code="cces", level="professional", valid_from=date(2031, 11, 22),
        valid_until=date(2036, 11, 21)), source="/services/registry", subject="x")
    await on_certificate_renewed(session, renewed)
    await on_certificate_renewed(session, renewed)
    latest = (await events(session, "cpd.compliance_changed"))
    assert [e["period_start"] for e in latest] == ["2026-11-22", "2026-11-22", "2031-11-22"]
    body = (await client.get(f"/v1/cpd/ledgers/{number}/compliance", headers=member())).json()
    assert body["period_end"] == "2036-11-21"
    assert body["years"][0]["start"] == "2031-11-22"
    # What was recorded in the old validity was examined with it: frozen now.
    url = f"/v1/cpd/ledgers/{number}/activities/{earlier['id']}"
    assert (await client.delete(url, headers=member())).status_code == 409
    assert (await client.patch(url, json={"reflection": "x"}, headers=member())
            ).status_code == 409
