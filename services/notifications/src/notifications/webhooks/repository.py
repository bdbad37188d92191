"""Queries on webhook subscriptions, deliveries and their log."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import cast

from kit.db import any_of
from kit.pagination import PageParams, paginate
from sqlalchemy import Table, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.models import WebhookAttempt, WebhookDelivery, WebhookSubscription


async def get_owned(session: AsyncSession, owner: str, subscription_id: uuid.UUID
                    ) -> WebhookSubscription | None:
    query = select(WebhookSubscription).where(
        WebhookSubscription.id == subscription_id, WebhookSubscription.owner_subject == owner)
    return (await session.scalars(query)).first()


async def get_by_key(session: AsyncSession, owner: str, key: str) -> WebhookSubscription | None:
    query = select(WebhookSubscription).where(
        WebhookSubscription.owner_subject == owner, WebhookSubscription.idempotency_key == key)
    return (await session.scalars(query)).first()


async def page_owned(session: AsyncSession, owner: str, params: PageParams
                     ) -> Sequence[WebhookSubscription]:
    query = select(WebhookSubscription).where(WebhookSubscription.owner_subject == owner)
    query = paginate(query, WebhookSubscription.created_at, WebhookSubscription.id, params)
    return (await session.scalars(query)).all()


# Built once, with arrays as parameters (kit.db.any_of): this runs for every event. Kinds and
# ids are matched apart; pairs not asked for are dropped below.
_LISTENING = select(WebhookSubscription).where(
    WebhookSubscription.scope_kind == any_of("kinds"),
    WebhookSubscription.scope_id == any_of("ids"),
    or_(WebhookSubscription.status == "active", WebhookSubscription.status == "paused"),
)


async def listening(session: AsyncSession, scopes: Sequence[tuple[str, str]]
                    ) -> Sequence[WebhookSubscription]:
    """Subscriptions of these scopes that still take events (active or paused)."""
    if not scopes:
        return []
    wanted = set(scopes)
    found = await session.scalars(_LISTENING, {"kinds": sorted({kind for kind, _ in wanted}),
                                               "ids": sorted({sid for _, sid in wanted})})
    return [s for s in found if (s.scope_kind, s.scope_id) in wanted]


# Built once and run with the rows as parameters (see notifications.inbox.repository).
_deliveries = cast(Table, WebhookDelivery.__table__)
_ADD_DELIVERIES = insert(_deliveries).on_conflict_do_nothing().returning(_deliveries.c.id)


async def add_deliveries(session: AsyncSession, rows: list[dict[str, object]]) -> int:
    if not rows:
        return 0
    inserted = await session.execute(_ADD_DELIVERIES, rows)
    return len(inserted.all())


async def claim_due(session: AsyncSession, now: datetime, limit: int
                    ) -> Sequence[tuple[WebhookDelivery, WebhookSubscription]]:
    """Due deliveries of active endpoints, oldest first, locked so another sender skips them."""
    query = (
        select(WebhookDelivery, WebhookSubscription)
        .join(WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id)
        .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now,
               WebhookSubscription.status == "active")
        .order_by(WebhookDelivery.next_attempt_at)
        .limit(limit)
        .with_for_update(of=[WebhookDelivery, WebhookSubscription], skip_locked=True)
    )
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]


def log_attempt(session: AsyncSession, attempt: WebhookAttempt) -> None:
    session.add(attempt)


async def page_deliveries(session: AsyncSession, subscription_id: uuid.UUID, params: PageParams
                          ) -> Sequence[WebhookDelivery]:
    query = select(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription_id)
    query = paginate(query, WebhookDelivery.created_at, WebhookDelivery.id, params)
    return (await session.scalars(query)).all()


async def get_delivery(session: AsyncSession, subscription_id: uuid.UUID,
                       delivery_id: uuid.UUID) -> WebhookDelivery | None:
    query = select(WebhookDelivery).where(WebhookDelivery.id == delivery_id,
                                          WebhookDelivery.subscription_id == subscription_id)
    return (await session.scalars(query)).first()


async def attempts_of(session: AsyncSession, delivery_ids: Sequence[uuid.UUID]
                      ) -> Sequence[WebhookAttempt]:
    if not delivery_ids:
        return []
    query = select(WebhookAttempt).where(WebhookAttempt.delivery_id.in_(list(delivery_ids)))
    return (await session.scalars(query.order_by(WebhookAttempt.attempted_at))).all()
