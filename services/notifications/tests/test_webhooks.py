"""Webhooks against a real HTTP receiver on 127.0.0.1, verified with `standardwebhooks`."""

import asyncio
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import uvicorn
from cse_contracts.events import (
    ApplicationAccepted,
    EvaluationCaseOpened,
    EvaluationDecided,
    RecommendationReceived,
    RecommendationScreened,
    ReferralSent,
)
from kit import clock
from kit.auth import Role
from kit.crypto import cipher
from kit.events import Envelope, EventData
from kit.testing import KEYS
from notifications.config import Settings
from notifications.tracking.service import ApplicationNotYetSeen
from notifications.webhooks import rules
from notifications.webhooks import service as webhooks
from notifications.webhooks.handlers import on_any_event
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SETTINGS = Settings(webhook_allowed_hosts=["127.0.0.1/32"],
                    webhook_retry_schedule_seconds=[5, 60])


@dataclass
class Receiver:
    """An HR system's endpoint: answers `fail_with` while set, applies each webhook-id once."""

    url: str = ""
    fail_with: int | None = None
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    applied: dict[str, bytes] = field(default_factory=dict)

    async def endpoint(self, request: Request) -> Response:
        body = await request.body()
        headers = dict(request.headers)
        self.requests.append((headers, body))
        if self.fail_with:
            return Response(status_code=self.fail_with)
        # The receiver's side of idempotency: a webhook-id seen before is not applied again.
        self.applied.setdefault(headers["webhook-id"], body)
        return Response(status_code=204)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(autouse=True)
def frozen() -> Iterator[clock.FrozenClock]:
    with clock.use(clock.FrozenClock(NOW)) as frozen:
        assert isinstance(frozen, clock.FrozenClock)
        yield frozen


@pytest.fixture
async def receivers() -> AsyncIterator[dict[str, Receiver]]:
    """Two receivers on one real server: /a and /b."""
    found = {"a": Receiver(), "b": Receiver()}
    app = Starlette(routes=[Route(f"/{k}", r.endpoint, methods=["POST"])
                            for k, r in found.items()])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                           lifespan="off"))
    task = asyncio.create_task(server.serve())
    deadline = asyncio.get_running_loop().time() + 10
    while not server.started:
        assert asyncio.get_running_loop().time() < deadline, "receiver did not start"
        await asyncio.sleep(0.02)
    for key, receiver in found.items():
        receiver.url = f"http://127.0.0.1:{port}/{key}"
    try:
        yield found
    finally:
        server.should_exit = True
        await task


@pytest.fixture
def app_settings(client: httpx.AsyncClient) -> Settings:
    """The app under test allow-lists the loopback receiver, as an operator would."""
    settings: Settings = client._transport.app.state.settings  # type: ignore[attr-defined]
    settings.webhook_allowed_hosts = ["127.0.0.1/32"]
    return settings


def hr(enterprise: str) -> dict[str, str]:
    return KEYS.headers(Role.ENTERPRISE, f"client-{enterprise}", enterprise=enterprise)


async def subscribe(client: httpx.AsyncClient, headers: dict[str, str], url: str,
                    types: list[str]) -> dict[str, Any]:
    response = await client.post("/v1/webhooks", headers=headers,
                                 json={"url": url, "event_types": types})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def wrap(data: EventData) -> Envelope:
    return Envelope.wrap(data, source="/services/test", subject="x")


def received(enterprise: str, count: int = 2) -> Envelope:
    return wrap(RecommendationReceived(recommendation_id=uuid.uuid4(), enterprise_id=enterprise,
                                       enterprise_name="中国路桥", candidate_count=count))


