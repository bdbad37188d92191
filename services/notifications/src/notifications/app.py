"""The notifications service's HTTP API: its routers on the shared app factory."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier

from notifications.config import Settings
from notifications.inbox.endpoints import router as inbox_router
from notifications.preferences.endpoints import router as preferences_router
from notifications.spec import SPEC
from notifications.webhooks.endpoints import router as webhooks_router

# Preferences first: `/v1/notifications/preferences` is a path of its own, not a message id.
ROUTERS = (preferences_router, inbox_router, webhooks_router)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, ROUTERS, settings, verifier)
