"""The event backbone against the real broker and database: outages, duplicates, poison
messages, competing relays, and a negative control showing the loss test can fail."""

import asyncio
import contextlib
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import aio_pika
import pytest
from aio_pika.abc import AbstractRobustConnection
from backbone_support import (
    Ping,
    apply_effect,
    effects,
    emit_pings,
    inbox,
    outbox,
    scalar,
)
from kit import deadletters
from kit.broker import connect, dead_letter_queue_name, declare_exchange
from kit.consumer import Consumer, Handler, Subscription
from kit.events import Envelope
from kit.outbox import Outbox
from kit.relay import OutboxRelay
from kit.testing import Link, TcpProxy, database_url_for, eventually
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

BROKER = "amqp://guest:guest@127.0.0.1:5672/"
DSN = database_url_for("backbone").replace("postgresql+asyncpg://", "postgresql://")

Sessions = async_sessionmaker[AsyncSession]


def engine_of(sessions: Sessions) -> AsyncEngine:
    """The engine the sessions are bound to: a relay works on the pool, not on sessions."""
    engine: AsyncEngine = sessions.kw["bind"]
    return engine


@dataclass
class Rig:
    """Relays and a consumer wired as in a service's worker, on connections we control."""

    sessions: Sessions
    exchange: str
    queue: str
    consumer: Consumer
    relays: list[OutboxRelay] = field(default_factory=list)
    connections: list[AbstractRobustConnection] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def add_relay(self, url: str, *, confirms: bool = True) -> OutboxRelay:
        connection = await connect(url, reconnect_interval=0.2)
        self.connections.append(connection)
        channel = await connection.channel(publisher_confirms=confirms)
        relay = OutboxRelay(
            service="test", engine=engine_of(self.sessions),
            table=outbox, exchange=await declare_exchange(channel, self.exchange),
            batch_size=50, confirm_timeout=1.0,
        )
        self.relays.append(relay)
        self.tasks.append(asyncio.create_task(
            relay.run(self.stop, database_dsn=DSN, poll_interval=0.2)
        ))
        return relay


async def ready_messages(queue: str) -> int:
    connection = await aio_pika.connect(BROKER)
    async with connection:
        channel = await connection.channel()
        declared = await channel.declare_queue(queue, passive=True)
        count: int = declared.declaration_result.message_count or 0
        return count


@asynccontextmanager
async def rig(sessions: Sessions, exchange: str, consumer_url: str, *,
              handler: Handler = apply_effect, max_attempts: int = 5) -> AsyncIterator[Rig]:
    queue = f"{exchange}.pings"
    consumer = Consumer(
        service="test", subscription=Subscription(queue=queue, handlers={"backbone.ping": handler}),
        sessionmaker=sessions, inbox=inbox, exchange_name=exchange,
        max_attempts=max_attempts, prefetch=20, backoff_base=0.05, backoff_max=0.2,
    )
    connection = await connect(consumer_url, reconnect_interval=0.2)
    await consumer.start(connection)
    the_rig = Rig(sessions, exchange, queue, consumer, connections=[connection])
    try:
        yield the_rig
    finally:
        the_rig.stop.set()
        await asyncio.gather(*the_rig.tasks)
        consumer.cancel_retries()
        for conn in the_rig.connections:
            await conn.close()
        await delete_queue(queue)


async def delete_queue(queue: str) -> None:
    """A consumer's queue and its dead-letter queue, gone from the broker."""
    cleanup = await aio_pika.connect(BROKER)
    async with cleanup:
        channel = await cleanup.channel()
        await channel.queue_delete(queue)
        await channel.queue_delete(dead_letter_queue_name(queue))


def failing_on(poison: int, attempts: Counter[int]) -> Handler:
    """The effect handler, counting each ping's attempts and never succeeding on `poison`."""

    async def handler(session: AsyncSession, envelope: Envelope) -> None:
        ping = envelope.payload(Ping)
        attempts[ping.n] += 1
        if ping.n == poison:
            raise RuntimeError("this one never succeeds")
        await apply_effect(session, envelope)

    return handler


async def assert_each_applied_once(sessions: Sessions, expected: int) -> None:
    assert await scalar(sessions, "SELECT count(*) FROM effects") == expected
    assert await scalar(sessions, "SELECT coalesce(max(applied), 0) FROM effects") == 1
    assert await scalar(sessions, "SELECT count(*) FROM inbox") == expected


