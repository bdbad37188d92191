"""The registry service: engineering members and certificates."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier
from kit.consumer import Subscription
from kit.service import ServiceSpec

from registry.certificates.endpoints import router as certificates_router
from registry.certificates.handlers import on_evaluation_approved
from registry.config import Settings
from registry.members.endpoints import router as members_router
from registry.models import Base, inbox, outbox

SPEC = ServiceSpec(
    name="registry",
    title="CSE registry service",
    description="Engineering members, certificates with unified numbers, public verification "
    "(工程会员注册与证书).",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
    routers=(certificates_router, members_router),
    subscriptions=(
        Subscription(
            queue="registry.registration",
            handlers={"evaluation.approved": on_evaluation_approved},
        ),
    ),
)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, settings, verifier)
