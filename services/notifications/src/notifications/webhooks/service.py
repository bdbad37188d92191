"""Webhook subscriptions of API clients, the fan-out of events to them, and signed delivery."""

import asyncio
import base64
import hashlib
import ipaddress
import json
import secrets
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import structlog
from kit.auth import Principal
from kit.events import Envelope
from kit.pagination import PageParams
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks.webhooks import Webhook

from notifications.config import Settings
from notifications.inbox import service as inbox
from notifications.mail import service as mail
from notifications.messages.render import render_event
from notifications.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from notifications.tracking import service as tracking
from notifications.webhooks import repository, rules
from notifications.webhooks.errors import (
    DeliveryNotFound,
    IdempotencyKeyReused,
    UnknownEventType,
    WebhookNotFound,
    WebhooksNotForRole,
    WebhookUrlRefused,
)
from notifications.webhooks.schemas import KNOWN_TYPES, WebhookIn, WebhookPatch

log = structlog.get_logger()

USER_AGENT = "CSE-Webhooks/1.0 (Standard Webhooks)"


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def _scope(principal: Principal) -> tuple[str, str]:
    scope = rules.scope_of(principal)
    if scope is None:
        raise WebhooksNotForRole(
            "只有企业、境外合作组织和学会的系统（API 客户端）可以订阅 Webhook / "
            "Only the systems of enterprises, partner bodies and societies (API clients) can "
            "subscribe to webhooks.")
    return scope


async def resolve(host: str) -> list[rules.IpAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None)
    except OSError:
        return []
    found = dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos)
    # IPv4 first: a receiver on `localhost` often listens on 127.0.0.1 only.
    return sorted(found, key=lambda address: address.version)


async def vet(url: str, settings: Settings) -> tuple[str | None, rules.IpAddress | None]:
    """Why a URL may not receive webhooks (in both languages), else the address to call.
    Checked when it is set and again before each delivery, and the delivery connects to the
    address checked, so a name pointed elsewhere meanwhile (DNS rebinding) gains nothing."""
    problem = rules.url_problem(url)
    if problem is not None:
        return ("URL 必须是 https://主机/路径，且不含用户名或密码 / The URL must be "
                "https://host/path, without a user name or password."), None
    host = rules.host_of(url)
    addresses = await resolve(host)
    if not addresses:
        return f"无法解析主机 {host} / The host {host} cannot be resolved.", None
    if rules.allow_listed(host, addresses, settings.webhook_allowed_hosts):
        return None, addresses[0]
    if not rules.is_https(url):
        return "Webhook 必须使用 HTTPS / Webhooks must use HTTPS.", None
    if any(rules.blocked_address(a) for a in addresses):
        return (f"{host} 指向内网、回环、链路本地或云元数据地址，平台不会向其发送请求 / "
                f"{host} resolves to a loopback, private, link-local or metadata address, "
                "which the platform never calls."), None
    return None, addresses[0]


async def url_refusal(url: str, settings: Settings) -> str | None:
    return (await vet(url, settings))[0]


async def _check_url(url: str, settings: Settings) -> None:
    refusal = await url_refusal(url, settings)
    if refusal is not None:
        raise WebhookUrlRefused(refusal, url=url)


def _check_types(event_types: Sequence[str]) -> list[str]:
    refused = [(i, t) for i, t in enumerate(event_types)
               if not rules.valid_pattern(t, KNOWN_TYPES)]
    if refused:
        unknown = [t for _, t in refused]
        raise UnknownEventType(
            f"未知的事件类型：{', '.join(unknown)} / Unknown event types: {', '.join(unknown)}. "
            f"Known: {', '.join(sorted(KNOWN_TYPES))}.", unknown=unknown,
            errors=[{"code": "unknown_event_type",
                     "message_zh": f"未知的事件类型：{t}", "message_en": f"Unknown event type: {t}",
                     "location": ["body", "event_types", str(i)]} for i, t in refused])
    return list(dict.fromkeys(event_types))