@pytest.mark.parametrize("cut", [Link.DROP_TO_BROKER, Link.DROP_FROM_BROKER])
async def test_broker_outage_during_a_burst_loses_nothing_and_applies_nothing_twice(
    sessions: Sessions, proxy: TcpProxy, exchange_name: str, cut: Link
) -> None:
    writer = Outbox(outbox, source="/test")
    async with rig(sessions, exchange_name, proxy.url) as r:
        relay = await r.add_relay(proxy.url)
        await emit_pings(writer, sessions, 20)
        await eventually(lambda: _equals(sessions, "effects", 20), what="warm-up consumed")

        # The link degrades mid-burst (confirms or messages vanish), then the broker is gone.
        proxy.set(cut)
        await emit_pings(writer, sessions, 50, start=20)
        await eventually(lambda: _true(relay.failures >= 1), what="a failed publish")
        proxy.set(Link.DOWN)
        failures = relay.failures
        await emit_pings(writer, sessions, 150, start=70)
        await eventually(lambda: _true(relay.failures > failures), what="relay retrying")
        assert await scalar(sessions, "SELECT count(*) FROM effects") == 20
        proxy.set(Link.UP)

        await eventually(lambda: _equals(sessions, "effects", 220), within=60,
                         what="all 220 effects after the broker returned")
        await eventually(lambda: _unpublished_and_ready_zero(sessions, r),
                         what="outbox and queue drained")
        await assert_each_applied_once(sessions, 220)
        if cut is Link.DROP_FROM_BROKER:
            # Those messages reached the broker but their confirms did not: republished.
            assert r.consumer.outcomes["duplicate"] >= 1


async def test_negative_control_without_confirms_the_same_outage_loses_events(
    sessions: Sessions, proxy: TcpProxy, exchange_name: str
) -> None:
    """Marking rows sent once written to the socket, without confirms, loses what the broker
    never got: the outage test above would fail against such a relay."""
    writer = Outbox(outbox, source="/test")
    async with rig(sessions, exchange_name, proxy.url) as r:
        relay = await r.add_relay(proxy.url, confirms=False)
        await emit_pings(writer, sessions, 20)
        await eventually(lambda: _equals(sessions, "effects", 20), what="warm-up consumed")
        proxy.set(Link.DROP_TO_BROKER)
        await emit_pings(writer, sessions, 200, start=20)
        await eventually(lambda: _true(relay.published == 220), what="rows marked sent")
        proxy.set(Link.DOWN)
        proxy.set(Link.UP)
        marker = await emit_pings(writer, sessions, 1, start=1000)
        await eventually(lambda: _applied(sessions, marker[0]),
                         what="a marker event after the outage")
        assert await _unpublished(sessions) == 0
        consumed = await scalar(sessions, "SELECT count(*) FROM effects")
        assert consumed == 21, "all 200 events sent during the outage were lost"


async def test_the_same_event_delivered_twice_is_applied_once(
    sessions: Sessions, exchange_name: str
) -> None:
    async with rig(sessions, exchange_name, BROKER) as r:
        envelope = Envelope.wrap(Ping(n=7), source="/test", subject="pings/7")
        connection = await aio_pika.connect(BROKER)
        async with connection:
            channel = await connection.channel()
            exchange = await channel.get_exchange(exchange_name)
            for _ in range(2):
                await exchange.publish(
                    aio_pika.Message(body=envelope.model_dump_json().encode()),
                    routing_key="backbone.ping",
                )
        await eventually(lambda: _true(r.consumer.outcomes["duplicate"] == 1),
                         what="the second delivery")
        assert r.consumer.outcomes["processed"] == 1
        await assert_each_applied_once(sessions, 1)