async def test_signed_deliveries_reach_only_the_client_they_concern(
    session: AsyncSession, client: httpx.AsyncClient, receivers: dict[str, Receiver],
    app_settings: Settings,
) -> None:
    a = await subscribe(client, hr("crbc"), receivers["a"].url, ["recommendation.*"])
    await subscribe(client, hr("cscec"), receivers["b"].url, ["*"])
    assert a["secret"].startswith("whsec_")
    event = received("crbc")
    await on_any_event(session, event)
    await on_any_event(session, event)  # a redelivered event adds no second delivery
    assert await webhooks.deliver_due(session, NOW, SETTINGS) == 1
    [(headers, body)] = receivers["a"].requests
    payload = Webhook(a["secret"]).verify(body, headers)
    assert payload["id"] == str(event.id)
    assert payload["specversion"] == "1.0"
    assert payload["data"]["enterprise_id"] == "crbc"
    assert receivers["b"].requests == []
    with pytest.raises(WebhookVerificationError):
        Webhook(webhooks.new_secret()).verify(body, headers)
    # The secret is never shown again.
    assert "secret" not in (await client.get(f"/v1/webhooks/{a['id']}", headers=hr("crbc"))
                            ).json()
    # Another client cannot see it.
    other = await client.get(f"/v1/webhooks/{a['id']}", headers=hr("cscec"))
    assert other.status_code == 404


async def test_a_500_is_retried_with_the_same_webhook_id_and_applied_once(
    session: AsyncSession, client: httpx.AsyncClient, receivers: dict[str, Receiver],
    app_settings: Settings,
) -> None:
    a = await subscribe(client, hr("crbc"), receivers["a"].url, ["recommendation.received"])
    receivers["a"].fail_with = 500
    await on_any_event(session, received("crbc"))
    await webhooks.deliver_due(session, NOW, SETTINGS)
    # Not due again before the backoff.
    assert await webhooks.deliver_due(session, NOW + timedelta(seconds=4), SETTINGS) == 0
    receivers["a"].fail_with = None
    await webhooks.deliver_due(session, NOW + timedelta(seconds=5), SETTINGS)
    ids = [headers["webhook-id"] for headers, _ in receivers["a"].requests]
    assert len(ids) == 2
    assert ids[0] == ids[1]
    # A manual redelivery of a delivered message carries the same id again.
    log = (await client.get(f"/v1/webhooks/{a['id']}/deliveries", headers=hr("crbc"))).json()
    [delivery] = log["items"]
    assert delivery["status"] == "delivered"
    assert delivery["webhook_id"] == ids[0]
    assert [entry["status_code"] for entry in delivery["log"]] == [500, 204]
    assert all(entry["duration_ms"] >= 0 for entry in delivery["log"])
    again = await client.post(
        f"/v1/webhooks/{a['id']}/deliveries/{delivery['id']}/redeliver", headers=hr("crbc"))
    assert again.status_code == 202
    await webhooks.deliver_due(session, NOW + timedelta(seconds=6), SETTINGS)
    assert [h["webhook-id"] for h, _ in receivers["a"].requests] == [ids[0]] * 3
    assert len(receivers["a"].applied) == 1


async def test_an_endpoint_failing_through_its_schedule_is_disabled_with_a_notice(
    session: AsyncSession, client: httpx.AsyncClient, receivers: dict[str, Receiver],
    app_settings: Settings,
) -> None:
    a = await subscribe(client, hr("crbc"), receivers["a"].url, ["recommendation.*"])
    receivers["a"].fail_with = 503
    await on_any_event(session, received("crbc"))
    for offset in (0, 5, 65):
        await webhooks.deliver_due(session, NOW + timedelta(seconds=offset), SETTINGS)
    state = (await client.get(f"/v1/webhooks/{a['id']}", headers=hr("crbc"))).json()
    assert state["status"] == "disabled"
    assert state["consecutive_failures"] == 3
    assert "503" in state["disabled_reason"]
    inbox = (await client.get("/v1/notifications", headers=hr("crbc"),
                              params={"kind": "webhook.disabled"})).json()["items"]
    assert [n["title_en"] for n in inbox] == ["Webhook endpoint disabled after repeated failures"]
    # While disabled nothing is sent and no new deliveries pile up.
    await on_any_event(session, received("crbc"))
    assert await webhooks.deliver_due(session, NOW + timedelta(hours=1), SETTINGS) == 0
    # The client fixes its receiver and resumes.
    receivers["a"].fail_with = None
    resumed = await client.patch(f"/v1/webhooks/{a['id']}", headers=hr("crbc"),
                                 json={"status": "active"})
    assert resumed.json()["status"] == "active"
    assert resumed.json()["consecutive_failures"] == 0


