"""The applications service: enterprise recommendations, pre-screening and application intake."""

from datetime import datetime

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier
from kit.consumer import Subscription
from kit.jobs import ScheduledJob
from kit.service import ServiceSpec
from sqlalchemy.ext.asyncio import AsyncSession

from applications.applicants.endpoints import router as applicant_router
from applications.application import service as application_service
from applications.application.endpoints import router as application_router
from applications.application.handlers import on_supplement_requested
from applications.bans.handlers import on_member_barred
from applications.config import Settings
from applications.eligibility.handlers import on_certificate_issued
from applications.evidence.endpoints import router as evidence_router
from applications.evidence.handlers import on_panel_assigned
from applications.models import Base, inbox, outbox
from applications.recommendations.endpoints import router as recommendation_router
from applications.reference.endpoints import router as reference_router
from applications.reference.service import seed_reference_data


async def lapse_overdue_returns(session: AsyncSession, now: datetime) -> int:
    return await application_service.lapse_overdue(session, now)


LAPSE_JOB = ScheduledJob(name="applications.lapse_overdue_returns", run=lapse_overdue_returns)

SPEC = ServiceSpec(
    name="applications",
    title="CSE applications service",
    description="Enterprise recommendations, committee pre-screening, applicants, applications "
    "and the formal check (企业推荐、初筛、申请与初审).",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
    routers=(reference_router, recommendation_router, applicant_router, application_router,
             evidence_router),
    subscriptions=(
        Subscription(
            queue="applications.evaluation",
            handlers={
                "evaluation.supplement_requested": on_supplement_requested,
                "evaluation.panel_assigned": on_panel_assigned,
            },
        ),
        Subscription(
            queue="applications.registry",
            handlers={
                "member.barred": on_member_barred,
                "certificate.issued": on_certificate_issued,
            },
        ),
    ),
    seed=seed_reference_data,
    jobs=(LAPSE_JOB,),
)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, settings, verifier)
