"""Queries on evaluation batches."""

import uuid
from collections.abc import Sequence

from kit.pagination import PageParams, paginate
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.models import Batch, Case


async def get(session: AsyncSession, batch_id: uuid.UUID) -> Batch | None:
    return await session.get(Batch, batch_id)


async def open_batch(session: AsyncSession, society_code: str) -> Batch | None:
    query = select(Batch).where(Batch.society_code == society_code, Batch.status == "open")
    return await session.scalar(query.with_for_update())


async def count_for_society(session: AsyncSession, society_code: str) -> int:
    query = select(func.count()).select_from(Batch).where(Batch.society_code == society_code)
    return int(await session.scalar(query) or 0)


async def list_batches(session: AsyncSession, society_code: str | None, params: PageParams
                       ) -> Sequence[Batch]:
    """A page of batches, the latest opened first (with one look-ahead row)."""
    query = select(Batch)
    if society_code is not None:
        query = query.where(Batch.society_code == society_code)
    return (await session.scalars(paginate(query, Batch.opened_at, Batch.id, params))).all()


async def case_counts(
    session: AsyncSession, batch_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, dict[str, int]]:
    """Cases per status in each batch."""
    query = (
        select(Case.batch_id, Case.status, func.count())
        .where(Case.batch_id.in_(batch_ids))
        .group_by(Case.batch_id, Case.status)
    )
    counts: dict[uuid.UUID, dict[str, int]] = {}
    for batch_id, status, count in (await session.execute(query)).all():
        if batch_id is not None:
            counts.setdefault(batch_id, {})[status] = count
    return counts
