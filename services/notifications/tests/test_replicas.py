"""Two worker replicas on the real broker, one reminder emitted twice: one message."""

import uuid
from collections.abc import AsyncIterator

import aio_pika
import pytest
from cse_contracts.events import ReminderDue
from kit.broker import dead_letter_queue_name, declare_exchange
from kit.events import Envelope
from kit.testing import TEST_DATA_KEY, database_url_for, eventually
from kit.worker import Worker
from notifications.config import Settings
from notifications.spec import SPEC
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

BROKER = "amqp://guest:guest@127.0.0.1:5672/"


@pytest.fixture
async def replicas(engine: AsyncEngine) -> AsyncIterator[tuple[Settings, list[Worker]]]:
    run = uuid.uuid4().hex[:8]
    settings = Settings(
        environment="dev", database_url=database_url_for("notifications"),
        data_key=TEST_DATA_KEY, amqp_url=BROKER, exchange=f"cse.test.{run}",
        queue_prefix=f"test-{run}.", job_interval_seconds=3600, log_json=False,
    )
    workers = [Worker(SPEC, settings) for _ in range(2)]
    for worker in workers:
        await worker.start()
    try:
        yield settings, workers
    finally:
        for worker in workers:
            await worker.stop()
        connection = await aio_pika.connect(BROKER)
        async with connection:
            channel = await connection.channel()
            for subscription in SPEC.subscriptions:
                queue = settings.queue_prefix + subscription.queue
                await channel.queue_delete(queue)
                await channel.queue_delete(dead_letter_queue_name(queue))
            await channel.exchange_delete(settings.exchange)


async def test_two_replicas_turn_a_doubled_reminder_into_one_message(
    engine: AsyncEngine, replicas: tuple[Settings, list[Worker]]
) -> None:
    settings, _ = replicas
    subject = f"exam-{uuid.uuid4().hex[:8]}"
    occasion = f"review_due:case-9:{subject}"
    # The owner's job ran on two replicas of its own: the same occasion, two events.
    events = [Envelope.wrap(ReminderDue.model_validate({
        "kind": "review_due", "occasion": occasion, "recipient_subject": subject,
        "recipient_role": "examiner", "society_code": "cces", "due_on": "2026-12-20",
        "subject_kind": "case", "subject_id": str(uuid.uuid4())}),
        source="/services/evaluation", subject="cases/x") for _ in range(2)]
    connection = await aio_pika.connect(BROKER)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await declare_exchange(channel, settings.exchange)
        for envelope in events:
            await exchange.publish(
                aio_pika.Message(envelope.model_dump_json().encode(),
                                 content_type="application/json",
                                 delivery_mode=aio_pika.DeliveryMode.PERSISTENT),
                routing_key=envelope.type)

    async def processed() -> bool:
        async with engine.connect() as conn:
            count = (await conn.execute(text(
                "SELECT count(*) FROM inbox WHERE event_id = ANY(:ids)"),
                {"ids": [e.id for e in events]})).scalar()
        return count == 4  # two events, each through both queues

    try:
        await eventually(processed, within=30, what="both events through both queues")
        async with engine.connect() as conn:
            messages = (await conn.execute(text(
                "SELECT count(*) FROM notifications WHERE recipient_id = :s"), {"s": subject}
            )).scalar()
            occasions = (await conn.execute(text(
                "SELECT consumer FROM reminder_occasions WHERE occasion = :o ORDER BY consumer"),
                {"o": occasion})).scalars().all()
        assert messages == 1
        assert list(occasions) == ["inbox", "webhooks"]
    finally:
        async with engine.begin() as conn:
            await conn.execute(text("DELETE FROM notifications WHERE recipient_id = :s"),
                               {"s": subject})
            await conn.execute(text("DELETE FROM reminder_occasions WHERE occasion = :o"),
                               {"o": occasion})
            await conn.execute(text("DELETE FROM inbox WHERE event_id = ANY(:ids)"),
                               {"ids": [e.id for e in events]})
