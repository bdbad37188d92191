"""The cpd service's HTTP API: its routers on the shared app factory."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier

from cpd.activities.endpoints import router as activities_router
from cpd.config import Settings
from cpd.courses.endpoints import router as courses_router
from cpd.deferrals.endpoints import router as deferrals_router
from cpd.documents.endpoints import router as documents_router
from cpd.evidence.endpoints import router as evidence_router
from cpd.ledgers.endpoints import router as ledgers_router
from cpd.policies.endpoints import router as policies_router
from cpd.spec import SPEC

ROUTERS = (
    ledgers_router, activities_router, deferrals_router, policies_router, courses_router,
    evidence_router, documents_router,
)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, ROUTERS, settings, verifier)
