from collections.abc import AsyncIterator

import httpx
import pytest
from kit.testing import ServiceHarness
from registry.app import SPEC, create_app
from registry.config import Settings
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

harness = ServiceHarness(SPEC, create_app, Settings)


@pytest.fixture(scope="session")
async def engine() -> AsyncIterator[AsyncEngine]:
    async with harness.database() as engine:
        yield engine


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with harness.session(engine) as session:
        yield session


@pytest.fixture
async def client(session: AsyncSession) -> AsyncIterator[httpx.AsyncClient]:
    async with harness.client(session) as client:
        yield client
