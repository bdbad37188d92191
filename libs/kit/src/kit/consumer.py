"""Idempotent consumers: one transaction per message records the event id with its effect."""

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import structlog
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractRobustConnection
from pydantic import ValidationError
from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kit.broker import (
    DEAD_LETTER_EXCHANGE,
    dead_letter_queue_name,
    declare_dead_letter_exchange,
    declare_exchange,
)
from kit.events import Envelope
from kit.observability import EVENTS_CONSUMED, bind_request_id
from kit.tracing import SpanKind, span

log = structlog.get_logger()

Handler = Callable[[AsyncSession, Envelope], Awaitable[None]]


@dataclass(frozen=True)
class Subscription:
    """One durable queue of a service: the event types it binds and the handler of each."""

    queue: str
    handlers: Mapping[str, Handler]
    extra_bindings: Sequence[str] = field(default_factory=tuple)
    # Handles every type bound through `extra_bindings` (e.g. "#") that has no handler of its own.
    fallback: Handler | None = None

    @property
    def bindings(self) -> list[str]:
        return [*self.handlers.keys(), *self.extra_bindings]

    def handler_for(self, event_type: str) -> Handler | None:
        return self.handlers.get(event_type, self.fallback)


class Consumer:
    """Consumes one quorum queue. Success: effect + inbox row commit, then ack. Duplicate: the
    inbox insert finds the id and the handler is skipped. Failure: nack after an exponential
    backoff; the broker counts deliveries and dead-letters past `delivery_limit`."""

    def __init__(
        self,
        *,
        service: str,
        subscription: Subscription,
        sessionmaker: async_sessionmaker[AsyncSession],
        inbox: Table,
        exchange_name: str,
        max_attempts: int = 5,
        prefetch: int = 32,
        backoff_base: float = 0.5,
        backoff_max: float = 30.0,
        queue_prefix: str = "",
        concurrency: int = 4,
    ) -> None:
        self.service = service
        self.subscription = subscription
        self.queue = queue_prefix + subscription.queue
        self.sessionmaker = sessionmaker
        self.inbox = inbox
        self.exchange_name = exchange_name
        self.max_attempts = max_attempts
        self.prefetch = prefetch
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self._pending_retries: set[asyncio.TimerHandle] = set()
        self._nacks: set[asyncio.Task[None]] = set()
        # At most this many transactions at once, first come first served: more messages in
        # flight than pooled connections would let new ones overtake older ones in the pool.
        self._gate = asyncio.Semaphore(concurrency)
        # Outcomes seen by this process (processed, duplicate, failed, ...), for tests and logs.
        self.outcomes: Counter[str] = Counter()

    @property
    def queue_arguments(self) -> dict[str, Any]:
        # RabbitMQ 3.10 quorum queues dead-letter a message once its delivery count exceeds
        # x-delivery-limit, so the limit is the number of redeliveries after the first attempt.
        return {
            "x-queue-type": "quorum",
            "x-delivery-limit": self.max_attempts - 1,
            "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE,
            "x-dead-letter-routing-key": self.queue,
        }

    async def declare(self, channel: AbstractChannel) -> None:
        exchange = await declare_exchange(channel, self.exchange_name)
        dlx = await declare_dead_letter_exchange(channel)
        dlq = await channel.declare_queue(
            dead_letter_queue_name(self.queue),
            durable=True,
            arguments={"x-queue-type": "quorum"},
        )
        await dlq.bind(dlx, routing_key=self.queue)
        queue = await channel.declare_queue(
            self.queue, durable=True, arguments=self.queue_arguments
        )
        for key in self.subscription.bindings:
            await queue.bind(exchange, routing_key=key)

    async def start(self, connection: AbstractRobustConnection) -> None:
        channel = await connection.channel()
        await channel.set_qos(prefetch_count=self.prefetch)
        await self.declare(channel)
        queue = await channel.get_queue(self.queue)
        await queue.consume(self.on_message, no_ack=False)

    async def on_message(self, message: AbstractIncomingMessage) -> None:
        queue = self.queue
        try:
            envelope = Envelope.model_validate_json(message.body)
        except ValidationError as exc:
            # Malformed: no retry can fix it, straight to the dead-letter queue.
            log.error("event_malformed", queue=queue, error=str(exc)[:500])
            self._count("dead_lettered")
            await message.reject(requeue=False)
            return
        bind_request_id(envelope.requestid)
        handler = self.subscription.handler_for(envelope.type)
        carrier = {"traceparent": envelope.traceparent} if envelope.traceparent else None
        try:
            if handler is None:
                outcome = "ignored"
            else:
                with span(f"consume {envelope.type}", kind=SpanKind.CONSUMER, carrier=carrier,
                          attributes={"messaging.destination.name": queue,
                                      "messaging.message.id": str(envelope.id)}):
                    outcome = await self._apply(envelope, handler)
        except Exception as exc:
            attempt = self._delivery_count(message) + 1
            delay = min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)
            log.warning(
                "event_failed", queue=queue, event_id=str(envelope.id), type=envelope.type,
                attempt=attempt, max_attempts=self.max_attempts, retry_in=delay, error=repr(exc),
            )
            if attempt >= self.max_attempts:
                # This nack makes the broker dead-letter it: say so, loudly, once.
                log.error("event_dead_lettered", queue=queue, event_id=str(envelope.id),
                          type=envelope.type, attempts=attempt, error=repr(exc))
                self._count("dead_lettered")
            else:
                self._count("retried")
            self._retry_later(message, delay)
            return
        finally:
            bind_request_id(None)
        await message.ack()
        self._count(outcome)

    def _count(self, outcome: str) -> None:
        self.outcomes[outcome] += 1
        EVENTS_CONSUMED.labels(self.service, self.queue, outcome).inc()

    async def _apply(self, envelope: Envelope, handler: Handler) -> str:
        async with self._gate, self.sessionmaker() as session, session.begin():
            recorded = await session.execute(
                insert(self.inbox)
                .values(consumer=self.queue, event_id=envelope.id, type=envelope.type)
                .on_conflict_do_nothing()
                .returning(self.inbox.c.event_id)
            )
            if recorded.first() is None:
                return "duplicate"
            await handler(session, envelope)
        return "processed"

    @staticmethod
    def _delivery_count(message: AbstractIncomingMessage) -> int:
        value = (message.headers or {}).get("x-delivery-count", 0)
        return int(value) if isinstance(value, int | str) else 0

    def _retry_later(self, message: AbstractIncomingMessage, delay: float) -> None:
        # The message keeps its prefetch slot while it waits, so others behind it still flow.
        loop = asyncio.get_running_loop()

        def fire() -> None:
            self._pending_retries.discard(handle)
            task = loop.create_task(_nack(message))
            self._nacks.add(task)
            task.add_done_callback(self._nacks.discard)

        handle = loop.call_later(delay, fire)
        self._pending_retries.add(handle)

    def cancel_retries(self) -> None:
        for handle in self._pending_retries:
            handle.cancel()
        self._pending_retries.clear()


async def _nack(message: AbstractIncomingMessage) -> None:
    try:
        await message.nack(requeue=True)
    except Exception as exc:  # the channel may be gone; the broker redelivers unacked anyway
        log.info("nack_after_channel_loss", error=repr(exc))
