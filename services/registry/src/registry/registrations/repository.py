"""Queries on registrations."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Certificate, Registration


async def get_by_case(session: AsyncSession, case_id: uuid.UUID) -> Registration | None:
    return await session.scalar(select(Registration).where(Registration.case_id == case_id))


async def get_many_for_update(session: AsyncSession, ids: Sequence[uuid.UUID]
                              ) -> list[Registration]:
    query = (select(Registration).where(Registration.id.in_(ids))
             .order_by(Registration.approved_at, Registration.id)
             .with_for_update(of=Registration))
    return list((await session.scalars(query)).unique().all())


async def pending_of_member(session: AsyncSession, member_id: uuid.UUID) -> list[Registration]:
    query = (select(Registration)
             .where(Registration.member_id == member_id, Registration.status == "pending")
             .with_for_update(of=Registration))
    return list((await session.scalars(query)).unique().all())


async def listing(session: AsyncSession, *, status: str | None, society: str | None,
                  limit: int) -> list[tuple[Registration, str | None]]:
    """Registrations with the number of the certificate each led to, in one query."""
    query = (select(Registration, Certificate.number)
             .outerjoin(Certificate, Certificate.id == Registration.certificate_id))
    if status is not None:
        query = query.where(Registration.status == status)
    if society is not None:
        query = query.where(Registration.society_code == society)
    query = query.order_by(Registration.approved_at, Registration.id).limit(limit)
    return [(row, number) for row, number in (await session.execute(query)).unique().all()]
