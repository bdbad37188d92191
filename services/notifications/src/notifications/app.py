"""The notifications service: a message for every step, in each recipient's inbox."""

from fastapi import FastAPI
from kit.app import create_service_app
from kit.auth import TokenVerifier
from kit.consumer import Subscription
from kit.service import ServiceSpec

from notifications.config import Settings
from notifications.inbox.endpoints import router as inbox_router
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
    routers=(inbox_router,),
    subscriptions=(
        Subscription(queue="notifications.inbox", handlers={}, extra_bindings=("#",),
                     fallback=on_any_event),
    ),
)


def create_app(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> FastAPI:
    return create_service_app(SPEC, settings, verifier)
