"""The applications service: enterprise recommendations, pre-screening and application intake."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier
from kit.service import ServiceSpec

from applications.application.endpoints import router as application_router
from applications.config import Settings
from applications.models import Base, inbox, outbox
from applications.recommendations.endpoints import router as recommendation_router
from applications.reference.endpoints import router as reference_router
from applications.reference.service import seed_reference_data

SPEC = ServiceSpec(
    name="applications",
    title="CSE applications service",
    description="Enterprise recommendations, committee pre-screening, applicants, applications "
    "and the formal check (企业推荐、初筛、申请与初审).",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
    routers=(reference_router, recommendation_router, application_router),
    subscriptions=(),
    seed=seed_reference_data,
)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, settings, verifier)
