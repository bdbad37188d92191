from collections.abc import AsyncIterator

import aio_pika
import pytest
from backbone_support import SCHEMA_EXTRA, metadata
from kit.db import recreate_database
from kit.testing import TcpProxy, database_url_for
from sqlalchemy import text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

URL = database_url_for("backbone")


@pytest.fixture(scope="session")
async def backbone_engine() -> AsyncIterator[AsyncEngine]:
    await recreate_database(URL)
    engine = create_async_engine(URL, pool_size=10)
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
        for statement in SCHEMA_EXTRA:
            await conn.execute(text(statement))
    yield engine
    await engine.dispose()


@pytest.fixture
async def sessions(backbone_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """A clean schema per test: these tests commit for real, as producers and consumers do."""
    async with backbone_engine.begin() as conn:
        await conn.execute(text("TRUNCATE outbox, inbox, effects"))
    return async_sessionmaker(backbone_engine, expire_on_commit=False)


@pytest.fixture
async def proxy() -> AsyncIterator[TcpProxy]:
    proxy = TcpProxy()
    await proxy.start()
    yield proxy
    await proxy.stop()


@pytest.fixture
async def exchange_name() -> AsyncIterator[str]:
    """A fresh exchange per test, so tests never see each other's (or the platform's) events."""
    import uuid

    name = f"cse.test.{uuid.uuid4().hex[:10]}"
    yield name
    connection = await aio_pika.connect("amqp://guest:guest@127.0.0.1:5672/")
    async with connection:
        channel = await connection.channel()
        await channel.exchange_delete(name)
