"""The register end to end, through the gateway: `evaluation.approved` → confirmation → PDF
with a QR code → the verification page in a real browser → the credential verified →
suspended and restored (seen through nginx's micro-cache within 5 s) → a partner records a
referral outcome → a re-registration outside and inside its window, CPD short → expiry on
the moved clock."""

import asyncio
import io
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import aio_pika
import httpx
import jwt
import pypdfium2  # type: ignore[import-untyped]
import pytest
import zxingcpp
from cse_contracts.events import EvaluationApproved, PublicationConsent
from e2e_support import CONFIG, ROOT, bearer, login, until
from kit import clock
from kit.events import Envelope
from platform_launcher import Platform
from playwright.async_api import Browser, async_playwright
from pypdf import PdfReader

pytestmark = pytest.mark.e2e
GATEWAY = f"http://127.0.0.1:{CONFIG.gateway_port}"
ARTIFACTS = ROOT / "var" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@pytest.fixture(autouse=True)
def _clock_restored() -> Iterator[None]:
    """This module moves the shared platform's clock five years on; the e2e tests after it
    find it where it was before (an offset only ever set by tests, in dev mode)."""
    before = clock.OffsetFileClock(CONFIG.clock_file).offset()
    yield
    clock.reset(CONFIG.clock_file)
    if before:
        clock.advance(CONFIG.clock_file, before)


async def confirmation_required(http: httpx.AsyncClient, secretariat: dict[str, str]) -> None:
    """The society's default, whatever an earlier test set: the secretariat confirms."""
    mode = await http.patch("/v1/registrations/settings", params={"society": "cces"},
                            json={"registration_mode": "confirm"}, headers=secretariat)
    assert mode.status_code == 200, mode.text


async def publish_approval(applicant_id: str, name: str) -> None:
    """Evaluation's fact, as its relay publishes it: the registry's work starts here (the
    walking skeleton drives the whole chain up to this event)."""
    data = EvaluationApproved(
        case_id=uuid.uuid4(), application_id=uuid.uuid4(), applicant_id=applicant_id,
        applicant_name=name, society_code="cces", level="professional", field_code="civil",
        specialty_code="civil.structural", approved_at=datetime.now(UTC),
        publication_consent=PublicationConsent(show_employer=True, employer="中国路桥"),
    )
    envelope = Envelope.wrap(data, source="/services/evaluation", subject="cases/e2e")
    connection = await aio_pika.connect(CONFIG.amqp_url)
    try:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await channel.get_exchange(CONFIG.exchange)
        await exchange.publish(
            aio_pika.Message(body=envelope.model_dump_json().encode(),
                             content_type="application/cloudevents+json",
                             message_id=str(envelope.id), type=envelope.type,
                             delivery_mode=aio_pika.DeliveryMode.PERSISTENT),
            routing_key=envelope.type)
    finally:
        await connection.close()


def platform_now() -> datetime:
    return datetime.now(UTC) + clock.OffsetFileClock(CONFIG.clock_file).offset()


def move_clock_to(platform: Platform, moment: datetime) -> None:
    """Forward only (the clock never goes back): to `moment` plus a few seconds."""
    delta = moment - platform_now() + timedelta(seconds=5)
    if delta > timedelta(0):
        platform.advance_clock(delta)


async def page_status(browser: Browser, url: str, *, locale: str = "zh-CN",
                      screenshot: str | None = None) -> tuple[str, str]:
    """What a person scanning the QR code reads: the status word and since when."""
    context = await browser.new_context(locale=locale)
    try:
        page = await context.new_page()
        response = await page.goto(url)
        assert response is not None
        status = (await page.text_content("#status") or "").strip()
        since = (await page.text_content("#since") or "").strip()
        if screenshot:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(ARTIFACTS / screenshot), full_page=True)
        return status, since
    finally:
        await context.close()


async def page_shows(browser: Browser, url: str, word: str, *, within: float) -> float:
    """Seconds until the page (through nginx's micro-cache) shows `word`."""
    started = time.monotonic()
    while True:
        status, _ = await page_status(browser, url)
        if word in status:
            return time.monotonic() - started
        assert time.monotonic() - started < within, f"page still says {status!r}"
        await asyncio.sleep(0.25)


async def verify(http: httpx.AsyncClient, token: str) -> str:
    result = await http.post("/v1/verifications", json={"credential": token})
    assert result.status_code == 200, result.text
    outcome: str = result.json()["outcome"]
    return outcome


