"""The evaluation service's HTTP API: its routers on the shared app factory."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier

from evaluation.batches.endpoints import router as batches_router
from evaluation.cases.endpoints import router as cases_router
from evaluation.config import Settings
from evaluation.decisions.endpoints import router as decisions_router
from evaluation.examiners.endpoints import router as examiners_router
from evaluation.interviews.endpoints import router as interviews_router
from evaluation.notices.endpoints import router as notices_router
from evaluation.panels.endpoints import router as panels_router
from evaluation.policies.endpoints import router as policies_router
from evaluation.reviews.endpoints import router as reviews_router
from evaluation.spec import SPEC

# The policy router's static paths come before /v1/cases/{case_id}.
ROUTERS = (
    policies_router,
    cases_router,
    panels_router,
    reviews_router,
    interviews_router,
    decisions_router,
    examiners_router,
    batches_router,
    notices_router,
)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, ROUTERS, settings, verifier)
