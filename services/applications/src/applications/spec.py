"""What the applications service is: shared by its API and its worker."""

from datetime import datetime

from kit.consumer import Subscription
from kit.jobs import ScheduledJob
from kit.service import ServiceSpec
from sqlalchemy.ext.asyncio import AsyncSession

from applications.application import service as application_service
from applications.application.handlers import (
    on_approved,
    on_case_opened,
    on_certificate_issued,
    on_decided,
    on_notice_published,
    on_registration_refused,
    on_supplement_lapsed,
    on_supplement_requested,
    on_withdrawn,
)
from applications.bans.handlers import on_member_barred
from applications.config import Settings
from applications.evidence.handlers import on_panel_assigned
from applications.models import Base, inbox, outbox
from applications.reference.service import seed_reference_data


async def lapse_overdue_returns(session: AsyncSession, now: datetime) -> int:
    return await application_service.lapse_overdue(session, now)


async def remind_resubmissions(session: AsyncSession, now: datetime) -> int:
    return await application_service.remind_resubmissions(
        session, now, working_days=Settings().resubmission_reminder_working_days)


LAPSE_JOB = ScheduledJob(name="applications.lapse_overdue_returns", run=lapse_overdue_returns)
RESUBMISSION_REMINDER_JOB = ScheduledJob(name="applications.remind_resubmissions",
                                         run=remind_resubmissions)

SPEC = ServiceSpec(
    name="applications",
    title="CSE applications service",
    description="Enterprise recommendations, committee pre-screening, applicants, applications "
    "and the formal check (企业推荐、初筛、申请与初审).",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
    subscriptions=(
        Subscription(
            queue="applications.evaluation",
            handlers={
                "evaluation.case_opened": on_case_opened,
                "evaluation.supplement_requested": on_supplement_requested,
                "evaluation.supplement_lapsed": on_supplement_lapsed,
                "evaluation.withdrawn": on_withdrawn,
                "evaluation.panel_assigned": on_panel_assigned,
                "evaluation.decided": on_decided,
                "evaluation.notice_published": on_notice_published,
                "evaluation.approved": on_approved,
            },
        ),
        Subscription(
            queue="applications.registry",
            handlers={
                "member.barred": on_member_barred,
                "certificate.issued": on_certificate_issued,
                "registration.refused": on_registration_refused,
            },
        ),
    ),
    seed=seed_reference_data,
    jobs=(LAPSE_JOB, RESUBMISSION_REMINDER_JOB),
)
