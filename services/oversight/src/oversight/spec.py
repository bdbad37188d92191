"""What the oversight service is: shared by its API and its worker."""

from kit.consumer import Subscription
from kit.service import ServiceSpec

from oversight.calibration import handlers as calibration
from oversight.config import Settings
from oversight.models import Base, inbox, outbox
from oversight.pipeline import service as pipeline
from oversight.reports import handlers as report_handlers
from oversight.reports.jobs import MAKE_REPORTS_READY
from oversight.reports.service import seed_targets

READ_MODEL = Subscription(
    queue="oversight.readmodel",
    handlers={
        "recommendation.received": pipeline.on_recommendation_received,
        "recommendation.screened": pipeline.on_recommendation_screened,
        "application.submitted": pipeline.on_application_submitted,
        "application.accepted": pipeline.on_application_accepted,
        "application.lapsed": pipeline.on_application_lapsed,
        "evaluation.case_opened": pipeline.on_case_opened,
        "evaluation.decided": pipeline.on_decided,
        "evaluation.approved": pipeline.on_approved,
        "evaluation.withdrawn": pipeline.on_withdrawn,
        "certificate.issued": pipeline.on_certificate_issued,
        "examiner.trained": report_handlers.on_examiner_trained,
        "referral.decided": report_handlers.on_referral_decided,
        "cpd.course_published": report_handlers.on_course_published,
        "evaluation.review_submitted": calibration.on_review_submitted,
        "evaluation.interview_scored": calibration.on_interview_scored,
    },
)

SPEC = ServiceSpec(
    name="oversight",
    title="CSE oversight service",
    description="Complaints and suggestions to the supervision committee (意见建议), pilot "
    "reports (试点报告), funnel, cycle-time and examiner calibration figures.",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
    subscriptions=(READ_MODEL,),
    seed=seed_targets,
    jobs=(MAKE_REPORTS_READY,),
)
