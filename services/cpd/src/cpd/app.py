"""The CPD service: continuing professional development ledgers."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier
from kit.consumer import Subscription
from kit.service import ServiceSpec

from cpd.config import Settings
from cpd.ledgers.endpoints import router as ledgers_router
from cpd.ledgers.handlers import on_certificate_issued
from cpd.ledgers.service import seed_policies
from cpd.models import Base, inbox, outbox

SPEC = ServiceSpec(
    name="cpd",
    title="CSE CPD service",
    description="Continuing professional development ledgers and per-society policies "
    "(持续职业发展).",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
    routers=(ledgers_router,),
    subscriptions=(
        Subscription(queue="cpd.ledgers", handlers={"certificate.issued": on_certificate_issued}),
    ),
    seed=seed_policies,
)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, settings, verifier)
