"""The committed API contract: documents built in-process, once per session."""

from typing import Any

import pytest
from cse_contracts.openapi import build_asyncapi, build_openapi


@pytest.fixture(scope="session")
def code_openapi() -> dict[str, Any]:
    """The merged OpenAPI document the code produces now (every service's create_app())."""
    return build_openapi()


@pytest.fixture(scope="session")
def code_asyncapi() -> dict[str, Any]:
    return build_asyncapi()
