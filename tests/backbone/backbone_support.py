"""Test support for the event backbone: a TCP proxy that can cut the broker link, a tiny
producer/consumer schema in a real database, and polling for a condition with a deadline."""

import uuid
from collections.abc import Callable

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


async def scalar(session_factory: Callable[[], AsyncSession], sql: str) -> int:
    async with session_factory() as session:
        return int((await session.execute(text(sql))).scalar_one())