async def test_a_poison_message_is_dead_lettered_after_its_attempts_and_others_flow(
    sessions: Sessions, exchange_name: str
) -> None:
    attempts: Counter[int] = Counter()
    fails_on_zero = failing_on(0, attempts)

    writer = Outbox(outbox, source="/test")
    async with rig(sessions, exchange_name, BROKER, handler=fails_on_zero, max_attempts=3) as r:
        await r.add_relay(BROKER)
        ids = await emit_pings(writer, sessions, 21, per_transaction=1)
        dlq = dead_letter_queue_name(r.queue)
        await eventually(lambda: _equals(sessions, "effects", 20), what="the 20 good events")
        await eventually(lambda: _ready(r, dlq, 1), what="the poison message dead-lettered")
        # Three attempts alone, plus one inside each window it shared with others (rolled
        # back, then each of that window's messages applied alone).
        assert attempts[0] == 3 + r.consumer.outcomes["window_split"]
        assert all(1 <= attempts[n] <= 2 for n in range(1, 21))
        connection = await aio_pika.connect(BROKER)
        async with connection:
            channel = await connection.channel()
            queue = await channel.get_queue(dlq)
            message = await queue.get(no_ack=True)
            assert message is not None
            assert Envelope.model_validate_json(message.body).id == ids[0]
        assert await scalar(sessions, "SELECT count(*) FROM inbox") == 20


async def test_a_window_is_applied_in_one_transaction_and_its_poison_fails_alone(
    sessions: Sessions, exchange_name: str
) -> None:
    """A backlog is consumed in windows (several messages per transaction). A poison message
    in a window rolls the window back; each of its messages is then applied alone, so the
    poison alone is retried and dead-lettered, and every other event is applied once, a
    duplicate delivery in the same window included."""
    attempts: Counter[int] = Counter()
    fails_on_13 = failing_on(13, attempts)

    queue = f"{exchange_name}.pings"
    consumer = Consumer(
        service="test", subscription=Subscription(queue, {"backbone.ping": fails_on_13}),
        sessionmaker=sessions, inbox=inbox, exchange_name=exchange_name,
        max_attempts=3, prefetch=40, backoff_base=0.05, backoff_max=0.2,
    )
    envelopes = pings(40)
    connection = await connect(BROKER, reconnect_interval=0.2)
    try:
        channel = await connection.channel()
        await consumer.declare(channel)  # the queue exists and fills before anyone consumes
        exchange = await channel.get_exchange(exchange_name)
        for envelope in [*envelopes[:20], envelopes[5], *envelopes[20:]]:  # 5 twice
            await exchange.publish(aio_pika.Message(body=envelope.model_dump_json().encode()),
                                   routing_key="backbone.ping")
        await consumer.start(connection)
        await eventually(lambda: _equals(sessions, "effects", 39), what="the 39 good events")
        dlq = dead_letter_queue_name(queue)
        await eventually(lambda: _count_ready(dlq, 1), what="the poison dead-lettered")
        assert max(consumer.window_sizes) > 1, consumer.window_sizes  # windows did form
        assert consumer.outcomes["window_split"] >= 1  # the poison was in one
        # Three deliveries, each applied alone, plus one run in every window it shared and rolled
        # back (a redelivery can meet messages still waiting and share a window again): only
        # the poison's windows fail, so each split is one of them.
        assert consumer.outcomes["dead_lettered"] == 1
        assert attempts[13] == 3 + consumer.outcomes["window_split"]
        # Each good event ran once, or twice when its window was rolled back: committed once.
        assert all(1 <= attempts[n] <= 2 for n in range(40) if n != 13)
        assert consumer.outcomes["duplicate"] == 1
        assert consumer.outcomes["processed"] == 39
        await assert_each_applied_once(sessions, 39)
        probe = await connection.channel()
        message = await (await probe.get_queue(dlq)).get(no_ack=True)
        assert message is not None
        assert Envelope.model_validate_json(message.body).id == envelopes[13].id
    finally:
        consumer.cancel_retries()
        await connection.close()
        await delete_queue(queue)


