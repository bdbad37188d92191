"""What the cpd service is: shared by its API and its worker."""

from kit.consumer import Subscription
from kit.jobs import ScheduledJob
from kit.service import ServiceSpec

from cpd.config import Settings
from cpd.ledgers.handlers import (
    on_certificate_issued,
    on_certificate_renewed,
    on_certificate_status_changed,
    on_member_barred,
)
from cpd.models import Base, inbox, outbox
from cpd.policies.service import seed_policies
from cpd.reminders.service import send_reminders

# Behind pace in the current year, and years that ended short (`reminder.due`, once each).
REMINDER_JOB = ScheduledJob(name="cpd.reminders", run=send_reminders)

SPEC = ServiceSpec(
    name="cpd",
    title="CSE CPD service",
    description="Continuing professional development ledgers and per-society policies "
    "(持续职业发展).",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
    subscriptions=(
        Subscription(queue="cpd.ledgers", handlers={
            "certificate.issued": on_certificate_issued,
            "certificate.status_changed": on_certificate_status_changed,
            "certificate.renewed": on_certificate_renewed,
            "member.barred": on_member_barred,
        }),
    ),
    seed=seed_policies,
    jobs=(REMINDER_JOB,),
)