def _replay(existing: WebhookSubscription, digest: str) -> tuple[WebhookSubscription, str, bool]:
    if existing.request_hash != digest:
        raise IdempotencyKeyReused(
            "该 Idempotency-Key 已用于内容不同的订阅；请为新订阅使用新的键 / This Idempotency-Key "
            "was already used for a different subscription; use a new key for a new one.")
    # The client lost the first answer: it gets the secret it never saw.
    return existing, existing.secret, False


async def create(session: AsyncSession, principal: Principal, payload: WebhookIn,
                 idempotency_key: str | None, settings: Settings, now: datetime
                 ) -> tuple[WebhookSubscription, str, bool]:
    """The new subscription, its secret, and whether it was created (not a replay)."""
    scope_kind, scope_id = _scope(principal)
    digest = hashlib.sha256(payload.model_dump_json().encode()).hexdigest()
    if idempotency_key:
        existing = await repository.get_by_key(session, principal.subject, idempotency_key)
        if existing is not None:
            return _replay(existing, digest)
    event_types = _check_types(payload.event_types)
    await _check_url(payload.url, settings)
    secret = new_secret()
    subscription = WebhookSubscription(
        id=uuid.uuid4(), owner_subject=principal.subject, owner_role=principal.role.value,
        scope_kind=scope_kind, scope_id=scope_id, url=payload.url, event_types=event_types,
        description=payload.description, secret=secret, status="active",
        consecutive_failures=0, idempotency_key=idempotency_key, request_hash=digest,
        created_at=now, updated_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(subscription)
            await session.flush()
    except IntegrityError:
        # A concurrent retry with the same key won the race: answer with its result.
        existing = await repository.get_by_key(session, principal.subject, idempotency_key or "")
        if existing is None:
            raise
        return _replay(existing, digest)
    return subscription, secret, True


async def owned(session: AsyncSession, principal: Principal, subscription_id: uuid.UUID
                ) -> WebhookSubscription:
    _scope(principal)
    subscription = await repository.get_owned(session, principal.subject, subscription_id)
    if subscription is None:
        raise WebhookNotFound("您没有这个 Webhook 订阅 / You have no such webhook subscription.")
    return subscription


async def page(session: AsyncSession, principal: Principal, params: PageParams
               ) -> Sequence[WebhookSubscription]:
    _scope(principal)
    return await repository.page_owned(session, principal.subject, params)


async def change(session: AsyncSession, principal: Principal, subscription_id: uuid.UUID,
                 payload: WebhookPatch, settings: Settings, now: datetime) -> WebhookSubscription:
    subscription = await owned(session, principal, subscription_id)
    if payload.url is not None:
        await _check_url(payload.url, settings)
        subscription.url = payload.url
    if payload.event_types is not None:
        subscription.event_types = _check_types(payload.event_types)
    if payload.description is not None:
        subscription.description = payload.description
    if payload.status is not None:
        if payload.status == "active" and subscription.status != "active":
            # A fresh start: what piled up while paused or disabled goes out now.
            subscription.failing_since = None
            subscription.consecutive_failures = 0
            subscription.disabled_reason = None
        subscription.status = payload.status
    subscription.updated_at = now
    await session.flush()
    return subscription


async def rotate(session: AsyncSession, principal: Principal, subscription_id: uuid.UUID,
                 settings: Settings, now: datetime) -> tuple[str, datetime]:
    subscription = await owned(session, principal, subscription_id)
    secret = new_secret()
    until = now + timedelta(hours=settings.webhook_secret_grace_hours)
    subscription.previous_secret, subscription.previous_secret_until = subscription.secret, until
    subscription.secret = secret
    subscription.updated_at = now
    await session.flush()
    return secret, until


async def delete(session: AsyncSession, principal: Principal, subscription_id: uuid.UUID) -> None:
    subscription = await owned(session, principal, subscription_id)
    await session.delete(subscription)
    await session.flush()


async def deliveries(session: AsyncSession, principal: Principal, subscription_id: uuid.UUID,
                     params: PageParams
                     ) -> tuple[Sequence[WebhookDelivery], dict[uuid.UUID, list[WebhookAttempt]]]:
    subscription = await owned(session, principal, subscription_id)
    rows = await repository.page_deliveries(session, subscription.id, params)
    attempts: dict[uuid.UUID, list[WebhookAttempt]] = {row.id: [] for row in rows}
    for attempt in await repository.attempts_of(session, [row.id for row in rows]):
        attempts[attempt.delivery_id].append(attempt)
    return rows, attempts


async def redeliver(session: AsyncSession, principal: Principal, subscription_id: uuid.UUID,
                    delivery_id: uuid.UUID, now: datetime) -> WebhookDelivery:
    """Queues a delivery again with a fresh schedule; its `webhook-id` stays the same, so a
    receiver that already applied it can tell."""
    subscription = await owned(session, principal, subscription_id)
    delivery = await repository.get_delivery(session, subscription.id, delivery_id)
    if delivery is None:
        raise DeliveryNotFound("此订阅没有这次投递 / This subscription has no such delivery.")
    delivery.status, delivery.attempts, delivery.next_attempt_at = "pending", 0, now
    await session.flush()
    return delivery


def webhook_id(delivery_id: uuid.UUID) -> str:
    return f"msg_{delivery_id.hex}"


async def fan_out(session: AsyncSession, envelope: Envelope, now: datetime) -> int:
    """A delivery for every subscription the event concerns and asks for."""
    data = envelope.data
    await tracking.observe(session, envelope)
    recommender = await tracking.recommended_by(session, data, envelope.type)
    scopes = {("enterprise", str(v)) for v in (data.get("enterprise_id"), recommender) if v}
    if data.get("partner_code"):
        scopes.add(("partner", str(data["partner_code"])))
    if data.get("society_code"):
        scopes.add(("society", str(data["society_code"])))
    payload = envelope.model_dump(mode="json")
    rows: list[dict[str, object]] = [
        {"id": uuid.uuid4(), "subscription_id": s.id, "event_id": envelope.id,
         "event_type": envelope.type, "payload": payload, "status": "pending", "attempts": 0,
         "next_attempt_at": now, "created_at": now}
        for s in await repository.listening(session, sorted(scopes))
        if rules.wants(s.event_types, envelope.type)
        and rules.concerns(s.scope_kind, s.scope_id, envelope.type, data, recommender)
    ]
    return await repository.add_deliveries(session, rows)


def sign(subscription: WebhookSubscription, msg_id: str, body: str, now: datetime
         ) -> dict[str, str]:
    # Receivers check the timestamp against their own clock, so it is the real time even on a
    # dev platform whose clock was moved forward.
    sent_at = datetime.now(UTC)
    secrets_in_use = [subscription.secret]
    if (subscription.previous_secret and subscription.previous_secret_until
            and subscription.previous_secret_until > now):
        secrets_in_use.append(subscription.previous_secret)
    signatures = " ".join(Webhook(secret).sign(msg_id, sent_at, body) for secret in secrets_in_use)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": signatures,
        "content-type": "application/cloudevents+json; charset=utf-8",
        "user-agent": USER_AGENT,
    }


