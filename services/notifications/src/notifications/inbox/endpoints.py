"""The caller's in-app inbox."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path, Query
from kit.app import SessionDep
from kit.dependencies import CurrentPrincipal, page_params
from kit.pagination import Page, PageParams, next_cursor

from notifications.inbox import service
from notifications.inbox.schemas import MarkedOut, NotificationOut, ReadIn, UnreadCountOut

router = APIRouter(prefix="/v1/notifications", tags=["notifications"])

KindFilter = Annotated[list[str], Query(
    alias="kind", max_length=20,
    description="Only these kinds (repeatable); `evaluation.*` selects a family")]


@router.get("")
async def my_notifications(
    principal: CurrentPrincipal, session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    kinds: KindFilter = [],  # noqa: B006 - FastAPI copies query defaults per request
    unread: Annotated[bool, Query(description="Only unread messages")] = False,
) -> Page[NotificationOut]:
    """Messages addressed to the caller (or to their enterprise, society or body), newest first."""
    rows, cursor = next_cursor(
        list(await service.page(session, principal, params, kinds, unread)), params)
    return Page(items=[NotificationOut.model_validate(n) for n in rows], next_cursor=cursor)


@router.get("/unread-count")
async def unread_count(principal: CurrentPrincipal, session: SessionDep) -> UnreadCountOut:
    """How many of the caller's messages are unread."""
    return UnreadCountOut(unread=await service.unread_count(session, principal))


@router.post("/read-all")
async def mark_all_read(principal: CurrentPrincipal, session: SessionDep) -> MarkedOut:
    """Mark every message of the caller's inboxes read."""
    return MarkedOut(marked_read=await service.mark_all_read(session, principal))


@router.put("/{notification_id}/read")
async def mark_read(
    notification_id: Annotated[uuid.UUID, Path(
        description="The message's `id` (from the inbox list); a message of another inbox is "
                    "404")],
    principal: CurrentPrincipal, session: SessionDep,
    payload: Annotated[ReadIn | None, Body(openapi_examples={
        "read": {"summary": "Mark it read (the same as no body)", "value": {"read": True}},
        "unread": {"summary": "Mark it unread again", "value": {"read": False}},
    })] = None,
) -> NotificationOut:
    """Mark one message read (or, with `{"read": false}`, unread again)."""
    read = True if payload is None else payload.read
    return NotificationOut.model_validate(
        await service.mark_read(session, principal, notification_id, read))
