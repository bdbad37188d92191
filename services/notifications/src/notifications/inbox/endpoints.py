"""The caller's in-app inbox."""

from typing import Annotated

from fastapi import APIRouter, Query
from kit.app import SessionDep
from kit.dependencies import CurrentPrincipal

from notifications.inbox import service
from notifications.inbox.schemas import NotificationOut

router = APIRouter(prefix="/v1/notifications", tags=["notifications"])


@router.get("")
async def my_notifications(
    principal: CurrentPrincipal, session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[NotificationOut]:
    """Messages addressed to the caller (or to their enterprise or society), newest first."""
    return [NotificationOut.model_validate(n)
            for n in await service.inbox(session, principal, limit)]
