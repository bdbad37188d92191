"""CPU per call of the statements an event handler runs for every recommendation pushed, each
as it was and as it is, old and new alternated (issue 16): the writes as an ORM
`insert(Model).values(...)` built for every event against a statement built once and run with
the values as parameters; an event's mail recipients and webhook listeners as a query built for
every event (an IN list of `(kind, id)` pairs, compiled on every call) against one built once
with arrays as parameters.

The notifications inbox rows, mail recipients and webhook listeners, the oversight read model's
recommendation fact and `kit.outbox.Outbox.emit`, on freshly migrated databases of their own
(`cse_profile_notifications`, `cse_profile_oversight`), inside one transaction each that is
rolled back. CPU = `time.process_time()` of this process (SQLAlchemy + asyncpg; PostgreSQL's
work is another process) over N calls, after a warm-up.

    uv run python -m bench.profile_statements              # 3 rounds of 400 calls each
"""

import argparse
import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from cse_contracts.events import RecommendationReceived
from kit.events import EventData
from kit.outbox import Outbox
from kit.testing import ServiceHarness
from notifications.app import create_app as notifications_app
from notifications.config import Settings as NotificationsSettings
from notifications.inbox import repository as inbox
from notifications.messages.catalogue import Recipient
from notifications.models import ContactPreference, Notification, WebhookSubscription
from notifications.models import outbox as notifications_outbox
from notifications.preferences import repository as preferences
from notifications.spec import SPEC as NOTIFICATIONS
from notifications.webhooks import repository as webhooks
from oversight.app import create_app as oversight_app
from oversight.config import Settings as OversightSettings
from oversight.models import RecommendationFact
from oversight.pipeline import repository as read_model
from oversight.spec import SPEC as OVERSIGHT
from sqlalchemy import or_, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/cse_profile_{}"
Call = Callable[[AsyncSession, Any], Awaitable[object]]


def inbox_rows() -> list[dict[str, object]]:
    """The two messages of a `recommendation.received`: the enterprise's and the committee's."""
    event_id = uuid.uuid4()
    return [{"id": uuid.uuid4(), "event_id": event_id, "event_type": "recommendation.received",
             "kind": "recommendation.received", "subject": "recommendations/x",
             "recipient_kind": kind, "recipient_id": recipient, "title_zh": "已收到贵单位的推荐",
             "title_en": "Your recommendation was received", "body_zh": "工程能力评价委员会" * 8,
             "body_en": "The evaluation committee received " * 4, "link": "/v1/x",
             "due_on": None}
            for kind, recipient in (("enterprise", "bench-ent"), ("committee", "all"))]


async def inbox_as_it_was(session: AsyncSession, rows: list[dict[str, object]]) -> object:
    return list(await session.scalars(insert(Notification).values(rows)
                                      .on_conflict_do_nothing().returning(Notification.id)))


def mail_recipients() -> list[Recipient]:
    """The inboxes of a `recommendation.received`'s two messages."""
    return [("enterprise", "bench-ent"), ("committee", "all")]


async def readers_with_addresses(session: AsyncSession) -> None:
    """Two of the enterprise's HR staff and three committee members who want e-mail."""
    for n, (kind, inbox_id) in enumerate([*[("enterprise", "bench-ent")] * 2,
                                          *[("committee", "all")] * 3]):
        session.add(ContactPreference(
            subject=f"bench-reader-{n}", role=kind, inbox_kind=kind, inbox_id=inbox_id,
            email=f"reader{n}@example.com",
            language="zh", email_enabled=True, updated_at=datetime.now(UTC)))
    await session.flush()


async def recipients_as_they_were(session: AsyncSession, recipients: list[Recipient]) -> object:
    """`reachable_by_mail` before it was built once: an IN list of pairs, one query per event."""
    users = sorted({rid for kind, rid in recipients if kind == "user"})
    shared = sorted({(kind, rid) for kind, rid in recipients if kind != "user"})
    reads = []
    if users:
        reads.append(ContactPreference.subject.in_(users))
    if shared:
        reads.append(tuple_(ContactPreference.inbox_kind, ContactPreference.inbox_id).in_(shared))
    query = select(ContactPreference).where(
        or_(*reads), ContactPreference.email_enabled.is_(True),
        ContactPreference.email.is_not(None))
    return (await session.scalars(query.order_by(ContactPreference.subject))).all()


def listener_scopes() -> list[tuple[str, str]]:
    """The scopes `fan_out` asks about for a `recommendation.received`: its enterprise."""
    return [("enterprise", "bench-ent")]