async def test_messages_that_arrive_during_a_window_go_together_and_a_backlog_opens_more(
    sessions: Sessions, exchange_name: str
) -> None:
    """While a window is being applied, messages that arrive one by one wait and then go
    together in the next window, not each in a transaction of its own; a second window runs
    alongside only when a full window's worth is waiting, and never more than `concurrency`."""
    release = asyncio.Event()
    running, most = 0, 0

    async def held(session: AsyncSession, envelope: Envelope) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        try:
            if envelope.payload(Ping).n in (0, 100, 101):  # holds its window open until released
                await release.wait()
            await apply_effect(session, envelope)
        finally:
            running -= 1

    queue = f"{exchange_name}.pings"
    consumer = Consumer(
        service="test", subscription=Subscription(queue, {"backbone.ping": held}),
        sessionmaker=sessions, inbox=inbox, exchange_name=exchange_name,
        prefetch=40, window=8, concurrency=2,
    )
    connection = await connect(BROKER, reconnect_interval=0.2)
    try:
        await consumer.start(connection)
        exchange = await (await connection.channel()).get_exchange(exchange_name)

        async def publish(*numbers: int) -> None:
            for n in numbers:
                envelope = Envelope.wrap(Ping(n=n), source="/test", subject=f"pings/{n}")
                await exchange.publish(aio_pika.Message(body=envelope.model_dump_json().encode()),
                                       routing_key="backbone.ping")

        # A trickle: one window open, five arrive (fewer than a window) and wait for it.
        await publish(0)
        await eventually(lambda: _true(running == 1), what="the first window open")
        await publish(1, 2, 3, 4, 5)
        await eventually(lambda: _true(consumer.waiting == 5), what="five waiting")
        assert most == 1
        release.set()
        await eventually(lambda: _equals(sessions, "effects", 6), what="the first six")
        assert consumer.window_sizes == Counter({1: 1, 5: 1})

        # A backlog: with one window held open, a full window's worth opens a second beside
        # it, and the rest wait: never a third.
        release.clear()
        await publish(100)
        await eventually(lambda: _true(running == 1), what="a window held open again")
        await publish(101, *range(200, 207), *range(300, 311))
        await eventually(lambda: _true(running == 2 and consumer.waiting == 11),
                         what="a second window held open, eleven waiting")
        release.set()
        await eventually(lambda: _equals(sessions, "effects", 26), what="all 26")
        assert most == 2
        assert consumer.window_sizes[8] >= 2, consumer.window_sizes
        await assert_each_applied_once(sessions, 26)
    finally:
        await connection.close()
        await delete_queue(queue)


@asynccontextmanager
async def one_connection_consumer(exchange_name: str, handler: Handler, *, max_attempts: int = 5,
                                  types: tuple[str, ...] = ("backbone.ping",)
                                  ) -> AsyncIterator[Consumer]:
    """A consumer on a pool of a single connection, one window at a time: what a failed window
    leaves on the connection is what the next window gets."""
    queue = f"{exchange_name}.pings"
    async with one_connection_pool() as engine:
        consumer = Consumer(
            service="test", subscription=Subscription(queue, dict.fromkeys(types, handler)),
            sessionmaker=async_sessionmaker(engine, expire_on_commit=False), inbox=inbox,
            exchange_name=exchange_name, max_attempts=max_attempts, prefetch=20,
            backoff_base=0.05, backoff_max=0.2, concurrency=1,
        )
        connection = await connect(BROKER, reconnect_interval=0.2)
        try:
            await consumer.start(connection)
            yield consumer
        finally:
            consumer.cancel_retries()
            await connection.close()
            await delete_queue(queue)


async def publish_envelopes(exchange_name: str, envelopes: list[Envelope]) -> None:
    connection = await aio_pika.connect(BROKER)
    async with connection:
        exchange = await (await connection.channel()).get_exchange(exchange_name)
        for envelope in envelopes:
            await exchange.publish(aio_pika.Message(body=envelope.model_dump_json().encode()),
                                   routing_key=envelope.type)


def pings(count: int) -> list[Envelope]:
    return [Envelope.wrap(Ping(n=n), source="/test", subject=f"pings/{n}") for n in range(count)]


async def test_a_failed_window_is_rolled_back_before_the_next_uses_its_connection(
    sessions: Sessions, exchange_name: str
) -> None:
    """The consumer runs a window's transaction on the driver's connection (BEGIN and COMMIT
    its own). A handler that wrote its effect and then failed leaves nothing: the next window
    on the same connection does not commit it, and the event is dead-lettered."""
    async def writes_then_fails_on_3(session: AsyncSession, envelope: Envelope) -> None:
        await apply_effect(session, envelope)
        if envelope.payload(Ping).n == 3:
            raise RuntimeError("fails after writing")

    async with one_connection_consumer(exchange_name, writes_then_fails_on_3,
                                       max_attempts=2) as consumer:
        envelopes = pings(8)
        await publish_envelopes(exchange_name, envelopes)
        await eventually(lambda: _equals(sessions, "effects", 7), what="the 7 good events")
        await eventually(lambda: _count_ready(dead_letter_queue_name(consumer.queue), 1),
                         what="event 3 dead-lettered")
        assert not await _applied(sessions, envelopes[3].id)
        assert consumer.outcomes["processed"] == 7
        # The windows' connection went back to the pool transactional again (their
        # autocommit was for that session only): a session's rollback there still rolls back.
        async with consumer.sessionmaker() as session:
            await apply_effect(session, envelopes[3])
            await session.rollback()
        await assert_each_applied_once(sessions, 7)