async def _post(client: httpx.AsyncClient, gate: asyncio.Semaphore, delivery: WebhookDelivery,
                subscription: WebhookSubscription, settings: Settings, now: datetime
                ) -> tuple[int | None, int, str | None]:
    async with gate:
        started = time.monotonic()
        refusal, address = await vet(subscription.url, settings)
        if refusal is not None or address is None:
            return None, 0, refusal
        body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"))
        headers = sign(subscription, webhook_id(delivery.id), body, now)
        # To the address just checked; the name still goes in Host and in TLS (SNI and the
        # certificate check), so the receiver sees an ordinary request.
        headers["host"] = rules.netloc_of(subscription.url)
        try:
            response = await client.post(
                rules.pinned_url(subscription.url, address), content=body.encode(),
                headers=headers, extensions={"sni_hostname": rules.host_of(subscription.url)})
        except httpx.HTTPError as exc:
            return None, int((time.monotonic() - started) * 1000), f"{type(exc).__name__}: {exc}"
        elapsed = int((time.monotonic() - started) * 1000)
        error = None if rules.delivered(response.status_code) else response.text[:500]
        return response.status_code, elapsed, error


async def deliver_due(session: AsyncSession, now: datetime, settings: Settings,
                      client: httpx.AsyncClient | None = None) -> int:
    """One pass of the sender: each due delivery posted once (in parallel), each try logged."""
    due = await repository.claim_due(session, now, settings.webhook_batch_size)
    if not due:
        return 0
    gate = asyncio.Semaphore(settings.webhook_concurrency)
    own_client = client is None
    # Redirects are not followed: one could lead to an address the guard refuses.
    http = client or httpx.AsyncClient(timeout=settings.webhook_timeout_seconds,
                                       follow_redirects=False)
    try:
        results = await asyncio.gather(*(
            _post(http, gate, delivery, subscription, settings, now)
            for delivery, subscription in due))
    finally:
        if own_client:
            await http.aclose()
    for (delivery, subscription), (code, elapsed, error) in zip(due, results, strict=True):
        await _record(session, delivery, subscription, code, elapsed, error, settings, now)
    await session.flush()
    return len(due)


