"""CPD activities of a ledger: the member records them, the society's staff review them."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams
from kit.types import Day

from cpd import paging
from cpd.activities import service
from cpd.activities.schemas import ActivityIn, ActivityOut, ActivityPatch, ReviewIn
from cpd.ledgers.service import READER_ROLES
from cpd.params import ActivityId, Number

router = APIRouter(prefix="/v1/cpd/ledgers/{certificate_number}/activities",
                   tags=["cpd activities"])

Member = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]
Reader = Annotated[Principal, Depends(require_roles(*READER_ROLES))]
Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]


@router.post("", status_code=status.HTTP_201_CREATED)
async def record_activity(certificate_number: Number, payload: ActivityIn, principal: Member,
                          session: SessionDep) -> ActivityOut:
    """Record a CPD activity in your own ledger (timed kinds with minutes, others without)."""
    ledger, activity = await service.record(session, principal, certificate_number, payload)
    return (await service.outs(session, ledger, [activity]))[0]


@router.get("")
async def list_activities(
    certificate_number: Number, principal: Reader, session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    ended_from: Annotated[Day | None, Query(alias="from", description=(
        "Only activities that ended on or after this China date, YYYY-MM-DD."))] = None,
    ended_to: Annotated[Day | None, Query(alias="to", description=(
        "Only activities that ended on or before this China date, YYYY-MM-DD."))] = None,
) -> Page[ActivityOut]:
    """The ledger's activities in date order (by the day each ended, earliest first), not
    newest first; optionally those that ended in a date range."""
    ledger, rows = await service.list_activities(session, principal, certificate_number,
                                                 params, ended_from, ended_to)
    items, cursor = paging.trim(rows, params, lambda a: a.created_at, lambda a: a.id)
    return Page(items=await service.outs(session, ledger, items), next_cursor=cursor)


@router.get("/{activity_id}")
async def get_activity(certificate_number: Number, activity_id: ActivityId, principal: Reader,
                       session: SessionDep) -> ActivityOut:
    """One activity."""
    ledger, activity = await service.get_activity(session, principal, certificate_number,
                                                  activity_id)
    return (await service.outs(session, ledger, [activity]))[0]


@router.patch("/{activity_id}")
async def edit_activity(certificate_number: Number, activity_id: ActivityId,
                        payload: ActivityPatch, principal: Member, session: SessionDep
                        ) -> ActivityOut:
    """Change an activity while its year is open and the society has not reviewed it."""
    ledger, activity = await service.edit(session, principal, certificate_number, activity_id,
                                          payload)
    return (await service.outs(session, ledger, [activity]))[0]


@router.delete("/{activity_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_activity(certificate_number: Number, activity_id: ActivityId,
                          principal: Member, session: SessionDep) -> None:
    """Remove an activity you recorded while its year is open."""
    await service.remove(session, principal, certificate_number, activity_id)


@router.post("/{activity_id}/review")
async def review_activity(certificate_number: Number, activity_id: ActivityId,
                          payload: ReviewIn, principal: Staff, session: SessionDep
                          ) -> ActivityOut:
    """The society's staff accept an activity or do not credit it, with a reason."""
    ledger, activity = await service.review(session, principal, certificate_number,
                                            activity_id, payload)
    return (await service.outs(session, ledger, [activity]))[0]
