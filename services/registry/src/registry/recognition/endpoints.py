"""Mutual recognition: partner bodies, agreements and referrals with their outcomes."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams

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
    ReferralStatus,
)

router = APIRouter(tags=["mutual recognition"])

Applicant = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]
Secretariat = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT))]
Partner = Annotated[Principal, Depends(require_roles(Role.PARTNER))]
Reader = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT, Role.PARTNER))]
Pages = Annotated[PageParams, Depends(page_params)]
ReferralId = Annotated[uuid.UUID, Path(description="The referral's id (UUID)")]


@router.get("/v1/partners")
async def list_partners(session: SessionDep) -> Page[PartnerOut]:
    """Partner bodies abroad and their agreements (public), by code. A short reference list
    (four partners today, added only by a release), so it comes whole: `next_cursor` is
    always null."""
    return Page(items=await service.partners(session), next_cursor=None)


@router.put("/v1/partners/{code}/agreements")
async def put_agreement(code: Annotated[str, Path(max_length=20, description=(
                            "The partner body's code, e.g. `IES`; any case"))], body: AgreementIn,
                        principal: Secretariat, session: SessionDep) -> AgreementOut:
    """Record or update an agreement with a partner body (scope, levels, date, status)."""
    return await service.add_agreement(session, code, body)


@router.post("/v1/members/me/referrals", status_code=status.HTTP_201_CREATED)
async def ask_for_referral(body: ReferralIn, principal: Applicant, session: SessionDep
                           ) -> ReferralOut:
    """Ask to be referred to a partner body under one of its agreements."""
    return await service.request(session, principal, body)


@router.get("/v1/members/me/referrals")
async def my_referrals(principal: Applicant, session: SessionDep, params: Pages
                       ) -> Page[ReferralOut]:
    """Your referrals and their outcomes, newest first."""
    return await service.listing(session, principal, None, params)


@router.get("/v1/referrals/counts")
async def referral_counts(principal: Secretariat, session: SessionDep) -> Page[ReferralCount]:
    """Referrals per partner and agreement, by status, for the pilot reports; one row per
    agreement (a handful per partner), by partner and agreement code, so it comes whole:
    `next_cursor` is always null."""
    return Page(items=await service.counts(session), next_cursor=None)


@router.get("/v1/referrals")
async def list_referrals(
    principal: Reader, session: SessionDep, params: Pages,
    status: Annotated[ReferralStatus | None, Query(description=(
        "Only referrals in this status; all when left out (a partner never sees `requested`)"
    ))] = None,
) -> Page[ReferralOut]:
    """All referrals for the secretariat, newest first; a partner's client sees those
    addressed to it."""
    return await service.listing(session, principal, status, params)


@router.post("/v1/referrals/{referral_id}/referral")
async def refer_member(referral_id: ReferralId, body: ReferIn, principal: Secretariat,
                       session: SessionDep) -> ReferralOut:
    """Refer the member, with their record, to the partner body."""
    return await service.refer(session, principal, referral_id, body)


@router.post("/v1/referrals/{referral_id}/outcome")
async def record_referral_outcome(referral_id: ReferralId, body: OutcomeIn, principal: Partner,
                                  session: SessionDep) -> ReferralOut:
    """The partner body records its outcome: title granted with its number, or refused."""
    return await service.record_outcome(session, principal, referral_id, body)