async def test_pause_holds_deliveries_and_resume_sends_them(
    session: AsyncSession, client: httpx.AsyncClient, receivers: dict[str, Receiver],
    app_settings: Settings,
) -> None:
    a = await subscribe(client, hr("crbc"), receivers["a"].url, ["recommendation.*"])
    await client.patch(f"/v1/webhooks/{a['id']}", headers=hr("crbc"), json={"status": "paused"})
    await on_any_event(session, received("crbc"))
    assert await webhooks.deliver_due(session, NOW, SETTINGS) == 0
    await client.patch(f"/v1/webhooks/{a['id']}", headers=hr("crbc"), json={"status": "active"})
    assert await webhooks.deliver_due(session, NOW, SETTINGS) == 1
    assert len(receivers["a"].requests) == 1


async def test_rotation_signs_with_both_secrets_during_the_grace_period(
    session: AsyncSession, client: httpx.AsyncClient, receivers: dict[str, Receiver],
    app_settings: Settings,
) -> None:
    a = await subscribe(client, hr("crbc"), receivers["a"].url, ["recommendation.*"])
    rotated = await client.post(f"/v1/webhooks/{a['id']}/rotate-secret", headers=hr("crbc"))
    new_secret = rotated.json()["secret"]
    assert new_secret != a["secret"]
    await on_any_event(session, received("crbc"))
    await webhooks.deliver_due(session, NOW, SETTINGS)
    [(headers, body)] = receivers["a"].requests
    Webhook(new_secret).verify(body, headers)
    Webhook(a["secret"]).verify(body, headers)
    await on_any_event(session, received("crbc"))
    await webhooks.deliver_due(session, NOW + timedelta(hours=25), SETTINGS)
    headers, body = receivers["a"].requests[1]
    Webhook(new_secret).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(a["secret"]).verify(body, headers)


async def test_an_enterprise_follows_its_candidates_and_nobody_else_does(
    session: AsyncSession, client: httpx.AsyncClient, receivers: dict[str, Receiver],
    app_settings: Settings,
) -> None:
    await subscribe(client, hr("crbc"), receivers["a"].url, ["*"])
    await subscribe(client, hr("cscec"), receivers["b"].url, ["*"])
    application_id, candidate_id = uuid.uuid4(), uuid.uuid4()
    await on_any_event(session, wrap(RecommendationScreened(
        recommendation_id=uuid.uuid4(), candidate_id=candidate_id, enterprise_id="crbc",
        candidate_name="张三", decision="accepted", society_code="cces", reason="")))
    # The event names the enterprise as people know it, not its account.
    await on_any_event(session, wrap(ApplicationAccepted(
        application_id=application_id, applicant_id="eng-1", applicant_name="张三",
        society_code="cces", level="professional", field_code="civil", specialty_code=None,
        candidate_id=candidate_id, recommending_enterprise="中国路桥工程有限责任公司",
        submitted_at=NOW, accepted_at=NOW)))
    await on_any_event(session, wrap(EvaluationDecided(
        case_id=uuid.uuid4(), application_id=application_id, applicant_id="eng-1",
        society_code="cces", outcome="passed", reasons="")))
    # A self-filed application of someone else: no enterprise hears of it.
    await on_any_event(session, wrap(EvaluationDecided(
        case_id=uuid.uuid4(), application_id=uuid.uuid4(), applicant_id="eng-2",
        society_code="cces", outcome="passed", reasons="")))
    await on_any_event(session, wrap(RecommendationScreened(
        recommendation_id=uuid.uuid4(), candidate_id=uuid.uuid4(), enterprise_id="cscec",
        candidate_name="李四", decision="rejected", society_code=None, reason="不满足年限")))
    await webhooks.deliver_due(session, NOW, SETTINGS)
    bodies = [body for _, body in receivers["a"].requests]
    assert len(bodies) == 3
    # Posted in parallel, so in any order.
    assert sum(b"recommendation.screened" in b for b in bodies) == 1
    assert sum(str(application_id).encode() in b for b in bodies) == 2
    assert len(receivers["b"].requests) == 1
    assert b"recommendation.screened" in receivers["b"].requests[0][1]


