"""What the notifications service is: shared by its API and its worker."""

from kit.consumer import Subscription
from kit.service import ServiceSpec

from notifications.config import Settings
from notifications.inbox.handlers import on_any_event
from notifications.models import Base, inbox, outbox

SPEC = ServiceSpec(
    name="notifications",
    title="CSE notifications service",
    description="E-mail, webhooks to partner and HR systems, and the in-app inbox (通知).",
    settings=Settings,
    metadata=Base.metadata,
    outbox=outbox,
    inbox=inbox,
    subscriptions=(
        Subscription(
            queue="notifications.inbox", handlers={}, extra_bindings=("#",), fallback=on_any_event
        ),
    ),
)
