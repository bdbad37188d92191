"""The oversight service's HTTP API: its routers on the shared app factory."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier

from oversight.calibration.endpoints import router as calibration_router
from oversight.complaints.endpoints import router as complaints_router
from oversight.config import Settings
from oversight.pipeline.endpoints import router as pipeline_router
from oversight.reports.endpoints import router as reports_router
from oversight.spec import SPEC

ROUTERS = (complaints_router, pipeline_router, reports_router, calibration_router)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, ROUTERS, settings, verifier)
