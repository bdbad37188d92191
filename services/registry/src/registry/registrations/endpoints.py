"""Registrations waiting for the CSE secretariat's confirmation (注册备案), in batches."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams

from registry.registrations import service
from registry.registrations.schemas import (
    ConfirmationIn,
    ConfirmationOut,
    RefusalIn,
    RegistrationOut,
    RegistrationStatus,
)
from registry.societies.service import society_of

router = APIRouter(prefix="/v1/registrations", tags=["registrations"])

Secretariat = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT))]
Reader = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT, Role.SOCIETY_ADMIN))]


@router.get("")
async def list_registrations(
    principal: Reader, session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    status: Annotated[RegistrationStatus | None, Query(
        description="Only registrations in this status; `pending` when left out")] = "pending",
    society: Annotated[str | None, Query(max_length=20, description=(
        "Only this society's, by code (e.g. `cces`); society staff always get their own"))]
    = None,
) -> Page[RegistrationOut]:
    """Registrations, newest first (pending by default); society staff see their own."""
    if principal.role is Role.SOCIETY_ADMIN:
        society = society_of(principal, society)
    return await service.listing(session, status=status, society=society, params=params)


@router.post("/confirmations")
async def confirm_registrations(body: ConfirmationIn, principal: Secretariat,
                                session: SessionDep) -> ConfirmationOut:
    """Confirm a batch of pending registrations: numbers and certificates are issued."""
    return ConfirmationOut(
        confirmed=await service.confirm(session, principal, body.registration_ids))


@router.post("/{registration_id}/refusal")
async def refuse_registration(registration_id: Annotated[uuid.UUID, Path(description=(
                                  "The pending registration's id (UUID)"))], body: RefusalIn,
                              principal: Secretariat, session: SessionDep) -> RegistrationOut:
    """Refuse a pending registration with its reason (registration.refused)."""
    return await service.refuse(session, principal, registration_id, body.reason)