async def test_a_case_opened_before_its_acceptance_arrives_waits_for_it(
    session: AsyncSession, client: httpx.AsyncClient, receivers: dict[str, Receiver],
    app_settings: Settings,
) -> None:
    await subscribe(client, hr("crbc"), receivers["a"].url, ["*"])
    application_id, candidate_id = uuid.uuid4(), uuid.uuid4()
    await on_any_event(session, wrap(RecommendationScreened(
        recommendation_id=uuid.uuid4(), candidate_id=candidate_id, enterprise_id="crbc",
        candidate_name="张三", decision="accepted", society_code="cces", reason="")))
    opened = wrap(EvaluationCaseOpened(
        case_id=uuid.uuid4(), application_id=application_id, applicant_id="eng-9",
        society_code="cces", deadline=NOW.date()))
    # Evaluation opens the case as it receives the acceptance: the broker may bring it first.
    async with session.begin_nested():
        with pytest.raises(ApplicationNotYetSeen):
            await on_any_event(session, opened)
    await on_any_event(session, wrap(ApplicationAccepted(
        application_id=application_id, applicant_id="eng-9", applicant_name="张三",
        society_code="cces", level="professional", field_code="civil", specialty_code=None,
        candidate_id=candidate_id, recommending_enterprise=None,
        submitted_at=NOW, accepted_at=NOW)))
    await on_any_event(session, opened)  # the retry
    await webhooks.deliver_due(session, NOW, SETTINGS)
    bodies = [body for _, body in receivers["a"].requests]
    assert sum(b"evaluation.case_opened" in b for b in bodies) == 1


async def test_partners_get_referrals_addressed_to_them_and_societies_their_own(
    session: AsyncSession, client: httpx.AsyncClient, receivers: dict[str, Receiver],
    app_settings: Settings,
) -> None:
    await subscribe(client, KEYS.headers(Role.PARTNER, "client-ies", organisation="ies"),
                    receivers["a"].url, ["referral.*"])
    await subscribe(client, KEYS.headers(Role.SOCIETY_ADMIN, "sys-cmes", society="cmes"),
                    receivers["b"].url, ["*"])
    for partner in ("ies", "hkie"):
        await on_any_event(session, wrap(ReferralSent(
            referral_id=uuid.uuid4(), applicant_id="m-1", certificate_number="CSE-2026-P-000001",
            partner_code=partner, agreement_code="cse-ies-2023", referred_at=NOW)))
    await on_any_event(session, wrap(EvaluationDecided(
        case_id=uuid.uuid4(), application_id=uuid.uuid4(), applicant_id="eng-3",
        society_code="cces", outcome="failed", reasons="x")))
    await webhooks.deliver_due(session, NOW, SETTINGS)
    [(_, body)] = receivers["a"].requests
    assert b'"partner_code":"ies"' in body
    assert receivers["b"].requests == []


