"""The evaluation service: cases from accepted applications to approved registration."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier
from kit.consumer import Subscription
from kit.service import ServiceSpec

from evaluation.batches.endpoints import router as batches_router
from evaluation.cases.endpoints import router as cases_router
from evaluation.cases.handlers import on_application_accepted
from evaluation.config import Settings
from evaluation.decisions.endpoints import router as decisions_router
from evaluation.decisions.jobs import APPROVE_ENDED_NOTICES
from evaluation.examiners.endpoints import router as examiners_router
from evaluation.interviews.endpoints import router as interviews_router
from evaluation.models import Base, inbox, outbox
from evaluation.notices.endpoints import router as notices_router
from evaluation.panels.endpoints import router as panels_router
from evaluation.policies.endpoints import router as policies_router
from evaluation.reference import seed_reference
from evaluation.reviews.endpoints import router as reviews_router
from evaluation.reviews.handlers import on_supplement_submitted

SPEC = ServiceSpec(
    name="evaluation",
    title="CSE evaluation service",
    description="Examiners, cases, materials review, interviews, decisions and public notice "
    "(考官、材料审查、面试、综合审议与公示).",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
    # The policy router's static paths come before /v1/cases/{case_id}.
    routers=(policies_router, cases_router, panels_router, reviews_router, interviews_router,
             decisions_router, examiners_router, batches_router, notices_router),
    subscriptions=(
        Subscription(
            queue="evaluation.intake",
            handlers={
                "application.accepted": on_application_accepted,
                "application.supplement_submitted": on_supplement_submitted,
            },
        ),
    ),
    seed=seed_reference,
    jobs=(APPROVE_ENDED_NOTICES,),
)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, settings, verifier)