async def test_a_window_whose_transaction_a_caught_error_aborted_is_not_acked(
    sessions: Sessions, exchange_name: str
) -> None:
    """A handler that catches a database error and returns leaves the transaction aborted:
    PostgreSQL answers its COMMIT with ROLLBACK. The window is a failure then (retried, and
    dead-lettered), not acked as applied with nothing stored."""
    async def swallows_a_failed_statement(session: AsyncSession, envelope: Envelope) -> None:
        await apply_effect(session, envelope)
        with contextlib.suppress(DBAPIError):
            await session.execute(text("SELECT 1 / 0"))

    async with one_connection_consumer(exchange_name, swallows_a_failed_statement,
                                       max_attempts=2) as consumer:
        await publish_envelopes(exchange_name, pings(1))
        await eventually(lambda: _count_ready(dead_letter_queue_name(consumer.queue), 1),
                         what="the event dead-lettered")
        assert consumer.outcomes["processed"] == 0
        assert await scalar(sessions, "SELECT count(*) FROM effects") == 0
        assert await scalar(sessions, "SELECT count(*) FROM inbox") == 0


async def test_a_consumer_whose_database_connection_dies_replaces_it_and_applies_once(
    sessions: Sessions, exchange_name: str
) -> None:
    """The connection is cut after a window's handler ran, before its COMMIT: SQLAlchemy does
    not see that failure (the COMMIT is the driver's), so the consumer discards the connection
    itself; the event is retried on a new one and applied once, and the events after it
    flow."""
    cut, backend = asyncio.Event(), asyncio.get_running_loop().create_future()

    async def cut_during_the_first(session: AsyncSession, envelope: Envelope) -> None:
        await apply_effect(session, envelope)
        if envelope.payload(Ping).n == 0 and not cut.is_set():
            backend.set_result(await session.scalar(text("SELECT pg_backend_pid()")))
            await cut.wait()

    async with one_connection_consumer(exchange_name, cut_during_the_first) as consumer:
        envelopes = pings(5)
        await publish_envelopes(exchange_name, envelopes[:1])
        pid = await asyncio.wait_for(backend, timeout=10)
        await scalar(sessions, f"SELECT count(*) FROM pg_terminate_backend({pid})")
        cut.set()
        await publish_envelopes(exchange_name, envelopes[1:])
        await eventually(lambda: _equals(sessions, "effects", 5), what="all 5 after the cut")
        assert consumer.outcomes["retried"] >= 1
        await assert_each_applied_once(sessions, 5)


async def test_an_event_type_that_cannot_go_as_a_literal_is_recorded_with_parameters(
    sessions: Sessions, exchange_name: str
) -> None:
    """A window's inbox rows go into the statement as literals only when they are plain; an
    event type with a quote and a space is recorded through parameters, exactly as it came,
    once, and its second delivery is a duplicate."""
    odd = "backbone.ping's twin"
    async with one_connection_consumer(exchange_name, apply_effect,
                                       types=("backbone.ping", odd)) as consumer:
        envelope = Envelope.wrap(Ping(n=1), source="/test", subject="pings/1")
        twin = envelope.model_copy(update={"type": odd})
        await publish_envelopes(exchange_name, [twin, *pings(3), twin])
        await eventually(lambda: _true(consumer.outcomes["duplicate"] == 1),
                         what="the second delivery of the twin")
        assert consumer.outcomes["processed"] == 4
        assert await scalar(sessions, f"SELECT count(*) FROM inbox WHERE type = $${odd}$$") == 1
        await assert_each_applied_once(sessions, 4)


async def _count_ready(queue: str, expected: int) -> bool:
    connection = await aio_pika.connect(BROKER)
    async with connection:
        declared = await (await connection.channel()).declare_queue(queue, passive=True)
        return (declared.declaration_result.message_count or 0) == expected


