"""Queries on registrations."""

import uuid
from collections.abc import Sequence
from typing import Any, cast

from kit.pagination import PageParams, next_cursor, paginate
from sqlalchemy import Select, select
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
                  params: PageParams
                  ) -> tuple[list[tuple[Registration, str | None]], str | None]:
    """Registrations with the number of the certificate each led to, in one query; newest
    first, one page at a time."""
    query = (select(Registration, Certificate.number)
             .outerjoin(Certificate, Certificate.id == Registration.certificate_id))
    if status is not None:
        query = query.where(Registration.status == status)
    if society is not None:
        query = query.where(Registration.society_code == society)
    paged = paginate(cast("Select[Any]", query), Registration.created_at, Registration.id,
                     params)
    rows: list[tuple[Registration, str | None]] = [
        (row[0], row[1]) for row in (await session.execute(paged)).unique().all()]
    page, cursor = next_cursor([row for row, _ in rows], params)
    return rows[: len(page)], cursor