@pytest.mark.parametrize("url", [
    "http://10.0.0.5/hook", "https://10.0.0.5/hook", "https://169.254.169.254/latest/meta-data",
    "https://[::1]/hook", "https://127.0.0.1:9/hook", "https://192.168.1.10/hook",
    "https://[::ffff:10.0.0.1]/hook", "https://100.64.0.1/hook", "ftp://example.com/x",
    "https://user:pw@93.184.216.34/hook", "http://93.184.216.34/hook",
])
async def test_private_addresses_and_plain_http_are_refused(
    client: httpx.AsyncClient, url: str
) -> None:
    response = await client.post("/v1/webhooks", headers=hr("crbc"),
                                 json={"url": url, "event_types": ["*"]})
    assert response.status_code == 422, response.text
    assert response.json()["type"].endswith("webhook-url-refused")


async def test_subscriptions_check_role_types_and_ownership(
    session: AsyncSession, client: httpx.AsyncClient,
) -> None:
    public = "https://93.184.216.34/hook"
    created = await subscribe(client, hr("crbc"), public, ["recommendation.screened"])
    assert created["status"] == "active"
    applicant = await client.post("/v1/webhooks", headers=KEYS.headers(Role.APPLICANT, "a"),
                                  json={"url": public, "event_types": ["*"]})
    assert applicant.status_code == 403
    unknown = await client.post("/v1/webhooks", headers=hr("crbc"),
                                json={"url": public, "event_types": ["*", "nothing.happened"]})
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [{
        "code": "unknown_event_type", "message_zh": "未知的事件类型：nothing.happened",
        "message_en": "Unknown event type: nothing.happened",
        "location": ["body", "event_types", "1"]}]
    mine = (await client.get("/v1/webhooks", headers=hr("crbc"))).json()["items"]
    assert [w["id"] for w in mine] == [created["id"]]
    assert (await client.get("/v1/webhooks", headers=hr("cscec"))).json()["items"] == []
    gone = await client.delete(f"/v1/webhooks/{created['id']}", headers=hr("cscec"))
    assert gone.status_code == 404
    assert (await client.delete(f"/v1/webhooks/{created['id']}", headers=hr("crbc"))
            ).status_code == 204
    stored = (await session.execute(text("SELECT count(*) FROM webhook_subscriptions"))).scalar()
    assert stored == 0


async def test_secrets_are_encrypted_at_rest(session: AsyncSession, client: httpx.AsyncClient
                                             ) -> None:
    created = await subscribe(client, hr("crbc"), "https://93.184.216.34/hook", ["*"])
    stored = (await session.execute(text(
        "SELECT secret FROM webhook_subscriptions WHERE id = :id"), {"id": created["id"]})
    ).scalar_one()
    assert created["secret"] not in stored
    assert cipher().decrypt(stored) == created["secret"]


def test_address_rules() -> None:
    import ipaddress

    assert rules.blocked_address(ipaddress.ip_address("127.0.0.1"))
    assert rules.blocked_address(ipaddress.ip_address("::ffff:192.168.0.1"))
    assert rules.blocked_address(ipaddress.ip_address("169.254.169.254"))
    assert not rules.blocked_address(ipaddress.ip_address("93.184.216.34"))
    loopback = [ipaddress.ip_address("127.0.0.1")]
    assert rules.allow_listed("127.0.0.1", loopback, ["127.0.0.1/32"])
    assert not rules.allow_listed("127.0.0.1", loopback, ["10.0.0.0/8"])
    assert rules.next_attempt(NOW, 1, [5, 60]) == NOW + timedelta(seconds=5)
    assert rules.next_attempt(NOW, 3, [5, 60]) is None
    assert sum(rules.DEFAULT_RETRY_SCHEDULE) / 3600 > 24