async def subscriptions(session: AsyncSession) -> None:
    """The enterprise's HR system and a society's, both subscribed to everything."""
    now = datetime.now(UTC)
    for n, (kind, scope_id) in enumerate([("enterprise", "bench-ent"), ("society", "cces")]):
        session.add(WebhookSubscription(
            owner_subject=f"bench-client-{n}", owner_role=kind, scope_kind=kind,
            scope_id=scope_id, url="https://hr.example.com/hooks", event_types=["*"],
            secret="whsec_" + "A" * 32, created_at=now, updated_at=now))
    await session.flush()


async def listeners_as_they_were(session: AsyncSession, scopes: list[tuple[str, str]]) -> object:
    """`webhooks.repository.listening` before it was built once."""
    query = select(WebhookSubscription).where(
        tuple_(WebhookSubscription.scope_kind, WebhookSubscription.scope_id).in_(scopes),
        WebhookSubscription.status.in_(("active", "paused")),
    )
    return (await session.scalars(query)).all()


def recommendation_fact() -> dict[str, object]:
    return {"recommendation_id": uuid.uuid4(), "enterprise_id": "bench-ent",
            "candidate_count": 1, "received_at": datetime.now(UTC)}


async def fact_as_it_was(session: AsyncSession, values: dict[str, object]) -> object:
    return await session.execute(
        insert(RecommendationFact).values(values).on_conflict_do_nothing())


class OutboxAsItWas(Outbox):
    """Each event's INSERT built with its values as literals, as `emit` once did."""

    async def emit(self, session: AsyncSession, data: EventData, *,
                   subject: str | None) -> Any:
        envelope = self._envelope(data, subject)
        await session.execute(insert(self.table).values(
            id=envelope.id, type=envelope.type, subject=subject,
            envelope=envelope.model_dump(mode="json")))
        return envelope


def event() -> RecommendationReceived:
    return RecommendationReceived(recommendation_id=uuid.uuid4(), enterprise_id="bench-ent",
                                  enterprise_name="中国路桥工程有限责任公司", candidate_count=1)


async def _cpu_per_call(session: AsyncSession, call: Call, make: Callable[[], Any],
                        n: int) -> float:
    for _ in range(30):
        await call(session, make())
    started = time.process_time()
    for _ in range(n):
        await call(session, make())
    return (time.process_time() - started) / n * 1000


async def main(rounds: int, n: int) -> None:
    old_outbox = OutboxAsItWas(notifications_outbox, "bench")
    new_outbox = Outbox(notifications_outbox, "bench")
    cases: list[tuple[str, Any, Call, Call, Callable[[], Any]]] = [
        ("notifications inbox rows", (NOTIFICATIONS, notifications_app, NotificationsSettings),
         inbox_as_it_was, inbox.add_all, inbox_rows),
        ("oversight recommendation fact", (OVERSIGHT, oversight_app, OversightSettings),
         fact_as_it_was, read_model.add_recommendation, recommendation_fact),
        ("kit Outbox.emit", (NOTIFICATIONS, notifications_app, NotificationsSettings),
         lambda s, d: old_outbox.emit(s, d, subject="x"),
         lambda s, d: new_outbox.emit(s, d, subject="x"), event),
        ("notifications mail recipients", (NOTIFICATIONS, notifications_app,
                                           NotificationsSettings),
         recipients_as_they_were, preferences.reachable_by_mail, mail_recipients),
        ("notifications webhook listeners", (NOTIFICATIONS, notifications_app,
                                             NotificationsSettings),
         listeners_as_they_were, webhooks.listening, listener_scopes),
    ]
    setups: dict[str, Callable[[AsyncSession], Awaitable[None]]] = {
        "notifications mail recipients": readers_with_addresses,
        "notifications webhook listeners": subscriptions}
    # Each service's database is migrated once, for all of its cases.
    services = {case[1][0].name: case[1] for case in cases}
    for service, (spec, create_app, settings) in services.items():
        harness = ServiceHarness(spec, create_app, settings)
        harness.url = URL.format(service)
        async with harness.database() as engine:
            for name, _, old, new, make in (c for c in cases if c[1][0].name == service):
                figures: dict[str, list[float]] = {"as it was": [], "as it is": []}
                async with AsyncSession(engine) as session:
                    await session.begin()
                    if name in setups:
                        await setups[name](session)
                    for _ in range(rounds):
                        figures["as it was"].append(await _cpu_per_call(session, old, make, n))
                        figures["as it is"].append(await _cpu_per_call(session, new, make, n))
                    await session.rollback()
                print(f"{name}: CPU per call " + ", ".join(
                    f"{label} " + " / ".join(f"{v:.2f}" for v in values) + " ms"
                    for label, values in figures.items()), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--calls", type=int, default=400)
    args = parser.parse_args()
    asyncio.run(main(args.rounds, args.calls))
