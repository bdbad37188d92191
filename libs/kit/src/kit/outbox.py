"""Transactional outbox and inbox tables, and emitting an event inside the caller's transaction."""

from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Insert,
    MetaData,
    String,
    Table,
    Uuid,
    bindparam,
    func,
    insert,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from kit.events import Envelope, EventData
from kit.observability import current_request_id
from kit.tracing import current_traceparent

OUTBOX_CHANNEL = "outbox_new"


def outbox_table(metadata: MetaData) -> Table:
    return Table(
        "outbox",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("seq", BigInteger, Identity(always=True), nullable=False, unique=True),
        Column("type", String(120), nullable=False),
        Column("subject", String(200)),
        Column("envelope", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True)),
        # The relay scans only unpublished rows, in order.
        Index("ix_outbox_unpublished", "seq", postgresql_where=text("published_at IS NULL")),
    )


def inbox_table(metadata: MetaData) -> Table:
    return Table(
        "inbox",
        metadata,
        # One row per consumer and event: the same event may feed two consumers of one service.
        Column("consumer", String(120), primary_key=True),
        Column("event_id", Uuid, primary_key=True),
        Column("type", String(120), nullable=False),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


# Statements for the service's own migration: wake the relay as soon as a row is committed.
OUTBOX_NOTIFY_DDL = [
    f"""
    CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger AS $$
    BEGIN
        PERFORM pg_notify('{OUTBOX_CHANNEL}', '');
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()
    """,
]
OUTBOX_NOTIFY_DROP = [
    "DROP TRIGGER IF EXISTS outbox_notify ON outbox",
    "DROP FUNCTION IF EXISTS outbox_notify()",
]


class Outbox:
    """Emitting only INSERTs through the caller's session; the caller's commit publishes it."""

    def __init__(self, table: Table, source: str) -> None:
        self.table = table
        self.source = source
        # Built once and run with each event's values as parameters: compiled once per
        # process, not rebuilt (and its cache key computed) for every event emitted.
        self._row_insert = insert(table).values({
            name: bindparam(f"outbox_{name}", type_=table.c[name].type)
            for name in ("id", "type", "subject", "envelope")})

    async def emit(
        self, session: AsyncSession, data: EventData, *, subject: str | None
    ) -> Envelope:
        statement, parameters, envelope = self.insert(data, subject=subject)
        await session.execute(statement, parameters)
        return envelope

    def insert(self, data: EventData, *, subject: str | None
               ) -> tuple[Insert, dict[str, Any], Envelope]:
        """The INSERT of one event, its parameters and the event, for a caller that runs it
        itself, e.g. with other writes as CTEs of one statement (one round trip); `emit` runs
        it alone. The INSERT is the same object at every call, its values bound by name
        (`outbox_id`, …): built with the values as literals, SQLAlchemy walked the envelope
        to key its statement cache on every call."""
        envelope = self._envelope(data, subject)
        return self._row_insert, {
            "outbox_id": envelope.id, "outbox_type": envelope.type, "outbox_subject": subject,
            "outbox_envelope": envelope.model_dump(mode="json"),
        }, envelope

    def _envelope(self, data: EventData, subject: str | None) -> Envelope:
        return Envelope.wrap(
            data, source=self.source, subject=subject, request_id=current_request_id(),
            traceparent=current_traceparent(),
        )
