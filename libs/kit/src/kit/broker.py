"""RabbitMQ connection and the shared topology: one durable topic exchange for all events."""

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractRobustConnection

DEAD_LETTER_EXCHANGE = "cse.dead-letter"
UNROUTED_EXCHANGE = "cse.unrouted"
UNROUTED_QUEUE = "cse.unrouted"


async def connect(url: str, reconnect_interval: float = 2.0) -> AbstractRobustConnection:
    """A robust connection: channels, queues and consumers are restored after a broker outage."""
    return await aio_pika.connect_robust(url, reconnect_interval=reconnect_interval)


async def declare_exchange(channel: AbstractChannel, name: str) -> AbstractExchange:
    """The events exchange; an event no queue is bound to lands in `cse.unrouted`, not nowhere."""
    unrouted = await channel.declare_exchange(
        UNROUTED_EXCHANGE, aio_pika.ExchangeType.FANOUT, durable=True
    )
    queue = await channel.declare_queue(
        UNROUTED_QUEUE, durable=True, arguments={"x-queue-type": "quorum"}
    )
    await queue.bind(unrouted)
    return await channel.declare_exchange(
        name,
        aio_pika.ExchangeType.TOPIC,
        durable=True,
        arguments={"alternate-exchange": UNROUTED_EXCHANGE},
    )


async def declare_dead_letter_exchange(channel: AbstractChannel) -> AbstractExchange:
    return await channel.declare_exchange(
        DEAD_LETTER_EXCHANGE, aio_pika.ExchangeType.DIRECT, durable=True
    )


def dead_letter_queue_name(queue: str) -> str:
    return f"{queue}.dlq"