async def test_two_relays_on_one_outbox_publish_each_event_exactly_once(
    sessions: Sessions, exchange_name: str
) -> None:
    writer = Outbox(outbox, source="/test")
    async with rig(sessions, exchange_name, BROKER) as r:
        tap = f"{exchange_name}.tap"
        connection = await aio_pika.connect(BROKER)
        async with connection:
            channel = await connection.channel()
            tapped = await channel.declare_queue(tap, arguments={"x-queue-type": "classic"})
            try:
                await tapped.bind(exchange_name, routing_key="#")
                await emit_pings(writer, sessions, 1000, per_transaction=100)
                first, second = await r.add_relay(BROKER), await r.add_relay(BROKER)
                await eventually(lambda: _equals(sessions, "effects", 1000), within=60,
                                 what="1000 effects")
                await eventually(lambda: _ready(r, tap, 1000), what="1000 messages in the tap")
                assert first.published + second.published == 1000
                await assert_each_applied_once(sessions, 1000)
            finally:
                # A failed run must not leave a tap queue filling up on the broker.
                await channel.queue_delete(tap)


@asynccontextmanager
async def one_connection_pool() -> AsyncIterator[AsyncEngine]:
    """A relay's own pool of a single connection: what a failed cycle leaves on it is what
    the next cycle gets."""
    engine = create_async_engine(database_url_for("backbone"), pool_size=1, max_overflow=0)
    try:
        yield engine
    finally:
        await engine.dispose()


async def test_a_batch_the_broker_refuses_stays_unpublished_until_it_is_accepted(
    sessions: Sessions, exchange_name: str
) -> None:
    """A Basic.Nack (here a full queue that rejects publishes) fails the batch: its rows stay
    unpublished and go out once the broker takes them, on the same pooled connection (so the
    failed cycle's transaction was rolled back, not left open to be committed by the next)."""
    writer = Outbox(outbox, source="/test")
    full, tap = f"{exchange_name}.full", f"{exchange_name}.tap"
    connection = await connect(BROKER)
    async with connection, one_connection_pool() as engine:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await declare_exchange(channel, exchange_name)
        refusing = await channel.declare_queue(full, arguments={
            "x-queue-type": "classic", "x-max-length": 0, "x-overflow": "reject-publish"})
        taken = await channel.declare_queue(tap)
        try:
            await refusing.bind(exchange, routing_key="#")
            relay = OutboxRelay(service="test", engine=engine, table=outbox, exchange=exchange,
                                batch_size=50, confirm_timeout=5.0)
            await emit_pings(writer, sessions, 5)
            with pytest.raises(aio_pika.exceptions.DeliveryError):
                await relay.publish_pending()
            assert await _unpublished(sessions) == 5
            assert relay.published == 0

            await refusing.unbind(exchange, routing_key="#")
            await taken.bind(exchange, routing_key="#")
            assert await relay.publish_pending() == 5
            assert await _unpublished(sessions) == 0
            assert await ready_messages(tap) == 5
        finally:
            await channel.queue_delete(full)  # the exchange goes with the fixture
            await channel.queue_delete(tap)


async def test_a_relay_whose_database_connection_dies_replaces_it_and_loses_nothing(
    sessions: Sessions, exchange_name: str
) -> None:
    """The relay runs its cycle on the driver's connection, where SQLAlchemy does not see a
    dead connection: the relay discards it itself, and the next cycle works on a new one."""
    writer = Outbox(outbox, source="/test")
    tap = f"{exchange_name}.tap"
    connection = await connect(BROKER)
    async with connection, one_connection_pool() as engine:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await declare_exchange(channel, exchange_name)
        taken = await channel.declare_queue(tap)
        try:
            await taken.bind(exchange, routing_key="#")
            relay = OutboxRelay(service="test", engine=engine, table=outbox, exchange=exchange,
                                batch_size=50, confirm_timeout=5.0)
            assert await relay.publish_pending() == 0
            async with engine.connect() as conn:
                backend = await conn.scalar(text("SELECT pg_backend_pid()"))
            await scalar(sessions, f"SELECT count(*) FROM pg_terminate_backend({backend})")
            await emit_pings(writer, sessions, 5)

            async def published() -> bool:
                try:
                    await relay.publish_pending()
                except Exception:  # a failed cycle, as OutboxRelay.run retries it
                    # (the cut shows as OSError, PostgresError, InterfaceError or asyncpg's
                    # InternalClientError, by when it lands)
                    return False
                return await _unpublished(sessions) == 0

            await eventually(published, within=10, what="the relay to publish after the cut")
            assert relay.published == 5
            assert await ready_messages(tap) == 5
        finally:
            await channel.queue_delete(tap)


