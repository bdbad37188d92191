"""Test support for the event backbone: a TCP proxy that can cut the broker link, a tiny
producer/consumer schema in a real database, and polling for a condition with a deadline."""

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import suppress
from enum import Enum

from kit.events import Envelope, EventData
from kit.outbox import OUTBOX_NOTIFY_DDL, Outbox, inbox_table, outbox_table
from sqlalchemy import Column, Integer, MetaData, Table, Uuid, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

metadata = MetaData()
outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
# The consumer's effect: a counter per event, so an effect applied twice shows as 2.
effects = Table(
    "effects", metadata,
    Column("event_id", Uuid, primary_key=True),
    Column("applied", Integer, nullable=False),
)
SCHEMA_EXTRA = OUTBOX_NOTIFY_DDL


class Ping(EventData):
    event_type = "backbone.ping"

    n: int


async def apply_effect(session: AsyncSession, envelope: Envelope) -> None:
    statement = insert(effects).values(event_id=envelope.id, applied=1)
    await session.execute(statement.on_conflict_do_update(
        index_elements=["event_id"], set_={"applied": effects.c.applied + 1}
    ))


async def emit_pings(outbox_writer: Outbox, session_factory: Callable[[], AsyncSession],
                     count: int, start: int = 0, per_transaction: int = 10) -> list[uuid.UUID]:
    """Emit `count` events in small transactions, as request handlers would."""
    ids: list[uuid.UUID] = []
    for offset in range(0, count, per_transaction):
        async with session_factory() as session, session.begin():
            for n in range(start + offset, start + min(offset + per_transaction, count)):
                envelope = await outbox_writer.emit(session, Ping(n=n), subject=f"pings/{n}")
                ids.append(envelope.id)
    return ids


async def eventually(check: Callable[[], Awaitable[bool]], *, within: float = 60.0,
                     what: str = "condition") -> None:
    """Poll `check` until it holds; fail with `what` after `within` seconds."""
    deadline = time.monotonic() + within
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within}s waiting for {what}")
        await asyncio.sleep(0.05)


async def scalar(session_factory: Callable[[], AsyncSession], sql: str) -> int:
    async with session_factory() as session:
        return int((await session.execute(text(sql))).scalar_one())


class Link(Enum):
    UP = "up"
    DROP_TO_BROKER = "drop_to_broker"      # what the client sends vanishes (messages lost)
    DROP_FROM_BROKER = "drop_from_broker"  # what the broker answers vanishes (confirms lost)
    DOWN = "down"                          # connections reset, new ones refused


class TcpProxy:
    """An in-process TCP proxy to RabbitMQ whose link can be degraded or cut at will."""

    def __init__(self, target_port: int = 5672) -> None:
        self.target_port = target_port
        self.mode = Link.UP
        self.port = 0
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}/"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self.set(Link.DOWN)
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def set(self, mode: Link) -> None:
        self.mode = mode
        if mode is Link.DOWN:
            for writer in list(self._writers):
                writer.transport.abort()
            self._writers.clear()

    async def _accept(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter
                      ) -> None:
        if self.mode is Link.DOWN:
            client_w.transport.abort()
            return
        try:
            broker_r, broker_w = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_w.transport.abort()
            return
        self._writers.update({client_w, broker_w})
        for task in (
            asyncio.create_task(self._pipe(client_r, broker_w, Link.DROP_TO_BROKER)),
            asyncio.create_task(self._pipe(broker_r, client_w, Link.DROP_FROM_BROKER)),
        ):
            self._pipes.add(task)
            task.add_done_callback(self._pipes.discard)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    dropping: Link) -> None:
        with suppress(OSError, asyncio.CancelledError):
            while data := await reader.read(65536):
                if self.mode is Link.DOWN:
                    break
                if self.mode is not dropping:
                    writer.write(data)
                    await writer.drain()
        writer.transport.abort()
