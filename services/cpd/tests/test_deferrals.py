import uuid
from datetime import date

import httpx
from cpd.ledgers.handlers import on_certificate_renewed
from cpd.models import CpdDeferral
from cpd_factories import events, member, open_ledger, secretariat, staff
from cse_contracts.events import CertificateRenewed
from kit import clock
from kit.events import Envelope
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession


async def test_a_granted_deferral_counts_in_compliance(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    url = f"/v1/cpd/ledgers/{number}/deferrals"
    asked = await client.post(url, json={"years": [1, 2], "reason": "重病住院 / in hospital"},
                              headers=member())
    assert asked.status_code == 201, asked.text
    deferral_id = asked.json()["id"]
    # The reason is personal data: encrypted at rest, hidden from the secretariat.
    stored = (await session.execute(text("SELECT reason FROM cpd_deferrals"))).scalar_one()
    assert stored != "重病住院 / in hospital"
    assert "住院" not in stored
    assert (await client.get(url, headers=secretariat())).json()["items"][0]["reason"] == "***"
    assert (await client.get(url, headers=staff())).json()["items"][0]["reason"].startswith(
        "重病")

    decision = f"{url}/{deferral_id}/decision"
    # The decision is the word of the status it produces: `grant` is not one.
    assert (await client.post(decision, json={"decision": "grant", "mode": "reduce",
                                              "hours": 30}, headers=staff())
            ).status_code == 422
    assert (await client.post(decision, json={"decision": "granted", "mode": "reduce",
                                              "hours": 30}, headers=staff("ciesc"))
            ).status_code == 404
    assert (await client.post(decision, json={"decision": "granted", "mode": "postpone",
                                              "hours": 20, "to_year": 1}, headers=staff())
            ).status_code == 422
    granted = await client.post(decision, json={"decision": "granted", "mode": "reduce",
                                                "hours": 30, "years": [1],
                                                "reason": "按学会预案 / contingency plan"},
                                headers=staff())
    assert granted.status_code == 200, granted.text
    assert granted.json()["years"] == [1]
    again = await client.post(decision, json={"decision": "refused", "reason": "x"},
                              headers=staff())
    assert again.status_code == 409
    compliance = (await client.get(f"/v1/cpd/ledgers/{number}/compliance",
                                   headers=member())).json()
    assert compliance["years"][0]["deferred_hours"] == 30
    assert compliance["years"][0]["shortfall_hours"] == 20
    assert compliance["deferral_granted"] is True
    emitted = (await events(session, "cpd.compliance_changed"))[-1]
    assert emitted["deferral_granted"] is True
    assert emitted["deferred_hours"] == 30
    assert emitted["shortfall_hours"] == 220


async def test_postponed_hours_move_and_refusals_need_a_reason(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    url = f"/v1/cpd/ledgers/{number}/deferrals"
    assert (await client.post(url, json={"years": [6], "reason": "x"}, headers=member())
            ).status_code == 422
    assert (await client.post(url, json={"years": [1], "reason": "x"}, headers=staff())
            ).status_code == 403
    first = (await client.post(url, json={"years": [1], "reason": "外派 / posted abroad"},
                               headers=member())).json()
    granted = await client.post(f"{url}/{first['id']}/decision", headers=staff(), json={
        "decision": "granted", "mode": "postpone", "hours": 20, "to_year": 3})
    assert granted.status_code == 200, granted.text
    years = (await client.get(f"/v1/cpd/ledgers/{number}/compliance",
                              headers=member())).json()["years"]
    assert [(y["required_hours"], y["deferred_hours"]) for y in years[:3]] == [
        (50, 20), (50, 0), (70, 0)]
    second = (await client.post(url, json={"years": [2], "reason": "x"},
                                headers=member())).json()
    no_reason = await client.post(f"{url}/{second['id']}/decision", headers=staff(),
                                  json={"decision": "refused"})
    assert no_reason.status_code == 422
    refused = await client.post(f"{url}/{second['id']}/decision", headers=staff(),
                                json={"decision": "refused", "reason": "理由不充分"})
    assert refused.json()["status"] == "refused"
    statuses = (await session.scalars(select(CpdDeferral.status))).all()
    assert sorted(statuses) == ["granted", "refused"]


async def test_a_deferral_stays_with_the_validity_it_was_granted_for(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    url = f"/v1/cpd/ledgers/{number}/deferrals"
    asked = (await client.post(url, json={"years": [1], "reason": "x"}, headers=member())).json()
    await client.post(f"{url}/{asked['id']}/decision", headers=staff(), json={
        "decision": "granted", "mode": "reduce", "hours": 50})
    await on_certificate_renewed(session, Envelope.wrap(CertificateRenewed(
        certificate_id=uuid.uuid4(), certificate_number=number, applicant_id="user-zhang",
        society_code="cces", level="professional", valid_from=date(2031, 11, 22),
        valid_until=date(2036, 11, 21)), source="/services/registry", subject="x"))
    renewed = (await events(session, "cpd.compliance_changed"))[-1]
    assert renewed["period_start"] == "2031-11-22"
    assert renewed["deferred_hours"] == 0
    assert renewed["deferral_granted"] is False
