"""What the registry service is: shared by its API and its worker."""

from kit.consumer import Subscription
from kit.service import ServiceSpec

from registry.certificates.jobs import EXPIRE_ENDED, REMIND_REREGISTRATION
from registry.config import Settings
from registry.models import Base, inbox, outbox
from registry.recognition.reference import seed_partners
from registry.registrations.handlers import on_evaluation_approved
from registry.reregistrations.handlers import on_cpd_compliance_changed

SPEC = ServiceSpec(
    name="registry",
    title="CSE registry service",
    description="Engineering members, certificates with unified numbers, public verification "
    "(工程会员注册与证书).",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
    subscriptions=(
        Subscription(
            queue="registry.registration",
            handlers={"evaluation.approved": on_evaluation_approved},
        ),
        Subscription(
            queue="registry.cpd",
            handlers={"cpd.compliance_changed": on_cpd_compliance_changed},
        ),
    ),
    seed=seed_partners,
    jobs=(EXPIRE_ENDED, REMIND_REREGISTRATION),
)