async def _true(value: bool) -> bool:
    return value


async def _equals(sessions: Sessions, table: str, expected: int) -> bool:
    count: int = await scalar(sessions, f"SELECT count(*) FROM {table}")
    return count == expected


async def _applied(sessions: Sessions, event_id: uuid.UUID) -> bool:
    async with sessions() as session:
        found = await session.scalar(
            select(effects.c.applied).where(effects.c.event_id == event_id)
        )
    return found is not None


async def _ready(r: Rig, queue: str, expected: int) -> bool:
    return await ready_messages(queue) == expected


async def _unpublished(sessions: Sessions) -> int:
    return await scalar(sessions, "SELECT count(*) FROM outbox WHERE published_at IS NULL")


async def _unpublished_and_ready_zero(sessions: Sessions, r: Rig) -> bool:
    return await _unpublished(sessions) == 0 and await ready_messages(r.queue) == 0


async def test_a_dead_letter_replayed_after_its_cause_is_fixed_is_applied_once(
    sessions: Sessions, exchange_name: str
) -> None:
    broken = {"yes": True}

    async def fails_while_broken(session: AsyncSession, envelope: Envelope) -> None:
        if broken["yes"]:
            raise RuntimeError("a bug, fixed later")
        await apply_effect(session, envelope)

    writer = Outbox(outbox, source="/test")
    async with rig(sessions, exchange_name, BROKER, handler=fails_while_broken,
                   max_attempts=2) as r:
        await r.add_relay(BROKER)
        [event_id] = await emit_pings(writer, sessions, 1, per_transaction=1)
        dlq = dead_letter_queue_name(r.queue)
        await eventually(lambda: _ready(r, dlq, 1), what="the event dead-lettered")
        assert r.consumer.outcomes["dead_lettered"] == 1

        [listed] = await deadletters.list_dead_letters(BROKER, [r.queue])
        assert listed.event_id == str(event_id)
        assert listed.type == "backbone.ping"
        assert await _ready(r, dlq, 1)  # listing leaves it where it was

        broken["yes"] = False
        [replayed] = await deadletters.settle(BROKER, [r.queue], event_id=str(event_id),
                                              replay=True)
        assert replayed.event_id == str(event_id)
        await eventually(lambda: _equals(sessions, "effects", 1), what="the replayed effect")
        assert await scalar(sessions, "SELECT applied FROM effects") == 1
        assert await _ready(r, dlq, 0)
        assert await deadletters.settle(BROKER, [r.queue], event_id=None, replay=True) == []


async def test_pruning_deletes_only_what_is_past_the_retention_period(
    sessions: Sessions,
) -> None:
    from datetime import UTC, datetime, timedelta

    from kit import clock
    from kit.jobs import run_once
    from kit.operations import pruning_job
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import async_sessionmaker

    async with sessions() as session, session.begin():
        await session.execute(text(
            "INSERT INTO outbox (id, type, envelope, created_at, published_at) VALUES "
            "(gen_random_uuid(), 't', '{}', now() - interval '9 days', now() - interval '8 days'),"
            "(gen_random_uuid(), 't', '{}', now(), now()),"
            "(gen_random_uuid(), 't', '{}', now() - interval '9 days', NULL)"))
        await session.execute(text(
            "INSERT INTO inbox (consumer, event_id, type, processed_at) VALUES "
            "('q', gen_random_uuid(), 't', now() - interval '8 days'),"
            "('q', gen_random_uuid(), 't', now())"))
    job = pruning_job(outbox, inbox, retention_days=7)
    # A dev platform whose clock was moved a month on prunes by the database's clock.
    with clock.use(clock.FrozenClock(datetime.now(UTC) + timedelta(days=30))):
        maker = async_sessionmaker(bind=sessions().bind, expire_on_commit=False)
        assert await run_once(maker, job) == 2

    assert await scalar(sessions, "SELECT count(*) FROM outbox") == 2  # fresh + unpublished
    assert await scalar(sessions, "SELECT count(*) FROM inbox") == 1