def test_what_concerns_whom() -> None:
    screened = {"enterprise_id": "crbc", "society_code": "cces"}
    assert rules.concerns("enterprise", "crbc", "recommendation.screened", screened, None)
    assert not rules.concerns("enterprise", "cscec", "recommendation.screened", screened, None)
    decided = {"application_id": "x", "society_code": "cces"}
    assert rules.concerns("enterprise", "crbc", "evaluation.decided", decided, "crbc")
    assert not rules.concerns("enterprise", "crbc", "evaluation.decided", decided, None)
    referral = {"partner_code": "ies"}
    assert rules.concerns("partner", "ies", "referral.sent", referral, None)
    assert not rules.concerns("partner", "ies", "referral.requested", referral, None)
    assert not rules.concerns("partner", "hkie", "referral.sent", referral, None)
    assert rules.concerns("society", "cces", "evaluation.decided", decided, None)
    assert not rules.concerns("society", "cmes", "evaluation.decided", decided, None)
    assert rules.wants(["evaluation.*"], "evaluation.decided")
    assert not rules.wants(["evaluation.*"], "application.accepted")


async def test_a_retried_create_with_the_same_key_makes_one_subscription(
    client: httpx.AsyncClient,
) -> None:
    body = {"url": "https://93.184.216.34/hook", "event_types": ["recommendation.*"]}
    headers = {**hr("crbc"), "Idempotency-Key": "hook-1"}
    first = await client.post("/v1/webhooks", headers=headers, json=body)
    again = await client.post("/v1/webhooks", headers=headers, json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["secret"] == first.json()["secret"]
    other = await client.post("/v1/webhooks", headers=headers,
                              json={**body, "event_types": ["*"]})
    assert other.status_code == 409
    mine = (await client.get("/v1/webhooks", headers=hr("crbc"))).json()["items"]
    assert len(mine) == 1


def test_deliveries_go_to_the_address_that_was_checked() -> None:
    import ipaddress

    v4 = ipaddress.ip_address("93.184.216.34")
    v6 = ipaddress.ip_address("2606:2800:220:1::1")
    assert rules.pinned_url("https://hr.example.com/hooks?x=1", v4) == (
        "https://93.184.216.34/hooks?x=1")
    assert rules.pinned_url("https://hr.example.com:8443/h", v6) == (
        "https://[2606:2800:220:1::1]:8443/h")
    assert rules.netloc_of("https://hr.example.com:8443/h") == "hr.example.com:8443"


async def test_a_name_resolving_to_loopback_is_refused_unless_allow_listed() -> None:
    refusal, _ = await webhooks.vet("https://localhost/hook", Settings())
    assert refusal is not None
    assert "localhost" in refusal
    allowed, address = await webhooks.vet("http://localhost/hook", Settings(
        webhook_allowed_hosts=["localhost"]))
    assert allowed is None
    assert address is not None
    assert address.is_loopback


async def test_listening_finds_exactly_the_scopes_asked_for(session: AsyncSession) -> None:
    """Kinds and ids go to the query as two arrays: a subscription whose kind is one asked for
    and whose id is another's (a society coded like an enterprise) is not listening."""
    from notifications.models import WebhookSubscription
    from notifications.webhooks import repository

    def subscription(kind: str, scope_id: str, status: str = "active") -> WebhookSubscription:
        return WebhookSubscription(
            owner_subject=f"client-{kind}-{scope_id}-{status}", owner_role="enterprise",
            scope_kind=kind, scope_id=scope_id, url="https://hr.example.com/hooks",
            event_types=["*"], secret="whsec_" + "A" * 32, status=status,
            created_at=NOW, updated_at=NOW)

    wanted = [subscription("enterprise", "ent-a"), subscription("society", "cces", "paused")]
    others = [subscription("society", "ent-a"), subscription("enterprise", "cces"),
              subscription("enterprise", "ent-a", "disabled")]
    session.add_all(wanted + others)
    await session.flush()
    found = await repository.listening(session, [("enterprise", "ent-a"), ("society", "cces")])
    assert {s.id for s in found} == {s.id for s in wanted}
    assert await repository.listening(session, []) == []
