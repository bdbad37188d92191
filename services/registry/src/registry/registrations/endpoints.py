"""Registrations waiting for the CSE secretariat's confirmation (注册备案), in batches."""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from registry.registrations import service
from registry.registrations.schemas import (
    ConfirmationIn,
    ConfirmationOut,
    RefusalIn,
    RegistrationOut,
)
from registry.societies.service import society_of

router = APIRouter(prefix="/v1/registrations", tags=["registrations"])

Secretariat = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT))]
Reader = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT, Role.SOCIETY_ADMIN))]


@router.get("")
async def list_registrations(
    principal: Reader, session: SessionDep,
    status: Literal["pending", "confirmed", "refused"] | None = "pending",
    society: Annotated[str | None, Query(max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[RegistrationOut]:
    """Registrations, oldest first (pending by default); society staff see their own."""
    if principal.role is Role.SOCIETY_ADMIN:
        society = society_of(principal, society)
    return await service.listing(session, status=status, society=society, limit=limit)


@router.post("/confirmations")
async def confirm_registrations(body: ConfirmationIn, principal: Secretariat,
                                session: SessionDep) -> ConfirmationOut:
    """Confirm a batch of pending registrations: numbers and certificates are issued."""
    return ConfirmationOut(
        confirmed=await service.confirm(session, principal, body.registration_ids))


@router.post("/{registration_id}/refusal")
async def refuse_registration(registration_id: uuid.UUID, body: RefusalIn,
                              principal: Secretariat, session: SessionDep) -> RegistrationOut:
    """Refuse a pending registration with its reason (registration.refused)."""
    return await service.refuse(session, principal, registration_id, body.reason)
