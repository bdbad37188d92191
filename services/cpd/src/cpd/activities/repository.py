"""Queries on CPD activities."""

import uuid
from collections.abc import Sequence
from datetime import date

from kit.pagination import PageParams
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from cpd import paging
from cpd.models import CpdActivity

# A ledger reads in date order: by the day an activity ended, then started, then was recorded.
ORDER = (CpdActivity.ends_on, CpdActivity.starts_on, CpdActivity.created_at, CpdActivity.id)


async def get(session: AsyncSession, ledger_id: uuid.UUID, activity_id: uuid.UUID, *,
              for_update: bool = False) -> CpdActivity | None:
    query = select(CpdActivity).where(CpdActivity.id == activity_id,
                                      CpdActivity.ledger_id == ledger_id,
                                      CpdActivity.deleted_at.is_(None))
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


def _of_ledger(ledger_id: uuid.UUID, ended_from: date | None, ended_to: date | None
               ) -> Select[CpdActivity]:
    query = select(CpdActivity).where(CpdActivity.ledger_id == ledger_id,
                                      CpdActivity.deleted_at.is_(None))
    if ended_from is not None:
        query = query.where(CpdActivity.ends_on >= ended_from)
    if ended_to is not None:
        query = query.where(CpdActivity.ends_on <= ended_to)
    return query


async def of_ledger(session: AsyncSession, ledger_id: uuid.UUID, *,
                    ended_from: date | None = None, ended_to: date | None = None,
                    ) -> Sequence[CpdActivity]:
    """Every activity in date order (for compliance and the record sheet)."""
    return (await session.scalars(
        _of_ledger(ledger_id, ended_from, ended_to).order_by(*ORDER[:3]))).all()


async def page_of_ledger(session: AsyncSession, ledger_id: uuid.UUID, params: PageParams, *,
                         ended_from: date | None = None, ended_to: date | None = None,
                         ) -> Sequence[CpdActivity]:
    """One page in date order (and one row more, to tell whether another follows)."""
    query = _of_ledger(ledger_id, ended_from, ended_to)
    rows: Sequence[CpdActivity] = await paging.keyset(session, query, ORDER, CpdActivity.id,
                                                      params)
    return rows


async def of_course(session: AsyncSession, course_id: uuid.UUID,
                    ledger_ids: Sequence[uuid.UUID]) -> Sequence[CpdActivity]:
    return (await session.scalars(
        select(CpdActivity).where(CpdActivity.course_id == course_id,
                                  CpdActivity.ledger_id.in_(ledger_ids))
    )).all()


async def add(session: AsyncSession, activity: CpdActivity) -> None:
    session.add(activity)
    await session.flush()
