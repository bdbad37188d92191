"""What the notifications service is: shared by its API and its worker."""

from datetime import datetime

from kit.consumer import Subscription
from kit.jobs import ScheduledJob
from kit.service import ServiceSpec
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.config import Settings, settings
from notifications.inbox.handlers import on_any_event
from notifications.mail import service as mail
from notifications.models import Base, inbox, outbox
from notifications.webhooks import handlers as webhook_handlers
from notifications.webhooks import service as webhooks

# A run drains the queue in batches, up to this many, so a burst waits for one interval only.
BATCHES_PER_RUN = 10


async def send_mail(session: AsyncSession, now: datetime) -> int:
    sent = 0
    for _ in range(BATCHES_PER_RUN):
        batch = await mail.send_due(session, now, settings())
        sent += batch
        if batch < settings().mail_batch_size:
            break
    return sent


async def deliver_webhooks(session: AsyncSession, now: datetime) -> int:
    delivered = 0
    for _ in range(BATCHES_PER_RUN):
        batch = await webhooks.deliver_due(session, now, settings())
        delivered += batch
        if batch < settings().webhook_batch_size:
            break
    return delivered


SEND_MAIL_JOB = ScheduledJob(name="notifications.send_mail", run=send_mail)
DELIVER_WEBHOOKS_JOB = ScheduledJob(name="notifications.deliver_webhooks", run=deliver_webhooks)

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
        # A queue of its own: a burst of webhook fan-out never holds up people's messages.
        Subscription(
            queue="notifications.webhooks", handlers={}, extra_bindings=("#",),
            fallback=webhook_handlers.on_any_event,
        ),
    ),
    jobs=(SEND_MAIL_JOB, DELIVER_WEBHOOKS_JOB),
)
