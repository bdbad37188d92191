"""Queries on re-registrations and the CPD compliance the register holds."""

import uuid

from kit.pagination import PageParams, next_cursor, paginate
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import CpdCompliance, Reregistration


async def get(session: AsyncSession, reregistration_id: uuid.UUID, *, for_update: bool = False
              ) -> Reregistration | None:
    query = select(Reregistration).where(Reregistration.id == reregistration_id)
    if for_update:
        query = query.with_for_update(of=Reregistration)
    return await session.scalar(query)


async def pending_for(session: AsyncSession, certificate_id: uuid.UUID) -> Reregistration | None:
    return await session.scalar(select(Reregistration).where(
        Reregistration.certificate_id == certificate_id, Reregistration.status == "pending"))


async def listing(session: AsyncSession, *, society: str | None, applicant: str | None,
                  status: str | None, params: PageParams
                  ) -> tuple[list[Reregistration], str | None]:
    """Newest first, one page at a time."""
    query = select(Reregistration)
    if society is not None:
        query = query.where(Reregistration.society_code == society)
    if applicant is not None:
        query = query.where(Reregistration.applicant_id == applicant)
    if status is not None:
        query = query.where(Reregistration.status == status)
    query = paginate(query, Reregistration.created_at, Reregistration.id, params)
    return next_cursor(list((await session.scalars(query)).unique().all()), params)


async def compliance(session: AsyncSession, number: str, *, for_update: bool = False
                     ) -> CpdCompliance | None:
    query = select(CpdCompliance).where(CpdCompliance.certificate_number == number)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)
