"""Webhook subscriptions, managed by API clients (enterprise, partner and society systems)
for themselves, with their delivery log and manual redelivery."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, Response, status
from kit import clock
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams, next_cursor

from notifications.config import Settings
from notifications.webhooks import service
from notifications.webhooks.schemas import (
    DeliveryOut,
    SecretOut,
    WebhookCreatedOut,
    WebhookIn,
    WebhookOut,
    WebhookPatch,
)

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(_settings)]
# The systems that subscribe: an enterprise's HR system, a partner body's, a society's.
Subscriber = Annotated[Principal, Depends(require_roles(
    Role.ENTERPRISE, Role.PARTNER, Role.SOCIETY_ADMIN))]


WebhookId = Annotated[uuid.UUID, Path(
    description="The subscription's `id`; another client's subscription is 404")]
DeliveryId = Annotated[uuid.UUID, Path(
    description="The delivery's `id`, from the subscription's delivery log")]

IdempotencyKey = Annotated[
    str | None, Header(
        max_length=200,
        description="A key of your choosing (at most 200 characters) that makes a retried POST "
                    "safe: the same key with the same body answers 200 with the subscription "
                    "first created and its secret (header `Idempotent-Replayed: true`); the same "
                    "key with another body is 409")
]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_webhook(payload: WebhookIn, principal: Subscriber, session: SessionDep,
                         settings: SettingsDep, response: Response,
                         idempotency_key: IdempotencyKey = None) -> WebhookCreatedOut:
    """Subscribe an HTTPS endpoint to event types; the signing secret is shown this once."""
    subscription, secret, created = await service.create(
        session, principal, payload, idempotency_key, settings, clock.now())
    if not created:
        response.status_code = status.HTTP_200_OK
        response.headers["Idempotent-Replayed"] = "true"
    return WebhookCreatedOut(**WebhookOut.model_validate(subscription).model_dump(),
                             secret=secret)


@router.get("")
async def list_webhooks(principal: Subscriber, session: SessionDep,
                        params: Annotated[PageParams, Depends(page_params)]) -> Page[WebhookOut]:
    """The caller's own subscriptions, newest first."""
    rows, cursor = next_cursor(list(await service.page(session, principal, params)), params)
    return Page(items=[WebhookOut.model_validate(r) for r in rows], next_cursor=cursor)


@router.get("/{webhook_id}")
async def get_webhook(webhook_id: WebhookId, principal: Subscriber,
                      session: SessionDep) -> WebhookOut:
    """One of the caller's subscriptions (without its secret)."""
    return WebhookOut.model_validate(await service.owned(session, principal, webhook_id))


@router.patch("/{webhook_id}")
async def change_webhook(webhook_id: WebhookId, payload: WebhookPatch,
                         principal: Subscriber, session: SessionDep,
                         settings: SettingsDep) -> WebhookOut:
    """Change the URL or event types, pause, or resume (also after the platform disabled it)."""
    return WebhookOut.model_validate(await service.change(
        session, principal, webhook_id, payload, settings, clock.now()))


@router.post("/{webhook_id}/rotate-secret")
async def rotate_secret(webhook_id: WebhookId, principal: Subscriber,
                        session: SessionDep, settings: SettingsDep) -> SecretOut:
    """A new signing secret, shown once; the old one keeps signing too for a grace period."""
    secret, until = await service.rotate(session, principal, webhook_id, settings, clock.now())
    return SecretOut(secret=secret, previous_secret_valid_until=until)


@router.delete("/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_webhook(webhook_id: WebhookId, principal: Subscriber,
                         session: SessionDep) -> Response:
    """Delete the subscription and its delivery log."""
    await service.delete(session, principal, webhook_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{webhook_id}/deliveries")
async def list_deliveries(webhook_id: WebhookId, principal: Subscriber,
                          session: SessionDep,
                          params: Annotated[PageParams, Depends(page_params)]
                          ) -> Page[DeliveryOut]:
    """The delivery log: each event sent, its status, and every attempt's response and time."""
    rows, attempts = await service.deliveries(session, principal, webhook_id, params)
    page, cursor = next_cursor(list(rows), params)
    return Page(items=[DeliveryOut.model_validate(service.delivery_view(r, attempts[r.id]))
                       for r in page], next_cursor=cursor)


@router.post("/{webhook_id}/deliveries/{delivery_id}/redeliver",
             status_code=status.HTTP_202_ACCEPTED)
async def redeliver(webhook_id: WebhookId, delivery_id: DeliveryId,
                    principal: Subscriber, session: SessionDep) -> DeliveryOut:
    """Send a delivery again, with the same `webhook-id`."""
    delivery = await service.redeliver(session, principal, webhook_id, delivery_id, clock.now())
    return DeliveryOut.model_validate(service.delivery_view(delivery, []))
