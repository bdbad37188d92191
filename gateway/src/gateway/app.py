"""The identity app: users, API clients, tokens and keys, and the merged OpenAPI document."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from kit.app import install_operations
from kit.auth import TokenVerifier
from kit.db import create_engine, create_sessionmaker
from kit.observability import RequestContextMiddleware, configure_logging
from kit.openapi import install as install_openapi
from kit.problems import install_problem_handlers

from gateway.auth.endpoints import router as auth_router
from gateway.auth.endpoints import well_known_router
from gateway.auth.service import revocations
from gateway.config import GatewaySettings, get_settings
from gateway.keys import load_signing_key
from gateway.openapi.endpoints import ASSETS_PATH, static_assets
from gateway.openapi.endpoints import router as openapi_router
from gateway.openapi.service import OpenApiAggregator
from gateway.problems import router as problems_router
from gateway.tokens import TokenIssuer

SERVICE = "identity"


def create_app(
    settings: GatewaySettings | None = None,
    *,
    openapi_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """`openapi_transport` lets tests serve the upstream services' documents in-process."""
    settings = settings or get_settings()
    configure_logging(SERVICE, settings.log_level, settings.log_json)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        key = load_signing_key(settings)
        app.state.signing_key = key
        app.state.token_issuer = TokenIssuer(
            key,
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            ttl_seconds=settings.token_ttl_seconds,
        )
        # The app verifies its own tokens with its own keys: no HTTP round trip to itself.
        engine = create_engine(settings.database_url, settings.db_pool_size)
        app.state.engine = engine
        app.state.sessionmaker = create_sessionmaker(engine)

        async def revoked() -> dict[str, float]:
            async with app.state.sessionmaker() as session:
                entries = await revocations(session, settings.token_ttl_seconds)
            return dict(entries)

        app.state.token_verifier = TokenVerifier(
            issuer=settings.jwt_issuer, audience=settings.jwt_audience, jwks=key.jwks(),
            revocation_loader=revoked, revocations_refresh=settings.revocations_refresh_seconds,
        )
        try:
            async with httpx.AsyncClient(
                transport=openapi_transport, timeout=settings.openapi_fetch_timeout
            ) as client:
                app.state.openapi = OpenApiAggregator(
                    own_name=SERVICE,
                    own_document=app.openapi,
                    upstreams=settings.upstream_addresses,
                    client=client,
                    cache_seconds=settings.openapi_cache_seconds,
                )
                yield
        finally:
            await engine.dispose()

    app = FastAPI(
        title="身份认证 / CSE identity",
        description="用户、API 客户端与令牌 / Users, API clients, tokens and signing keys.",
        version="0.1.0",
        lifespan=lifespan,
        # Both are served merged with every service's document by openapi_router.
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    install_problem_handlers(app)
    app.add_middleware(RequestContextMiddleware, service=SERVICE)
    app.include_router(auth_router)
    app.include_router(well_known_router)
    app.include_router(openapi_router)
    app.include_router(problems_router)
    app.mount(ASSETS_PATH, static_assets(), name="docs-assets")

    # The identity app uses no broker: ready when its database answers.
    install_operations(app, broker_url=None)
    install_openapi(app)
    return app
