"""One FastAPI app factory for every service: health, readiness, metrics, errors, auth."""

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Annotated

import aio_pika
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from kit import clock
from kit.accounts import AccountDirectory, identity_base_url
from kit.auth import TokenVerifier
from kit.crypto import configure_from_settings
from kit.db import (
    create_engine,
    create_read_sessionmaker,
    create_sessionmaker,
    read_engine,
    read_unit_of_work,
    unit_of_work,
)
from kit.observability import RequestContextMiddleware, configure_logging, metrics_endpoint
from kit.openapi import install as install_openapi
from kit.problems import install_problem_handlers
from kit.service import ServiceSpec
from kit.settings import ServiceSettings
from kit.tracing import configure_tracing


def create_service_app(
    spec: ServiceSpec,
    routers: Sequence[APIRouter],
    settings: ServiceSettings | None = None,
    verifier: TokenVerifier | None = None,
) -> FastAPI:
    settings = settings or spec.settings()
    configure_logging(spec.name, settings.log_level, settings.log_json)
    configure_from_settings(settings)
    clock.configure_from_settings(settings.environment, settings.clock_offset_file)
    configure_tracing(spec.name, settings.otlp_endpoint)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(
            settings.database_url, settings.db_pool_size,
            connect_timeout=settings.db_connect_timeout,
            command_timeout=settings.db_command_timeout,
        )
        app.state.engine = engine
        app.state.sessionmaker = create_sessionmaker(engine)
        app.state.read_sessionmaker = create_read_sessionmaker(engine)
        app.state.read_engine = read_engine(engine)
        yield
        await engine.dispose()

    app = FastAPI(
        title=spec.title,
        description=spec.description,
        version=spec.version,
        lifespan=lifespan,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.spec = spec
    app.state.token_verifier = verifier or TokenVerifier(
        issuer=settings.jwt_issuer, audience=settings.jwt_audience, jwks_url=settings.jwks_url,
        revocations_refresh=settings.revocations_refresh_seconds,
    )
    app.state.accounts = AccountDirectory(
        settings.identity_url or identity_base_url(settings.jwks_url))
    install_problem_handlers(app)
    app.add_middleware(RequestContextMiddleware, service=spec.name)
    for router in routers:
        app.include_router(router)

    install_operations(app, broker_url=settings.amqp_url)
    install_openapi(app)
    return app


def install_operations(app: FastAPI, *, broker_url: str | None) -> None:
    """`/healthz`, `/ping`, `/readyz` (the database, and the broker when the app uses one) and
    `/metrics`: the same on every app of the platform."""

    @app.get("/healthz", tags=["operations"], include_in_schema=False)
    async def healthz() -> dict[str, str]:
        """The process is alive."""
        return {"status": "ok"}

    @app.get("/ping", tags=["operations"], include_in_schema=False)
    async def ping() -> dict[str, str]:
        """A bare endpoint, the baseline of the benchmarks."""
        return {"ping": "pong"}

    @app.get("/readyz", tags=["operations"], include_in_schema=False)
    async def readyz(request: Request) -> JSONResponse:
        """Ready when the database (and the broker, if used) answers."""
        checks = {"database": _check_database(request.app)}
        if broker_url:
            checks["broker"] = _check_broker(broker_url)
        body = dict(zip(checks, await asyncio.gather(*checks.values()), strict=True))
        ready = all(value == "ok" for value in body.values())
        return JSONResponse(
            {"status": "ready" if ready else "unavailable", "checks": body},
            status_code=200 if ready else 503,
        )

    app.add_route("/metrics", metrics_endpoint, include_in_schema=False)


async def _check_database(app: FastAPI) -> str:
    try:
        async with app.state.engine.connect() as conn:
            await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=2.0)
        return "ok"
    except Exception as exc:
        return f"error: {type(exc).__name__}"


async def _check_broker(url: str) -> str:
    try:
        connection = await asyncio.wait_for(aio_pika.connect(url), timeout=2.0)
        await connection.close()
        return "ok"
    except Exception as exc:
        return f"error: {type(exc).__name__}"


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    # `async with`, not `async for`: an endpoint's exception must reach the unit of work so it
    # rolls back and returns the connection now, not when the generator is collected.
    async with _db_gate(request.app), unit_of_work(request.app.state.sessionmaker) as session:
        yield session


def _replaced_unit_of_work(request: Request) -> AbstractAsyncContextManager[AsyncSession] | None:
    """The unit of work that replaces `_session` (kit.testing's, one transaction per test),
    if any: it serves the reads too, so a test sees what it wrote."""
    replaced = request.app.dependency_overrides.get(_session)
    return None if replaced is None else asynccontextmanager(replaced)()


async def _read_session(request: Request) -> AsyncIterator[AsyncSession]:
    replaced = _replaced_unit_of_work(request)
    if replaced is not None:
        async with replaced as session:
            yield session
        return
    async with _db_gate(request.app), read_unit_of_work(
            request.app.state.read_sessionmaker) as session:
        yield session


@asynccontextmanager
async def read_connection(request: Request) -> AsyncIterator[AsyncConnection]:
    """A connection for a request that only reads, taken inside the endpoint (`async with`):
    the same gate and pool as the sessions, in autocommit (no BEGIN/COMMIT), without an ORM
    session. For hot reads answered from Core rows; nothing written through it is committed.
    With the unit of work replaced (kit.testing's), its connection inside the test's
    transaction."""
    replaced = _replaced_unit_of_work(request)
    if replaced is not None:
        async with replaced as session:
            yield await session.connection()
        return
    async with _db_gate(request.app), request.app.state.read_engine.connect() as connection:
        yield connection


def _db_gate(app: FastAPI) -> asyncio.Semaphore:
    """Requests queue here, first come first served, rather than in the connection pool, where
    a new request can take a returned connection ahead of older waiters (seconds of tail
    latency once requests outnumber connections)."""
    gate: asyncio.Semaphore | None = getattr(app.state, "db_gate", None)
    if gate is None:
        gate = app.state.db_gate = asyncio.Semaphore(app.state.settings.db_pool_size)
    return gate


# scope="function": the unit of work ends (commits or rolls back) when the endpoint function
# has returned and its response body is serialised, but before the response is sent. A 2xx
# therefore means committed, and a failure at COMMIT reaches the problem handlers (409/503).
SessionDep = Annotated[AsyncSession, Depends(_session, scope="function")]

# For endpoints that only read: the same gate and pool, no BEGIN/COMMIT (kit.db).
ReadSessionDep = Annotated[AsyncSession, Depends(_read_session, scope="function")]
