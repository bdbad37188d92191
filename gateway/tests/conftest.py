"""A real PostgreSQL database for the identity app, migrated by Alembic, rolled back per test."""

import sys

# pytest's importlib mode names this file `gateway.tests.conftest`; unless the package was
# imported already, it registers the folder /work/main/gateway as a namespace module
# `gateway`, which shadows the real package (gateway/src/gateway). Drop that stand-in.
if getattr(sys.modules.get("gateway"), "__file__", "") is None:
    del sys.modules["gateway"]

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
from fastapi import FastAPI
from gateway.app import create_app
from gateway.auth import service
from gateway.config import GatewaySettings
from gateway.tokens import Subject, TokenIssuer
from kit.auth import Role
from kit.testing import database_url_for, migrated_database
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

IDENTITY_TEST_DB = database_url_for("identity")
PASSWORD = "correct horse battery"

UserFactory = Callable[..., Awaitable[str]]


class _Unreachable(httpx.AsyncBaseTransport):
    """No upstream service answers: the app under test never reaches for the real ports."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no upstream in tests", request=request)


@pytest.fixture(scope="session")
async def identity_db() -> str:
    """The identity app's database, recreated and migrated as every service's is."""
    await migrated_database("gateway", IDENTITY_TEST_DB)
    return IDENTITY_TEST_DB


@pytest.fixture(scope="session")
def identity_settings(
    identity_db: str, tmp_path_factory: pytest.TempPathFactory
) -> GatewaySettings:
    keys = tmp_path_factory.mktemp("identity-keys")
    return GatewaySettings(
        environment="dev",
        database_url=identity_db,
        signing_key_path=keys / "identity-ed25519.pem",
        runtime_dir=tmp_path_factory.mktemp("nginx-runtime"),
        log_json=False,
        log_level="WARNING",
    )


@pytest.fixture(scope="session")
async def identity_app(identity_settings: GatewaySettings) -> AsyncIterator[FastAPI]:
    app = create_app(identity_settings, openapi_transport=_Unreachable())
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def identity_sessionmaker(
    identity_app: FastAPI,
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Every session of one test joins one outer transaction that is rolled back at the end."""
    async with identity_app.state.engine.connect() as connection:
        transaction = await connection.begin()
        sessionmaker = async_sessionmaker(
            bind=connection,
            expire_on_commit=False,
            autoflush=False,
            join_transaction_mode="create_savepoint",
        )
        original = identity_app.state.sessionmaker
        identity_app.state.sessionmaker = sessionmaker
        try:
            yield sessionmaker
        finally:
            identity_app.state.sessionmaker = original
            await transaction.rollback()


@pytest.fixture
async def identity_client(
    identity_app: FastAPI, identity_sessionmaker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=identity_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://identity.test") as client:
        yield client


@pytest.fixture
def create_identity_user(identity_sessionmaker: async_sessionmaker[AsyncSession]) -> UserFactory:
    """Returns a factory: `await create_identity_user("zhang.wei", role=...)` → the user id."""

    async def factory(
        username: str,
        *,
        role: Role = Role.APPLICANT,
        password: str = PASSWORD,
        society_code: str | None = None,
        enterprise_id: str | None = None,
    ) -> str:
        async with identity_sessionmaker() as session, session.begin():
            user = await service.create_user(
                session,
                username=username,
                password=password,
                display_name=f"用户 {username}",
                role=role,
                society_code=society_code,
                enterprise_id=enterprise_id,
            )
            return str(user.id)

    return factory


@pytest.fixture
def identity_bearer(identity_app: FastAPI) -> Callable[..., dict[str, str]]:
    """Authorization headers for a caller of a given role, signed by the app's own key."""
    issuer: TokenIssuer = identity_app.state.token_issuer

    def headers(role: Role, *, society: str | None = None) -> dict[str, str]:
        subject = Subject(id=f"test-{role.value}", role=role, name=f"测试 {role.value}",
                          society=society, enterprise=None)
        return {"Authorization": f"Bearer {issuer.issue(subject).access_token}"}

    return headers
