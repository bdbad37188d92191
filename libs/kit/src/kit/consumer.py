"""Idempotent consumers: the transaction that applies an event's effect records its id.

Messages that arrive while the consumer is busy are applied together: one transaction records
the window's event ids with one INSERT and runs each handler in delivery order, then every
message is acked. When any handler of a window fails, the window's transaction is rolled back
and each of its messages is applied again alone, so a poison message fails (and is retried and
dead-lettered) by itself while the others commit once."""

import asyncio
import re
import uuid
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import asyncpg
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
from kit.db import roll_back_driver
from kit.events import Envelope
from kit.observability import EVENTS_CONSUMED, bind_request_id
from kit.tracing import SpanKind, span

log = structlog.get_logger()

Handler = Callable[[AsyncSession, Envelope], Awaitable[None]]

# The window's connection: SQLAlchemy sends no BEGIN or COMMIT on it, the consumer does.
_AUTOCOMMIT: dict[str, Any] = {"isolation_level": "AUTOCOMMIT"}
# What may go into a statement as a literal without quoting: event types and queue names.
_PLAIN = re.compile(r"[A-Za-z0-9._:-]{1,120}")


class WindowRolledBack(RuntimeError):
    """The window's COMMIT found its transaction aborted: it is retried like a failure."""


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


