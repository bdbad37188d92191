"""The registry service's HTTP API: its routers on the shared app factory."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier

from registry.certificates.endpoints import router as certificates_router
from registry.config import Settings
from registry.credentials import keys
from registry.credentials.endpoints import router as credentials_router
from registry.members.endpoints import router as members_router
from registry.recognition.endpoints import router as recognition_router
from registry.register.endpoints import router as register_router
from registry.registrations.endpoints import router as registrations_router
from registry.reregistrations.endpoints import router as reregistrations_router
from registry.societies.endpoints import router as societies_router
from registry.spec import SPEC

# The settings router before registrations: `/v1/registrations/settings` is not an id.
ROUTERS = (certificates_router, members_router, societies_router, registrations_router,
           register_router, credentials_router, reregistrations_router, recognition_router)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    app = create_service_app(SPEC, ROUTERS, settings, verifier)
    # Loaded at start: outside dev mode a missing signing key stops the process here.
    app.state.signing_key = keys.load(app.state.settings)
    return app
