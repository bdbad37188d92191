from collections.abc import AsyncIterator

import aio_pika
import pytest
from e2e_support import CONFIG, QUEUES
from kit.testing import recreate_database
from platform_launcher import SERVICES, Platform


async def _delete_e2e_topology() -> None:
    connection = await aio_pika.connect(CONFIG.amqp_url)
    async with connection:
        channel = await connection.channel()
        for queue in QUEUES:
            await channel.queue_delete(CONFIG.queue_prefix + queue)
            await channel.queue_delete(CONFIG.queue_prefix + queue + ".dlq")
        await channel.exchange_delete(CONFIG.exchange)


@pytest.fixture(scope="session")
async def e2e_platform() -> AsyncIterator[Platform]:
    """The whole platform as processes: nginx, identity, five APIs and five workers."""
    for name in (*SERVICES, "identity"):
        await recreate_database(CONFIG.database_url(name))
    await _delete_e2e_topology()
    platform = Platform(CONFIG, log_dir=CONFIG.runtime_dir / "logs")
    with platform.running():
        yield platform
    await _delete_e2e_topology()
