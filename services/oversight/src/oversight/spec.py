"""What the oversight service is: shared by its API and its worker."""

from kit.service import ServiceSpec

from oversight.config import Settings
from oversight.models import Base, inbox, outbox

SPEC = ServiceSpec(
    name="oversight",
    title="CSE oversight service",
    description="Complaints and suggestions to the supervision committee (意见建议), pilot "
    "reports (试点报告), funnel, cycle-time and examiner calibration figures.",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
)
