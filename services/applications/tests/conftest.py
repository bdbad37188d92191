import os
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from applications.app import SPEC, create_app
from applications.config import Settings
from kit.testing import ServiceHarness
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

harness = ServiceHarness(SPEC, create_app, Settings)


@pytest.fixture(scope="session", autouse=True)
def evidence_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Evidence files of the tests go to a temporary directory, never var/evidence."""
    directory = str(tmp_path_factory.mktemp("evidence"))
    previous = os.environ.get("APPLICATIONS_EVIDENCE_DIR")
    os.environ["APPLICATIONS_EVIDENCE_DIR"] = directory
    yield directory
    if previous is None:
        os.environ.pop("APPLICATIONS_EVIDENCE_DIR", None)
    else:
        os.environ["APPLICATIONS_EVIDENCE_DIR"] = previous


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
