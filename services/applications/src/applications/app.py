"""The applications service's HTTP API: its routers on the shared app factory."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier

from applications.applicants.endpoints import router as applicant_router
from applications.application.endpoints import router as application_router
from applications.config import Settings
from applications.evidence.endpoints import router as evidence_router
from applications.fees.endpoints import router as fee_router
from applications.recommendations.endpoints import router as recommendation_router
from applications.reference.endpoints import router as reference_router
from applications.spec import SPEC

ROUTERS = (
    reference_router,
    recommendation_router,
    applicant_router,
    application_router,
    evidence_router,
    fee_router,
)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, ROUTERS, settings, verifier)
