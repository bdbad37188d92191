"""Test plumbing: a real, freshly migrated database per service, rollback per test, tokens."""

import asyncio
import base64
import os
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from enum import Enum
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from kit import migrations
from kit.accounts import KnownAccounts
from kit.app import _session
from kit.auth import Role, TokenVerifier
from kit.crypto import FieldCipher, configure
from kit.db import recreate_database
from kit.service import ServiceSpec
from kit.settings import ServiceSettings

ISSUER = "cse-identity"
AUDIENCE = "cse-platform"
POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/"


class TestKeys:
    """An Ed25519 signing key standing in for the identity app's, with its JWKS."""

    __test__ = False

    def __init__(self) -> None:
        self.private_key = Ed25519PrivateKey.generate()
        self.kid = "test-key"
        jwk = jwt.algorithms.OKPAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        self.jwks = {"keys": [{**jwk, "kid": self.kid, "alg": "EdDSA", "use": "sig"}]}

    def verifier(self) -> TokenVerifier:
        return TokenVerifier(issuer=ISSUER, audience=AUDIENCE, jwks=self.jwks)

    def token(
        self,
        role: Role,
        subject: str,
        *,
        name: str = "",
        society: str | None = None,
        enterprise: str | None = None,
        organisation: str | None = None,
        lifetime: int = 3600,
    ) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER, "aud": AUDIENCE, "sub": subject, "role": role.value, "name": name,
            "society": society, "enterprise": enterprise,
            "organisation": organisation, "iat": now, "exp": now + lifetime,
        }
        return jwt.encode(claims, self.private_key, algorithm="EdDSA", headers={"kid": self.kid})

    def headers(self, role: Role, subject: str, **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(role, subject, **claims)}"}


KEYS = TestKeys()
# A throwaway data key: test databases never hold real personal data.
TEST_DATA_KEY = base64.b64encode(os.urandom(32)).decode()


def database_url_for(name: str) -> str:
    return f"{POSTGRES}cse_test_{name}"


async def migrated_database(package: str, url: str) -> None:
    await recreate_database(url)
    # Alembic's env runs its own event loop, so it gets a thread of its own.
    await asyncio.to_thread(migrations.upgrade, package, url)


