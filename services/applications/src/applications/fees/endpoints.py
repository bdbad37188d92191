"""Evaluation fees per society and level (004 §6), and whether an application's was settled."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import CurrentPrincipal, require_roles
from kit.pagination import Page

from applications.application.schemas import Level
from applications.fees import repository, service
from applications.fees.schemas import FeeIn, FeeOut, SettlementIn, SettlementOut

router = APIRouter(tags=["fees"])

Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]
SocietyStaff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]


@router.get("/v1/fees")
async def list_fees(
    _: CurrentPrincipal, session: SessionDep,
    society: Annotated[str | None, Query(
        max_length=20, description="学会代码: only this society's fees; every society's when "
        "omitted")] = None,
) -> Page[FeeOut]:
    """The fees societies charge per level, by society and level; a level without a row is
    free. Bounded (at most one row per society and level): every fee is in the one page and
    `next_cursor` is always null."""
    return Page(items=[FeeOut.model_validate(row)
                       for row in await repository.fees(session, society)])


@router.put("/v1/fees/{society_code}/{level}")
async def set_fee(
    society_code: Annotated[str, Path(description="学会代码 of the society that charges it "
                                      "(a society admin: their own)")],
    level: Annotated[Level, Path(description="The membership level: apprentice, "
                                 "professional or senior")],
    body: FeeIn, principal: Staff, session: SessionDep,
) -> FeeOut:
    """Set your society's fee for a level (the secretariat any society's); applications
    submitted afterwards record it."""
    row = await service.set_fee(session, principal, society_code, level, body.amount_cny)
    return FeeOut.model_validate(row)


@router.post("/v1/applications/{application_id}/fee-settlement")
async def record_settlement(application_id: Annotated[uuid.UUID, Path(
                                description="The application whose fee it is")],
                            body: SettlementIn,
                            principal: SocietyStaff, session: SessionDep) -> SettlementOut:
    """Record whether the applicant has settled the fee (no payment is handled here)."""
    application = await service.record_settlement(session, principal, application_id,
                                                  body.settled)
    return SettlementOut(application_id=str(application.id), fee_cny=application.fee_cny,
                         fee_settled=application.fee_settled,
                         fee_settled_at=application.fee_settled_at)
