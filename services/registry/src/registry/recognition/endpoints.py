"""Mutual recognition: partner bodies, agreements and referrals with their outcomes."""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from registry.recognition import service
from registry.recognition.schemas import (
    AgreementIn,
    AgreementOut,
    OutcomeIn,
    PartnerOut,
    ReferIn,
    ReferralCount,
    ReferralIn,
    ReferralOut,
)

router = APIRouter(tags=["mutual recognition"])

Applicant = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]
Secretariat = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT))]
Partner = Annotated[Principal, Depends(require_roles(Role.PARTNER))]
Reader = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT, Role.PARTNER))]
Status = Literal["requested", "referred", "granted", "refused"]


@router.get("/v1/partners")
async def list_partners(session: SessionDep) -> list[PartnerOut]:
    """Partner bodies abroad and their agreements (public)."""
    return await service.partners(session)


@router.put("/v1/partners/{code}/agreements")
async def put_agreement(code: Annotated[str, Path(max_length=20)], body: AgreementIn,
                        principal: Secretariat, session: SessionDep) -> AgreementOut:
    """Record or update an agreement with a partner body (scope, levels, date, status)."""
    return await service.add_agreement(session, code, body)


@router.post("/v1/members/me/referrals", status_code=status.HTTP_201_CREATED)
async def ask_for_referral(body: ReferralIn, principal: Applicant, session: SessionDep
                           ) -> ReferralOut:
    """Ask to be referred to a partner body under one of its agreements."""
    return await service.request(session, principal, body)


@router.get("/v1/members/me/referrals")
async def my_referrals(principal: Applicant, session: SessionDep) -> list[ReferralOut]:
    """Your referrals and their outcomes."""
    return await service.listing(session, principal, None, 200)


@router.get("/v1/referrals/counts")
async def referral_counts(principal: Secretariat, session: SessionDep) -> list[ReferralCount]:
    """Referrals per partner and agreement, by status, for the pilot reports."""
    return await service.counts(session)


@router.get("/v1/referrals")
async def list_referrals(principal: Reader, session: SessionDep, status: Status | None = None,
                         limit: Annotated[int, Query(ge=1, le=500)] = 100
                         ) -> list[ReferralOut]:
    """All referrals for the secretariat; a partner's client sees those addressed to it."""
    return await service.listing(session, principal, status, limit)


@router.post("/v1/referrals/{referral_id}/referral")
async def refer_member(referral_id: uuid.UUID, body: ReferIn, principal: Secretariat,
                       session: SessionDep) -> ReferralOut:
    """Refer the member, with their record, to the partner body."""
    return await service.refer(session, principal, referral_id, body)


@router.post("/v1/referrals/{referral_id}/outcome")
async def record_referral_outcome(referral_id: uuid.UUID, body: OutcomeIn, principal: Partner,
                                  session: SessionDep) -> ReferralOut:
    """The partner body records its outcome: title granted with its number, or refused."""
    return await service.record_outcome(session, principal, referral_id, body)
