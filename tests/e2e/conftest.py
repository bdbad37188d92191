from collections.abc import AsyncIterator

import pytest
from e2e_support import CONFIG
from platform_launcher import Platform, reset


@pytest.fixture(scope="session")
async def e2e_platform() -> AsyncIterator[Platform]:
    """The whole platform as processes: nginx, identity, five APIs and five workers."""
    await reset(CONFIG)
    platform = Platform(CONFIG, log_dir=CONFIG.runtime_dir / "logs")
    with platform.running():
        yield platform
    await reset(CONFIG, databases=False)