@pytest.mark.skipif(not CHROMIUM.exists(), reason="apt-get install -y chromium")
async def test_certificate_from_approval_to_qr_scan_credential_and_expiry(
    e2e_platform: Platform,
) -> None:
    run = uuid.uuid4().hex[:8]
    e2e_platform.gateway_cli("create-user", "--username", f"cse-{run}", "--password",
                             "secretariat-pass-1", "--role", "secretariat",
                             "--name", "联合体秘书处")
    partner_secret = "hkie-client-secret-0123456789"
    e2e_platform.gateway_cli("create-client", "--client-id", f"hkie-{run}", "--name", "HKIE",
                             "--role", "partner", "--organisation", "HKIE",
                             "--secret", partner_secret)
    async with (httpx.AsyncClient(base_url=GATEWAY, timeout=20) as http,
                async_playwright() as playwright):
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                   args=CHROMIUM_ARGS)
        e2e_platform.gateway_cli("create-user", "--username", f"cces-{run}", "--password",
                                 "society-pass-1", "--role", "society_admin",
                                 "--name", "学会乙", "--society", "cces")
        registered = await http.post("/v1/auth/register", json={
            "username": f"hanmeimei-{run}", "password": "applicant-pass-1",
            "display_name": "韩梅梅"})
        assert registered.status_code == 201, registered.text
        applicant = await login(http, f"hanmeimei-{run}", "applicant-pass-1")
        subject = jwt.decode(applicant["Authorization"].split()[1],
                             options={"verify_signature": False})["sub"]
        society = await login(http, f"cces-{run}", "society-pass-1")
        secretariat = await login(http, f"cse-{run}", "secretariat-pass-1")
        await confirmation_required(http, secretariat)
        await publish_approval(subject, "韩梅梅")

        # 1. The approval waits for the secretariat, who confirms it in a batch.
        async def pending() -> Any:
            rows = (await http.get("/v1/registrations", params={"society": "cces"},
                                   headers=secretariat)).json()["items"]
            return [r for r in rows if r["applicant_name"] == "韩梅梅"]

        [registration] = await until(pending, what="the pending registration")
        confirmed = await http.post("/v1/registrations/confirmations", headers=secretariat,
                                    json={"registration_ids": [registration["id"]]})
        assert confirmed.status_code == 200, confirmed.text
        number = confirmed.json()["confirmed"][0]["certificate_number"]

        async def mine() -> Any:
            return (await http.get("/v1/members/me/certificates",
                                   headers=applicant)).json()["items"]

        certificate = (await until(mine, what="the member's certificate"))[0]
        assert certificate["number"] == number

        # 2. The PDF: the Chinese name and the number in its text, a QR code to the page.
        pdf = await http.get(f"/v1/certificates/{number}/certificate.pdf", headers=applicant)
        assert pdf.status_code == 200, pdf.text
        text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
        assert "韩梅梅" in text
        assert number in text
        image = pypdfium2.PdfDocument(pdf.content)[0].render(scale=3).to_pil()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        image.save(ARTIFACTS / "register-e2e-certificate.png")
        [code] = zxingcpp.read_barcodes(image)
        qr_url = code.text
        assert qr_url == f"{GATEWAY}/verify/{number}"

        # 3. Someone scans it: the page says valid, in Chinese, and in English on the switch.
        status, since = await page_status(browser, qr_url, screenshot="register-e2e-valid.png")
        assert status == "有效"
        assert certificate["valid_from"] in since
        status, _ = await page_status(browser, qr_url + "?lang=en")
        assert status == "Valid"

        # 4. The credential verifies; suspended and restored, each seen within 5 s.
        credential = await http.get(f"/v1/certificates/{number}/credential",
                                    headers=applicant)
        token = credential.text
        assert await verify(http, token) == "valid"
        changes = f"/v1/certificates/{number}/status-changes"
        suspended = await http.post(changes, headers=society, json={
            "action": "suspend", "reason": "投诉调查中 / under investigation"})
        assert suspended.status_code == 200, suspended.text
        assert await page_shows(browser, qr_url, "已暂停", within=5.0) <= 5.0
        await page_status(browser, qr_url, screenshot="register-e2e-suspended.png")
        assert await verify(http, token) == "suspended"
        restored = await http.post(changes, headers=society, json={
            "action": "restore", "reason": "调查结束，无违规 / cleared"})
        assert restored.status_code == 200, restored.text
        assert await page_shows(browser, qr_url, "有效", within=5.0) <= 5.0
        assert await verify(http, token) == "valid"
        feed = (await http.get("/v1/register/changes")).json()
        kinds = [c["kind"] for c in feed["items"] if c["certificate_number"] == number]
        assert kinds == ["issued", "suspended", "restored"]
        found = (await http.get("/v1/register", params={"number": number.lower()})).json()
        assert found["items"][0]["holder_name"] == "韩梅梅"

        # 5. Mutual recognition: asked, referred, and HKIE's client records its title.
        asked = await http.post("/v1/members/me/referrals", headers=applicant, json={
            "certificate_number": number, "agreement_code": "HKIE-CSE-MR"})
        assert asked.status_code == 201, asked.text
        referral = asked.json()["id"]
        sent = await http.post(f"/v1/referrals/{referral}/referral", headers=secretariat,
                               json={"covering_note": "推荐 / referred"})
        assert sent.status_code == 200, sent.text
        partner_token = await http.post("/v1/auth/token", data={
            "grant_type": "client_credentials", "client_id": f"hkie-{run}",
            "client_secret": partner_secret})
        partner = bearer(partner_token.json()["access_token"])
        addressed = (await http.get("/v1/referrals", headers=partner)).json()["items"]
        assert referral in [r["id"] for r in addressed]
        outcome = await http.post(f"/v1/referrals/{referral}/outcome", headers=partner, json={
            "outcome": "granted", "granted_title": "MHKIE", "partner_number": f"M-{run}",
            "decided_on": str(clock.china_date(platform_now()))})
        assert outcome.status_code == 200, outcome.text

        # 6. Re-registration: refused before its window, with the date it opens.
        valid_until = date.fromisoformat(certificate["valid_until"])
        reregister = f"/v1/certificates/{number}/reregistrations"
        early = await http.post(reregister, headers=applicant, json={})
        assert early.status_code == 409
        assert "opens on" in early.json()["detail"]
        # Inside the window (the clock moved 4 years and 11 months): CPD short, refused.
        move_clock_to(e2e_platform, clock.china_midnight(valid_until - timedelta(days=20)))
        applied = await http.post(reregister, headers=applicant,
                                  json={"statement": "五年总结 / summary"})
        assert applied.status_code == 201, applied.text
        decision = f"/v1/reregistrations/{applied.json()['id']}/decision"
        approve = await http.post(decision, headers=society, json={"decision": "accepted"})
        assert approve.status_code == 409, approve.text
        refuse = await http.post(decision, headers=society, json={"decision": "rejected"})
        assert refuse.status_code == 200, refuse.text
        assert "CPD" in refuse.json()["reasons"]

        # 7. The day after its last day (China date) the expiry job expires it.
        move_clock_to(e2e_platform, clock.china_midnight(valid_until + timedelta(days=1)))

        async def expired() -> Any:
            feed = (await http.get("/v1/register/changes",
                                   params={"since": feed_cursor})).json()
            return [c for c in feed["items"]
                    if c["certificate_number"] == number and c["kind"] == "expired"]

        feed_cursor = feed["next_cursor"]
        await until(expired, within=30, what="the expiry job")
        status, since = await page_status(browser, qr_url, screenshot="register-e2e-expired.png")
        assert status == "已过期"
        assert str(valid_until + timedelta(days=1)) in since
        assert await verify(http, token) == "expired"
        await browser.close()


