"""Evaluation batches of a society."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, status
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams

from evaluation.batches import repository, service
from evaluation.batches.schemas import BatchIn, BatchOut
from evaluation.paging import newest_first

router = APIRouter(prefix="/v1/batches", tags=["batches"])

SocietyStaff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]
Reader = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]


@router.get("")
async def list_batches(principal: Reader, session: SessionDep,
                       params: Annotated[PageParams, Depends(page_params)]) -> Page[BatchOut]:
    """Batches of your society (all societies for the secretariat) with case counts, the
    latest opened first."""
    society = principal.society if principal.role is Role.SOCIETY_ADMIN else None
    rows, cursor = newest_first(await repository.list_batches(session, society, params), params,
                                lambda b: (b.opened_at, b.id))
    return Page(items=await service.describe(session, rows), next_cursor=cursor)


@router.post("", status_code=status.HTTP_201_CREATED)
async def open_batch(body: BatchIn, principal: SocietyStaff, session: SessionDep) -> BatchOut:
    """Open a new batch; new cases join it and the previous batch closes to new cases."""
    batch = await service.open_new_batch(session, principal, body)
    return (await service.describe(session, [batch]))[0]


@router.get("/{batch_id}")
async def get_batch(batch_id: Annotated[uuid.UUID, Path(description="The batch's id")],
                     principal: Reader, session: SessionDep) -> BatchOut:
    """One batch with its case counts by status."""
    batch = await service.get_batch(session, principal, batch_id)
    return (await service.describe(session, [batch]))[0]
