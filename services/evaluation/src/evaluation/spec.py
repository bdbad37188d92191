"""What the evaluation service is: shared by its API and its worker."""

from kit.consumer import Subscription
from kit.service import ServiceSpec

from evaluation.cases.handlers import on_application_accepted, on_member_barred
from evaluation.config import Settings
from evaluation.decisions.jobs import APPROVE_ENDED_NOTICES
from evaluation.models import Base, inbox, outbox
from evaluation.reference import seed_reference
from evaluation.reminders.jobs import SEND_REMINDERS
from evaluation.reviews.handlers import on_supplement_submitted
from evaluation.reviews.jobs import LAPSE_SUPPLEMENT_REQUESTS

SPEC = ServiceSpec(
    name="evaluation",
    title="CSE evaluation service",
    description="Examiners, cases, materials review, interviews, decisions and public notice "
    "(考官、材料审查、面试、综合审议与公示).",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
    subscriptions=(
        Subscription(
            queue="evaluation.intake",
            handlers={
                "application.accepted": on_application_accepted,
                "application.supplement_submitted": on_supplement_submitted,
                "member.barred": on_member_barred,
            },
        ),
    ),
    seed=seed_reference,
    jobs=(APPROVE_ENDED_NOTICES, LAPSE_SUPPLEMENT_REQUESTS, SEND_REMINDERS),
)
