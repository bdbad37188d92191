"""Queries on public notices and objections."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from kit.pagination import PageParams, paginate
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.models import Objection, PublicNotice, Society


async def get(session: AsyncSession, notice_id: uuid.UUID) -> PublicNotice | None:
    return await session.get(PublicNotice, notice_id)


async def running_for_case(session: AsyncSession, case_id: uuid.UUID, *,
                           for_update: bool = False) -> PublicNotice | None:
    query = select(PublicNotice).where(
        PublicNotice.case_id == case_id, PublicNotice.status == "running"
    )
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def running(session: AsyncSession, now: datetime, *, society_code: str | None,
                  params: PageParams, notice_id: uuid.UUID | None = None,
                  ) -> Sequence[tuple[PublicNotice, Society]]:
    """A page of the notices still open for objections, newest published first (with one
    look-ahead row)."""
    query = (
        select(PublicNotice, Society)
        .join(Society, Society.code == PublicNotice.society_code)
        .where(PublicNotice.status == "running", PublicNotice.ends_at > now)
    )
    if society_code is not None:
        query = query.where(PublicNotice.society_code == society_code)
    if notice_id is not None:
        query = query.where(PublicNotice.id == notice_id)
    page = paginate(cast("Select[Any]", query), PublicNotice.published_at, PublicNotice.id,
                    params)
    return [(row[0], row[1]) for row in (await session.execute(page)).all()]


async def ended(session: AsyncSession, now: datetime) -> Sequence[PublicNotice]:
    """Notices whose period is over but which are still marked running."""
    query = (
        select(PublicNotice)
        .where(PublicNotice.status == "running", PublicNotice.ends_at <= now)
        .order_by(PublicNotice.ends_at)
        .with_for_update(skip_locked=True)
    )
    return (await session.scalars(query)).all()


async def objections_of_case(session: AsyncSession, case_id: uuid.UUID, params: PageParams
                             ) -> Sequence[Objection]:
    """A page of the case's objections, newest first (with one look-ahead row)."""
    query = select(Objection).where(Objection.case_id == case_id)
    return (await session.scalars(
        paginate(query, Objection.created_at, Objection.id, params))).all()


async def open_objection_count(session: AsyncSession, case_id: uuid.UUID) -> int:
    query = select(func.count()).select_from(Objection).where(
        Objection.case_id == case_id, Objection.status == "open"
    )
    return int(await session.scalar(query) or 0)


async def get_objection(session: AsyncSession, objection_id: uuid.UUID) -> Objection | None:
    return await session.get(Objection, objection_id, with_for_update=True)
