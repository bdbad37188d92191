"""Per-society CPD policies: read by anyone signed in, set by the society's staff."""

from typing import Annotated

from fastapi import APIRouter, Depends, status
from kit import clock
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import CurrentPrincipal, page_params, require_roles
from kit.pagination import Page, PageParams

from cpd import paging
from cpd.compliance import service as compliance
from cpd.ledgers.rules import OWN_FIGURES, floor_hours_per_year, floor_rule
from cpd.params import Society
from cpd.policies import repository, service
from cpd.policies.rules import DEFAULT_FIXED_CREDITS, PolicyTerms
from cpd.policies.schemas import PolicyIn, PolicyOut, PolicyVersionOut

router = APIRouter(prefix="/v1/cpd/policies", tags=["cpd policies"])

Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]


async def _policy_out(session: SessionDep, society_code: str) -> PolicyOut:
    book = await service.policy_book(session, society_code)
    current = book.version_on(clock.today())
    return PolicyOut(
        society_code=society_code, floor_hours_per_year=floor_hours_per_year(society_code),
        floor_rule=floor_rule(society_code), own_figure_allowed=society_code in OWN_FIGURES,
        current=PolicyVersionOut.model_validate(current) if current else None,
    )


@router.get("/{society_code}")
async def get_policy(society_code: Society, principal: CurrentPrincipal, session: SessionDep
                     ) -> PolicyOut:
    """A society's CPD policy in force today and its floor; every version is under
    `/versions`."""
    service.check_society(society_code)
    return await _policy_out(session, society_code)


@router.get("/{society_code}/versions")
async def list_policy_versions(society_code: Society, principal: CurrentPrincipal,
                               session: SessionDep,
                               params: Annotated[PageParams, Depends(page_params)]
                               ) -> Page[PolicyVersionOut]:
    """Every version of a society's policy by effective date, earliest first (not newest
    first); of two versions for one date, the later set is listed after and prevails."""
    service.check_society(society_code)
    rows, cursor = paging.trim(await repository.page(session, society_code, params), params,
                               lambda v: v.created_at, lambda v: v.id)
    return Page(items=[PolicyVersionOut.model_validate(v) for v in rows], next_cursor=cursor)


@router.post("/{society_code}", status_code=status.HTTP_201_CREATED)
async def set_policy(society_code: Society, payload: PolicyIn, principal: Staff,
                     session: SessionDep) -> PolicyOut:
    """A new version of your society's policy from its effective date; never looser than the
    CSE's rules (422 quoting the rule)."""
    terms = PolicyTerms(
        hours_per_year=payload.hours_per_year, minutes_per_hour=payload.minutes_per_hour,
        fixed_credits={**DEFAULT_FIXED_CREDITS, **{str(k): v for k, v in
                                                    payload.fixed_credits.items()}},
        caps={str(k): v for k, v in payload.caps.items()},
        pace_reminder_day=payload.pace_reminder_day, grace_days=payload.grace_days,
    )
    await service.set_policy(session, principal, society_code, payload.effective_from, terms,
                             payload.note)
    await compliance.refresh_society(session, society_code)
    return await _policy_out(session, society_code)
