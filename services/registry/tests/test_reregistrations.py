"""Re-registration (再注册): the window, CPD compliance from the CPD service, same number."""

import io
import uuid
from datetime import timedelta

import httpx
from cse_contracts.events import CpdComplianceChanged
from kit import clock
from kit.auth import Role
from kit.events import Envelope
from kit.testing import KEYS
from pypdf import PdfReader
from registry.certificates.rules import reregistration_opens
from registry.models import Certificate, outbox
from registry.reregistrations.handlers import on_cpd_compliance_changed
from registry_factories import issue
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

CCES = KEYS.headers(Role.SOCIETY_ADMIN, "cces-1", society="cces")
CMES = KEYS.headers(Role.SOCIETY_ADMIN, "cmes-1", society="cmes")
HOLDER = KEYS.headers(Role.APPLICANT, "user-rr")


def compliance(certificate: Certificate, credited: float, *, deferral: bool = False,
               deferred: float = 0.0, at_offset: int = 0) -> Envelope:
    required = 250.0
    data = CpdComplianceChanged(
        certificate_number=certificate.number, applicant_id="user-rr", society_code="cces",
        period_start=certificate.valid_from, period_end=certificate.valid_until,
        required_hours=required, credited_hours=credited, deferred_hours=deferred,
        shortfall_hours=max(0.0, required - credited - deferred),
        compliant=credited + deferred >= required, deferral_granted=deferral,
    )
    envelope = Envelope.wrap(data, source="/services/cpd", subject="x")
    envelope.time += timedelta(seconds=at_offset)
    return envelope


async def apply(client: httpx.AsyncClient, number: str) -> httpx.Response:
    return await client.post(f"/v1/certificates/{number}/reregistrations", headers=HOLDER,
                             json={"statement": "五年来持续学习 / five years of learning"})


