"""Deferrals of CPD for special circumstances [003 Q25]."""

from typing import Annotated

from fastapi import APIRouter, Depends, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams, next_cursor

from cpd.deferrals import service
from cpd.deferrals.schemas import DecisionIn, DeferralIn, DeferralOut
from cpd.ledgers.service import READER_ROLES
from cpd.params import DeferralId, Number

router = APIRouter(prefix="/v1/cpd/ledgers/{certificate_number}/deferrals",
                   tags=["cpd deferrals"])

Member = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]
Reader = Annotated[Principal, Depends(require_roles(*READER_ROLES))]
Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]


@router.post("", status_code=status.HTTP_201_CREATED)
async def request_deferral(certificate_number: Number, payload: DeferralIn, principal: Member,
                           session: SessionDep) -> DeferralOut:
    """Ask your society to defer CPD of some years for special circumstances."""
    deferral = await service.request(session, principal, certificate_number, payload)
    return service.deferral_out(deferral, principal)


@router.get("")
async def list_deferrals(certificate_number: Number, principal: Reader, session: SessionDep,
                         params: Annotated[PageParams, Depends(page_params)]
                         ) -> Page[DeferralOut]:
    """The ledger's deferral requests and decisions, newest request first."""
    rows, cursor = next_cursor(list(await service.list_deferrals(
        session, principal, certificate_number, params)), params)
    return Page(items=[service.deferral_out(d, principal) for d in rows], next_cursor=cursor)


@router.post("/{deferral_id}/decision")
async def decide_deferral(certificate_number: Number, deferral_id: DeferralId,
                          payload: DecisionIn, principal: Staff, session: SessionDep
                          ) -> DeferralOut:
    """The society grants (years; hours reduced or postponed) or refuses, with a reason."""
    deferral = await service.decide(session, principal, certificate_number, deferral_id,
                                    payload)
    return service.deferral_out(deferral, principal)