@dataclass(eq=False)
class Delivery:
    """One message waiting for (or in) a window, and the outcome its owner awaits."""

    message: AbstractIncomingMessage
    envelope: Envelope
    handler: Handler
    outcome: "asyncio.Future[str]"
    taken: bool = False


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
        window: int = 32,
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
        # At most this many windows (transactions) at once: more messages in flight than
        # pooled connections would let new ones overtake older ones in the pool.
        self.concurrency = max(1, concurrency)
        self._in_flight = 0
        self._turn = asyncio.Condition()
        # Messages waiting for a transaction; whoever starts a window takes up to `window` of
        # them, oldest first.
        self.window = max(1, window)
        self._waiting: deque[Delivery] = deque()
        self._record = (insert(inbox).on_conflict_do_nothing()
                        .returning(inbox.c.event_id))
        # `_begin_and_record`'s literal statement up to its rows, built once; None when the
        # table's or the queue's name is not plain (then every window takes parameters).
        self._begin_and_insert = (
            f"BEGIN; INSERT INTO {inbox.name} (consumer, event_id, type) VALUES "
            if _PLAIN.fullmatch(self.queue) and _PLAIN.fullmatch(inbox.name) else None)
        # How many windows of each size this process has applied, for tests and logs.
        self.window_sizes: Counter[int] = Counter()
        # Outcomes seen by this process (processed, duplicate, failed, ...), for tests and logs.
        self.outcomes: Counter[str] = Counter()

    @property
    def waiting(self) -> int:
        """Messages received and waiting for a window, for tests and logs."""
        return len(self._waiting)

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
        try:
            if handler is None:
                outcome = "ignored"
            else:
                outcome = await self._submit(message, envelope, handler)
        except Exception as exc:
            bind_request_id(envelope.requestid)  # a window may have bound another message's
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

    async def _submit(self, message: AbstractIncomingMessage, envelope: Envelope,
                      handler: Handler) -> str:
        """Queue the message for a window and wait for its outcome. While a window is being
        applied, messages that arrive wait for it and then go together in the next one, rather
        than each opening a transaction of its own (at a steady trickle that would make every
        window one message long); a second window opens alongside only for a backlog of a full
        window. A call keeps taking windows, oldest messages first, until its own message has
        been taken, so no message is ever left without a taker."""
        delivery = Delivery(message, envelope, handler,
                            asyncio.get_running_loop().create_future())
        self._waiting.append(delivery)
        while not delivery.taken:
            async with self._turn:
                await self._turn.wait_for(lambda: delivery.taken or self._may_open())
                if delivery.taken:
                    break
                batch: list[Delivery] = []
                while self._waiting and len(batch) < self.window:
                    taken = self._waiting.popleft()
                    taken.taken = True
                    batch.append(taken)
                self._in_flight += 1
            try:
                await self._run_window(batch)
            except BaseException as exc:  # cancelled mid-window: nobody waits forever
                for other in batch:
                    _settle(other, exc)
                raise
            finally:
                async with self._turn:
                    self._in_flight -= 1
                    self._turn.notify_all()
        return await delivery.outcome

    def _may_open(self) -> bool:
        """Whether a new window may start now: when none is being applied, or alongside the
        ones that are when a full window of messages is waiting."""
        if self._in_flight == 0:
            return True
        return self._in_flight < self.concurrency and len(self._waiting) >= self.window

    async def _run_window(self, batch: list[Delivery]) -> None:
        self.window_sizes[len(batch)] += 1
        try:
            outcomes = await self._apply(batch)
        except Exception as exc:
            if len(batch) == 1:
                _settle(batch[0], exc)
                return
            # Which one failed is not known: each again alone, so only it fails.
            log.info("event_window_failed", queue=self.queue, size=len(batch), error=repr(exc))
            self._count("window_split")
            for delivery in batch:
                try:
                    [outcome] = await self._apply([delivery])
                except Exception as alone:
                    _settle(delivery, alone)
                else:
                    _settle(delivery, outcome)
            return
        for delivery, outcome in zip(batch, outcomes, strict=True):
            _settle(delivery, outcome)

    async def _apply(self, batch: Sequence[Delivery]) -> list[str]:
        """One transaction: the window's event ids into the inbox, then the handler of each new
        one in delivery order. An id already there (or twice in the window) is a duplicate.

        The transaction is the driver's: BEGIN goes with the inbox rows in one round trip
        (`BEGIN; INSERT …`, one simple query) and COMMIT is sent the same way, while the
        handlers run on the session over that connection, which is in autocommit so that
        SQLAlchemy sends neither itself. At a trickle a window is one or two events, and the
        round trip and the ORM's bookkeeping of a separate BEGIN cost more than the insert."""
        async with self.sessionmaker() as session:
            connection = await session.connection(execution_options=_AUTOCOMMIT)
            raw = await connection.get_raw_connection()
            driver = cast(asyncpg.Connection, raw.driver_connection)
            try:
                new = await self._begin_and_record(session, driver, batch)
                outcomes: list[str] = []
                for delivery in batch:
                    envelope = delivery.envelope
                    if envelope.id not in new:
                        outcomes.append("duplicate")
                        continue
                    new.discard(envelope.id)
                    carrier = ({"traceparent": envelope.traceparent}
                               if envelope.traceparent else None)
                    bind_request_id(envelope.requestid)
                    with span(f"consume {envelope.type}", kind=SpanKind.CONSUMER,
                              carrier=carrier,
                              attributes={"messaging.destination.name": self.queue,
                                          "messaging.message.id": str(envelope.id),
                                          "messaging.batch.message_count": len(batch)}):
                        await delivery.handler(session, envelope)
                    outcomes.append("processed")
                await session.flush()
                if await driver.execute("COMMIT") != "COMMIT":
                    # PostgreSQL answers the COMMIT of a transaction that a failed statement
                    # aborted (an error a handler caught and let pass) with ROLLBACK.
                    raise WindowRolledBack("a statement of the window failed; nothing of it "
                                           "was committed")
            except BaseException:
                await roll_back_driver(connection, driver, user="consumer")
                raise
        return outcomes

    async def _begin_and_record(self, session: AsyncSession, driver: asyncpg.Connection,
                                batch: Sequence[Delivery]) -> set[uuid.UUID]:
        """BEGIN, and the window's rows into the inbox: the ids that were new. The rows go as
        literals only when every value is plain (a UUID, and names of letters, digits and
        `._:-`), so nothing is quoted by hand; when one is not, or when the insert's count
        says a row was already there, the ids are inserted again with parameters and RETURNING
        in a fresh transaction (a redelivery is rare, a window of new events is the rule)."""
        prefix = self._begin_and_insert
        if prefix is not None and all(_PLAIN.fullmatch(d.envelope.type) for d in batch):
            values = ", ".join(f"('{self.queue}', '{d.envelope.id}', '{d.envelope.type}')"
                               for d in batch)
            status = await driver.execute(f"{prefix}{values} ON CONFLICT DO NOTHING")
            if status == f"INSERT 0 {len(batch)}":
                return {d.envelope.id for d in batch}
            await driver.execute("ROLLBACK; BEGIN")
        else:
            await driver.execute("BEGIN")
        # One statement compiled once, whatever the window's size (insertmanyvalues).
        recorded = await session.execute(
            self._record,
            [{"consumer": self.queue, "event_id": d.envelope.id, "type": d.envelope.type}
             for d in batch],
        )
        return set(recorded.scalars())

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


def _settle(delivery: Delivery, result: str | BaseException) -> None:
    """The outcome its owner awaits, unless the owner has gone (cancelled at shutdown)."""
    if delivery.outcome.done():
        return
    if isinstance(result, BaseException):
        delivery.outcome.set_exception(result)
    else:
        delivery.outcome.set_result(result)


async def _nack(message: AbstractIncomingMessage) -> None:
    try:
        await message.nack(requeue=True)
    except Exception as exc:  # the channel may be gone; the broker redelivers unacked anyway
        log.info("nack_after_channel_loss", error=repr(exc))
