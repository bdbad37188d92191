"""What an operator of a worker sees: `/metrics` and `/healthz` on the worker's own port, the
outbox backlog and the dead-letter depth as gauges, and the pruning of what accumulates."""

import asyncio
import contextlib
from datetime import datetime, timedelta
from typing import Any

import aio_pika
import structlog
from prometheus_client import CONTENT_TYPE_LATEST, Gauge, generate_latest
from sqlalchemy import Table, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.types import Receive, Scope, Send

from kit.broker import dead_letter_queue_name
from kit.jobs import ScheduledJob

log = structlog.get_logger()

OUTBOX_PENDING = Gauge("cse_outbox_pending", "Outbox rows not yet published", ["service"])
OUTBOX_OLDEST = Gauge(
    "cse_outbox_oldest_pending_seconds", "Age of the oldest unpublished outbox row", ["service"]
)
DEAD_LETTERS = Gauge(
    "cse_dead_letter_queue_depth", "Messages waiting in a dead-letter queue", ["service", "queue"]
)


class WorkerHealth:
    """A minimal ASGI app (no web framework in workers) for the worker's own port."""

    def __init__(self, is_healthy: Any) -> None:
        self.is_healthy = is_healthy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (message := await receive())["type"] != "lifespan.shutdown":
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["type"] != "http":
            return
        if scope["path"] == "/metrics":
            status, body, media = 200, generate_latest(), CONTENT_TYPE_LATEST
        elif scope["path"] == "/healthz":
            healthy = bool(self.is_healthy())
            status = 200 if healthy else 503
            body = b'{"status":"ok"}' if healthy else b'{"status":"broker connection lost"}'
            media = "application/json"
        else:
            status, body, media = 404, b'{"status":404}', "application/json"
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", media.encode())]})
        await send({"type": "http.response.body", "body": body})


async def monitor(
    *,
    service: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    outbox: Table,
    queues: list[str],
    amqp_url: str,
    interval: float,
    stop: asyncio.Event,
) -> None:
    """Refresh the backlog and dead-letter gauges every `interval` seconds."""
    connection: aio_pika.abc.AbstractRobustConnection | None = None
    try:
        while not stop.is_set():
            try:
                async with sessionmaker() as session:
                    pending, oldest, now = (await session.execute(
                        select(func.count(), func.min(outbox.c.created_at), func.now())
                        .where(outbox.c.published_at.is_(None))
                    )).one()
                OUTBOX_PENDING.labels(service).set(pending)
                OUTBOX_OLDEST.labels(service).set(
                    (now - oldest).total_seconds() if oldest is not None else 0.0)
            except Exception as exc:
                log.warning("monitor_outbox_failed", error=repr(exc))
            try:
                if connection is None:
                    connection = await aio_pika.connect_robust(amqp_url)
                channel = await connection.channel()
                try:
                    for queue in queues:
                        name = dead_letter_queue_name(queue)
                        declared = await channel.declare_queue(name, passive=True)
                        DEAD_LETTERS.labels(service, queue).set(
                            declared.declaration_result.message_count or 0)
                finally:
                    await channel.close()
            except Exception as exc:
                log.warning("monitor_dead_letters_failed", error=repr(exc))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)
    finally:
        if connection is not None:
            await connection.close()


def pruning_job(outbox: Table, inbox: Table, retention_days: int) -> ScheduledJob:
    """Published outbox rows and old inbox rows are deleted after the retention period: the
    envelopes carry names, and nothing needs them once every consumer has had them. The inbox
    dedupes redeliveries within that period (a broker redelivers within minutes, not days)."""

    async def prune(session: AsyncSession, now: datetime) -> int:
        # The database's own clock, not the job's: the rows are stamped by the database, and
        # a dev platform's moved clock must not make fresh rows look a week old.
        cutoff = func.now() - timedelta(days=retention_days)
        published = await session.execute(
            delete(outbox).where(outbox.c.published_at.is_not(None),
                                 outbox.c.published_at < cutoff))
        processed = await session.execute(delete(inbox).where(inbox.c.processed_at < cutoff))
        return int(getattr(published, "rowcount", 0) or 0) + int(
            getattr(processed, "rowcount", 0) or 0)

    return ScheduledJob("kit.prune_outbox_and_inbox", prune)
