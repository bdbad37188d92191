"""The registry service's HTTP API: its routers on the shared app factory."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier

from registry.certificates.endpoints import router as certificates_router
from registry.config import Settings
from registry.members.endpoints import router as members_router
from registry.spec import SPEC

ROUTERS = (certificates_router, members_router)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, ROUTERS, settings, verifier)
