"""The evaluation funnel and cycle times, for societies (their own), the secretariat and the
supervision committee."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles
from kit.types import Day

from oversight.pipeline import service
from oversight.pipeline.schemas import CycleOut, FunnelOut

router = APIRouter(prefix="/v1/reports", tags=["reports"])

Reader = Annotated[Principal, Depends(require_roles(
    Role.SOCIETY_ADMIN, Role.SECRETARIAT, Role.SUPERVISION))]
SocietyFilter = Annotated[str | None, Query(
    max_length=20, description="Only this society (its code), for the secretariat and the "
    "committee; a society's staff always see their own and may name only it (else 403).")]


@router.get("/funnel")
async def get_funnel(
    principal: Reader, session: SessionDep, society: SocietyFilter = None,
    start: Annotated[Day | None, Query(
        alias="from", description="First China date counted, YYYY-MM-DD (included); all "
        "time before when left out.")] = None,
    end: Annotated[Day | None, Query(
        alias="to", description="Last China date counted, YYYY-MM-DD (included); up to now "
        "when left out.")] = None,
) -> FunnelOut:
    """Recommended → pre-screened → applied → accepted → passed / failed → registered, per
    society and field, with conversion rates (China dates, both ends included)."""
    return await service.funnel(session, service.scope_of(principal, society), start=start,
                                end=end)


@router.get("/cycle-times")
async def get_cycle_times(principal: Reader, session: SessionDep,
                          society: SocietyFilter = None) -> CycleOut:
    """Median and 90th-percentile days against the six-month limit, and the overdue cases."""
    return await service.cycle_times(session, service.scope_of(principal, society))