async def _record(session: AsyncSession, delivery: WebhookDelivery,
                  subscription: WebhookSubscription, code: int | None, elapsed: int,
                  error: str | None, settings: Settings, now: datetime) -> None:
    delivery.attempts += 1
    delivery.last_status_code = code
    repository.log_attempt(session, WebhookAttempt(
        delivery_id=delivery.id, attempted_at=now, status_code=code, duration_ms=elapsed,
        error=error))
    if code is not None and rules.delivered(code):
        delivery.status, delivery.delivered_at, delivery.last_error = "delivered", now, None
        subscription.failing_since, subscription.consecutive_failures = None, 0
        return
    delivery.last_error = error
    subscription.consecutive_failures += 1
    subscription.failing_since = subscription.failing_since or now
    retry = rules.next_attempt(now, delivery.attempts, settings.webhook_retry_schedule_seconds)
    if retry is not None:
        delivery.next_attempt_at = retry
        return
    delivery.status = "failed"
    if subscription.status == "active":
        await _disable(session, subscription, delivery, settings, now)


async def _disable(session: AsyncSession, subscription: WebhookSubscription,
                   delivery: WebhookDelivery, settings: Settings, now: datetime) -> None:
    """A delivery failed through its whole schedule (about a day): the endpoint is disabled
    and its owner told, in the inbox and by e-mail."""
    subscription.status = "disabled"
    subscription.updated_at = now
    subscription.disabled_reason = (
        f"{delivery.attempts} attempts failed since {subscription.failing_since:%Y-%m-%d %H:%M} "
        f"UTC; last response: {delivery.last_status_code or 'none'}")
    log.warning("webhook_disabled", subscription_id=str(subscription.id),
                failures=subscription.consecutive_failures)
    notice = Envelope(
        type="webhook.disabled", source="/services/notifications",
        subject=f"webhooks/{subscription.id}",
        data={"subscription_id": str(subscription.id), "owner_subject": subscription.owner_subject,
              "scope_kind": subscription.scope_kind, "scope_id": subscription.scope_id,
              "url": subscription.url, "attempts": delivery.attempts,
              "failing_since": (subscription.failing_since or now).isoformat(),
              "last_status_code": delivery.last_status_code or 0},
    )
    filed = await inbox.record(session, notice, render_event(notice.type, notice.data))
    await mail.enqueue(session, notice, filed, settings, now)


def delivery_view(delivery: WebhookDelivery, attempts: list[WebhookAttempt]) -> dict[str, Any]:
    return {
        "id": delivery.id, "webhook_id": webhook_id(delivery.id), "event_id": delivery.event_id,
        "event_type": delivery.event_type, "status": delivery.status,
        "attempts": delivery.attempts,
        "next_attempt_at": delivery.next_attempt_at if delivery.status == "pending" else None,
        "last_status_code": delivery.last_status_code, "created_at": delivery.created_at,
        "delivered_at": delivery.delivered_at, "log": attempts,
    }
