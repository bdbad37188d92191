"""Queries on recommendations and candidates."""

import uuid
from collections.abc import Sequence

from kit.pagination import PageParams, paginate
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import Candidate, Recommendation


async def get(session: AsyncSession, recommendation_id: uuid.UUID) -> Recommendation | None:
    return await session.get(Recommendation, recommendation_id)


async def get_by_key(session: AsyncSession, enterprise_id: str, key: str) -> Recommendation | None:
    return await session.scalar(
        select(Recommendation).where(
            Recommendation.enterprise_id == enterprise_id, Recommendation.idempotency_key == key
        )
    )


async def list_page(
    session: AsyncSession, params: PageParams, enterprise_id: str | None
) -> Sequence[Recommendation]:
    query = select(Recommendation)
    if enterprise_id is not None:
        query = query.where(Recommendation.enterprise_id == enterprise_id)
    query = paginate(query, Recommendation.created_at, Recommendation.id, params)
    return (await session.scalars(query)).all()


async def get_candidate(
    session: AsyncSession, candidate_id: uuid.UUID, *, for_update: bool = False
) -> Candidate | None:
    return await session.get(Candidate, candidate_id, with_for_update=for_update)
