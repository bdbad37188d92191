"""The evaluation service: cases from accepted applications to approved registration."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier
from kit.consumer import Subscription
from kit.service import ServiceSpec

from evaluation.cases.endpoints import router as cases_router
from evaluation.cases.handlers import on_application_accepted
from evaluation.config import Settings
from evaluation.models import Base, inbox, outbox
from evaluation.reference import seed_societies

SPEC = ServiceSpec(
    name="evaluation",
    title="CSE evaluation service",
    description="Examiners, cases, materials review, interviews, decisions and public notice "
    "(考官、材料审查、面试、综合审议与公示).",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
    routers=(cases_router,),
    subscriptions=(
        Subscription(
            queue="evaluation.intake",
            handlers={"application.accepted": on_application_accepted},
        ),
    ),
    seed=seed_societies,
)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, settings, verifier)