async def test_refused_before_the_window_with_the_date_it_opens(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    certificate = await issue(session, "user-rr")
    early = await apply(client, certificate.number)
    assert early.status_code == 409
    assert str(reregistration_opens(certificate.valid_until)) in early.json()["detail"]


async def test_cpd_met_renews_with_the_same_number_five_years_on(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    certificate = await issue(session, "user-rr")
    old_end = certificate.valid_until
    await on_cpd_compliance_changed(session, compliance(certificate, 120, at_offset=1))
    await on_cpd_compliance_changed(session, compliance(certificate, 260, at_offset=2))
    # A stale event arriving late changes nothing.
    await on_cpd_compliance_changed(session, compliance(certificate, 10, at_offset=0))
    in_window = clock.china_midnight(old_end - timedelta(days=30))
    with clock.use(clock.FrozenClock(in_window)):
        applied = await apply(client, certificate.number)
        assert applied.status_code == 201, applied.text
        assert applied.json()["cpd"]["credited_hours"] == 260
        assert (await apply(client, certificate.number)).status_code == 409
        rid = applied.json()["id"]
        other = await client.post(f"/v1/reregistrations/{rid}/decision", headers=CMES,
                                  json={"decision": "accepted"})
        assert other.status_code == 403
        listed = (await client.get("/v1/reregistrations?status=pending",
                                   headers=CCES)).json()["items"]
        assert [r["id"] for r in listed] == [rid]
        assert (await client.get("/v1/reregistrations", headers=CMES)).json() == {
            "items": [], "next_cursor": None}
        decided = await client.post(f"/v1/reregistrations/{rid}/decision", headers=CCES,
                                    json={"decision": "accepted"})
        assert decided.status_code == 200, decided.text
    new_end = old_end.replace(year=old_end.year + 5)
    assert decided.json()["new_valid_until"] == str(new_end)
    public = (await client.get(f"/v1/certificates/{certificate.number}")).json()
    assert (public["number"], public["valid_from"], public["valid_until"]) == (
        certificate.number, str(old_end + timedelta(days=1)), str(new_end))
    [renewed] = [row["data"] for row in await session.scalars(
        select(outbox.c.envelope).where(outbox.c.type == "certificate.renewed"))]
    assert renewed["certificate_number"] == certificate.number
    assert renewed["valid_until"] == str(new_end)
    history = (await client.get(f"/v1/certificates/{certificate.number}/history",
                                headers=HOLDER)).json()
    assert [c["kind"] for c in history["changes"]] == ["issued", "renewed"]
    # The reissued PDF: the same number, the new validity and the day it was reissued.
    pdf = await client.get(f"/v1/certificates/{certificate.number}/certificate.pdf",
                           headers=HOLDER)
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert certificate.number in text
    assert f"{new_end.year}年{new_end.month}月{new_end.day}日" in text
    assert "再注册换发 / Reissued on" in text


async def test_cpd_short_cannot_be_accepted_and_is_rejected_with_the_shortfall(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    certificate = await issue(session, "user-rr")
    await on_cpd_compliance_changed(session, compliance(certificate, 180))
    with clock.use(clock.FrozenClock(clock.china_midnight(
            certificate.valid_until - timedelta(days=10)))):
        rid = (await apply(client, certificate.number)).json()["id"]
        approve = await client.post(f"/v1/reregistrations/{rid}/decision", headers=CCES,
                                    json={"decision": "accepted"})
        assert approve.status_code == 409
        assert "70" in approve.json()["detail"]
        refuse = await client.post(f"/v1/reregistrations/{rid}/decision", headers=CCES,
                                   json={"decision": "rejected"})
        assert refuse.status_code == 200
    assert "180" in refuse.json()["reasons"]
    assert refuse.json()["status"] == "rejected"
    [refused] = [row["data"] for row in await session.scalars(
        select(outbox.c.envelope).where(outbox.c.type == "reregistration.refused"))]
    assert "CPD short" in refused["reasons"]


async def test_a_granted_deferral_counts_for_the_hours_it_excuses(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    covered = await issue(session, "user-rr")
    await on_cpd_compliance_changed(session, compliance(covered, 150, deferral=True,
                                                        deferred=100))
    with clock.use(clock.FrozenClock(clock.china_midnight(
            covered.valid_until - timedelta(days=10)))):
        rid = (await apply(client, covered.number)).json()["id"]
        decided = await client.post(f"/v1/reregistrations/{rid}/decision", headers=CCES,
                                    json={"decision": "accepted"})
    assert decided.status_code == 200, decided.text


async def test_a_deferral_that_excuses_less_than_the_shortfall_does_not_make_it_met(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    short = await issue(session, "user-rr")
    await on_cpd_compliance_changed(session, compliance(short, 150, deferral=True, deferred=10))
    with clock.use(clock.FrozenClock(clock.china_midnight(
            short.valid_until - timedelta(days=10)))):
        rid = (await apply(client, short.number)).json()["id"]
        decided = await client.post(f"/v1/reregistrations/{rid}/decision", headers=CCES,
                                    json={"decision": "accepted"})
    assert decided.status_code == 409, decided.text
    assert "90" in decided.json()["detail"]


async def test_after_expiry_refused_unless_the_society_allows_it(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    certificate = await issue(session, "user-rr")
    after = clock.china_midnight(certificate.valid_until + timedelta(days=20))
    with clock.use(clock.FrozenClock(after)):
        late = await apply(client, certificate.number)
        assert late.status_code == 409
        assert "after expiry" in late.json()["detail"]
        allowed = await client.patch("/v1/registrations/settings?society=cces", headers=CCES,
                                     json={"reregistration_after_expiry": True})
        assert allowed.status_code == 200, allowed.text
        assert (await apply(client, certificate.number)).status_code == 201
    assert (await client.post(f"/v1/reregistrations/{uuid.uuid4()}/decision", headers=CCES,
                              json={"decision": "accepted"})).status_code == 404