async def test_a_barred_member_s_pending_registration_is_refused(e2e_platform: Platform) -> None:
    run = uuid.uuid4().hex[:8]
    e2e_platform.gateway_cli("create-user", "--username", f"cse-bar-{run}", "--password",
                             "secretariat-pass-1", "--role", "secretariat",
                             "--name", "联合体秘书处")
    async with httpx.AsyncClient(base_url=GATEWAY, timeout=20) as http:
        registered = await http.post("/v1/auth/register", json={
            "username": f"liming-{run}", "password": "applicant-pass-1",
            "display_name": "李明"})
        assert registered.status_code == 201, registered.text
        applicant = await login(http, f"liming-{run}", "applicant-pass-1")
        subject = jwt.decode(applicant["Authorization"].split()[1],
                             options={"verify_signature": False})["sub"]
        secretariat = await login(http, f"cse-bar-{run}", "secretariat-pass-1")
        await confirmation_required(http, secretariat)
        await publish_approval(subject, f"李明{run}")

        async def pending() -> Any:
            rows = (await http.get("/v1/registrations", params={"society": "cces"},
                                   headers=secretariat)).json()["items"]
            return [r for r in rows if r["applicant_name"] == f"李明{run}"]

        [registration] = await until(pending, what="the pending registration")
        ban = await http.post("/v1/members/bans", headers=secretariat, json={
            "applicant_id": subject, "reason": "提供虚假业绩证明 / false achievement proof"})
        assert ban.status_code == 201, ban.text
        assert ban.json()["refused_registrations"] == 1
        refused = (await http.get("/v1/registrations", headers=secretariat,
                                  params={"status": "refused", "society": "cces"})).json()["items"]
        [mine] = [r for r in refused if r["id"] == registration["id"]]
        assert "false achievement proof" in mine["reason"]
        confirm = await http.post("/v1/registrations/confirmations", headers=secretariat,
                                  json={"registration_ids": [registration["id"]]})
        assert confirm.status_code == 409
        # A case approved after the ban is refused on arrival; no certificate ever appears.
        await publish_approval(subject, f"李明{run}")

        async def refused_twice() -> Any:
            rows = (await http.get("/v1/registrations", headers=secretariat,
                                   params={"status": "refused", "society": "cces"})).json()["items"]
            return len([r for r in rows if r["applicant_name"] == f"李明{run}"]) == 2

        await until(refused_twice, what="the second approval to be refused")
        assert (await http.get("/v1/members/me/certificates",
                               headers=applicant)).json()["items"] == []