class ServiceHarness:
    """Fixtures of one service: `database()` per session, `session()` and `client()` per test."""

    def __init__(
        self,
        spec: ServiceSpec,
        create_app: Callable[..., FastAPI],
        settings: Callable[..., ServiceSettings],
    ) -> None:
        self.spec = spec
        self.create_app = create_app
        self.settings = settings
        self.url = database_url_for(spec.name)
        # Users the stand-in identity directory does not know (see kit.accounts.KnownAccounts).
        self.missing_accounts: set[str] = {"no-such-user"}

    @asynccontextmanager
    async def database(self) -> AsyncIterator[AsyncEngine]:
        configure(FieldCipher(base64.b64decode(TEST_DATA_KEY)))
        await migrated_database(self.spec.package, self.url)
        engine = create_async_engine(self.url)
        try:
            if self.spec.seed is not None:
                async with AsyncSession(engine) as session, session.begin():
                    await self.spec.seed(session)
            yield engine
        finally:
            await engine.dispose()

    @asynccontextmanager
    async def session(self, engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
        """A session inside a transaction that is rolled back after the test."""
        async with engine.connect() as connection:
            transaction = await connection.begin()
            session = AsyncSession(
                bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
            )
            try:
                yield session
            finally:
                await session.close()
                await transaction.rollback()

    @asynccontextmanager
    async def client(self, session: AsyncSession) -> AsyncIterator[httpx.AsyncClient]:
        app = self._app()

        async def test_session() -> AsyncIterator[AsyncSession]:
            # Mirrors the unit of work: a failed request leaves nothing behind.
            async with session.begin_nested() as savepoint:
                try:
                    yield session
                except BaseException:
                    await savepoint.rollback()
                    raise

        app.dependency_overrides[_session] = test_session
        async with self._serve(app) as client:
            yield client

    @asynccontextmanager
    async def committing_client(self) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
        """The app with its own unit of work, not the test's session: every request commits
        for real (the caller removes what it stored), as a deployed service does."""
        app = self._app()
        async with self._serve(app) as client:
            yield app, client

    def _app(self) -> FastAPI:
        settings = self.settings(database_url=self.url, data_key=TEST_DATA_KEY,
                                 environment="dev")
        app = self.create_app(settings, verifier=KEYS.verifier())
        app.state.accounts = KnownAccounts(self.missing_accounts)
        return app

    @asynccontextmanager
    async def _serve(self, app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://test") as client,
        ):
            yield client

    def fixtures(self) -> tuple[Any, Any, Any]:
        """The `engine`, `session` and `client` fixtures; a service's conftest assigns them."""

        @pytest.fixture(scope="session")
        async def engine() -> AsyncIterator[AsyncEngine]:
            async with self.database() as engine:
                yield engine

        @pytest.fixture
        async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
            async with self.session(engine) as session:
                yield session

        @pytest.fixture
        async def client(session: AsyncSession) -> AsyncIterator[httpx.AsyncClient]:
            async with self.client(session) as client:
                yield client

        return engine, session, client


@asynccontextmanager
async def serving(app: FastAPI, server_class: type[Any] | None = None) -> AsyncIterator[str]:
    """Serve an ASGI app with a real uvicorn server (or `server_class`, a uvicorn.Server) on a
    free loopback port (real TCP, real keep-alive); yields its base URL."""
    import socket

    import uvicorn

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = (server_class or uvicorn.Server)(
        uvicorn.Config(app, log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve(sockets=[listener]))
    try:
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
        listener.close()


async def eventually(check: Callable[[], Any], *, within: float = 30.0,
                     interval: float = 0.1, what: str = "the condition") -> Any:
    """Poll `check` (sync or async) until it returns something truthy, at most `within`
    seconds; events and jobs are asynchronous, so tests wait for their effect, not a sleep."""
    deadline = time.monotonic() + within
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within}s waiting for {what}")
        await asyncio.sleep(interval)


class Link(Enum):
    UP = "up"
    DROP_TO_BROKER = "drop_to_broker"      # what the client sends vanishes (messages lost)
    DROP_FROM_BROKER = "drop_from_broker"  # what the broker answers vanishes (confirms lost)
    DOWN = "down"                          # connections reset, new ones refused


class TcpProxy:
    """An in-process TCP proxy (to RabbitMQ, PostgreSQL …) whose link can be degraded or cut
    at will: the fault tests of the backbone and of requests."""

    def __init__(self, target_port: int = 5672) -> None:
        self.target_port = target_port
        self.mode = Link.UP
        self.port = 0
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}/"

    def database_url(self, name: str) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{name}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self.set(Link.DOWN)
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def set(self, mode: Link) -> None:
        self.mode = mode
        if mode is Link.DOWN:
            for writer in list(self._writers):
                writer.transport.abort()
            self._writers.clear()

    async def _accept(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter
                      ) -> None:
        if self.mode is Link.DOWN:
            client_w.transport.abort()
            return
        try:
            broker_r, broker_w = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_w.transport.abort()
            return
        self._writers.update({client_w, broker_w})
        for task in (
            asyncio.create_task(self._pipe(client_r, broker_w, Link.DROP_TO_BROKER)),
            asyncio.create_task(self._pipe(broker_r, client_w, Link.DROP_FROM_BROKER)),
        ):
            self._pipes.add(task)
            task.add_done_callback(self._pipes.discard)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    dropping: Link) -> None:
        with suppress(OSError, asyncio.CancelledError):
            while data := await reader.read(65536):
                if self.mode is Link.DOWN:
                    break
                if self.mode is not dropping:
                    writer.write(data)
                    await writer.drain()
        writer.transport.abort()
