"""Queries on CPD activities."""

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.models import CpdActivity


async def get(session: AsyncSession, ledger_id: uuid.UUID, activity_id: uuid.UUID, *,
              for_update: bool = False) -> CpdActivity | None:
    query = select(CpdActivity).where(CpdActivity.id == activity_id,
                                      CpdActivity.ledger_id == ledger_id,
                                      CpdActivity.deleted_at.is_(None))
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def of_ledger(session: AsyncSession, ledger_id: uuid.UUID, *,
                    ended_from: date | None = None, ended_to: date | None = None,
                    ) -> Sequence[CpdActivity]:
    query = select(CpdActivity).where(CpdActivity.ledger_id == ledger_id,
                                      CpdActivity.deleted_at.is_(None))
    if ended_from is not None:
        query = query.where(CpdActivity.ends_on >= ended_from)
    if ended_to is not None:
        query = query.where(CpdActivity.ends_on <= ended_to)
    return (await session.scalars(
        query.order_by(CpdActivity.ends_on, CpdActivity.starts_on, CpdActivity.created_at)
    )).all()


async def of_course(session: AsyncSession, course_id: uuid.UUID,
                    ledger_ids: Sequence[uuid.UUID]) -> Sequence[CpdActivity]:
    return (await session.scalars(
        select(CpdActivity).where(CpdActivity.course_id == course_id,
                                  CpdActivity.ledger_id.in_(ledger_ids))
    )).all()


async def add(session: AsyncSession, activity: CpdActivity) -> None:
    session.add(activity)
    await session.flush()
