"""The notifications service's HTTP API: its routers on the shared app factory."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier

from notifications.config import Settings
from notifications.inbox.endpoints import router as inbox_router
from notifications.mail.endpoints import router as mail_router
from notifications.preferences.endpoints import router as preferences_router
from notifications.spec import SPEC
from notifications.webhooks.endpoints import router as webhooks_router

# Preferences and the mail log first: paths of their own under `/v1/notifications`.
ROUTERS = (preferences_router, mail_router, inbox_router, webhooks_router)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, ROUTERS, settings, verifier)
