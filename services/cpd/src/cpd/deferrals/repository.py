"""Queries on deferrals."""

import uuid
from collections.abc import Sequence

from kit.pagination import PageParams, paginate
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.models import CpdDeferral


async def get(session: AsyncSession, ledger_id: uuid.UUID, deferral_id: uuid.UUID) -> (
        CpdDeferral | None):
    return await session.scalar(
        select(CpdDeferral).where(CpdDeferral.id == deferral_id,
                                  CpdDeferral.ledger_id == ledger_id).with_for_update())


async def of_ledger(session: AsyncSession, ledger_id: uuid.UUID) -> Sequence[CpdDeferral]:
    return (await session.scalars(
        select(CpdDeferral).where(CpdDeferral.ledger_id == ledger_id)
        .order_by(CpdDeferral.created_at, CpdDeferral.id)
    )).all()


async def page_of_ledger(session: AsyncSession, ledger_id: uuid.UUID, params: PageParams
                         ) -> Sequence[CpdDeferral]:
    """One page, newest request first (and one row more, to tell whether another follows)."""
    return (await session.scalars(paginate(
        select(CpdDeferral).where(CpdDeferral.ledger_id == ledger_id),
        CpdDeferral.created_at, CpdDeferral.id, params))).all()


async def add(session: AsyncSession, deferral: CpdDeferral) -> None:
    session.add(deferral)
    await session.flush()
