"""Queries on recommendations, candidates and the engineers they name."""

import uuid
from collections.abc import Sequence

from kit.pagination import PageParams, paginate
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import Candidate, Recommendation, RecommendedEngineer

OPEN_STATUSES = ("pending", "accepted")


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


async def list_candidates(
    session: AsyncSession, params: PageParams, *, status: str | None, field_code: str | None,
    enterprise_id: str | None,
) -> Sequence[Candidate]:
    query = select(Candidate)
    if status is not None:
        query = query.where(Candidate.status == status)
    if field_code is not None:
        query = query.where(Candidate.field_code == field_code)
    if enterprise_id is not None:
        query = query.join(Recommendation).where(Recommendation.enterprise_id == enterprise_id)
    query = paginate(query, Candidate.created_at, Candidate.id, params)
    return (await session.scalars(query)).all()


async def engineer_by_identity(session: AsyncSession, identity_index: str
                               ) -> RecommendedEngineer | None:
    return await session.scalar(
        select(RecommendedEngineer).where(RecommendedEngineer.identity_index == identity_index)
    )


async def engineer_by_name_mobile(session: AsyncSession, index: str) -> RecommendedEngineer | None:
    return await session.scalar(
        select(RecommendedEngineer)
        .where(RecommendedEngineer.name_mobile_index == index)
        .order_by(RecommendedEngineer.created_at)
        .limit(1)
    )


async def get_engineer(session: AsyncSession, engineer_id: uuid.UUID
                       ) -> RecommendedEngineer | None:
    return await session.get(RecommendedEngineer, engineer_id)


async def open_candidate_of(session: AsyncSession, engineer_id: uuid.UUID) -> Candidate | None:
    """The engineer's candidate still under consideration (pending or accepted), if any."""
    return await session.scalar(
        select(Candidate)
        .where(Candidate.engineer_id == engineer_id, Candidate.status.in_(OPEN_STATUSES))
        .order_by(Candidate.created_at)
        .limit(1)
    )


async def candidates_of(session: AsyncSession, engineer_id: uuid.UUID) -> Sequence[Candidate]:
    return (await session.scalars(
        select(Candidate).where(Candidate.engineer_id == engineer_id)
        .order_by(Candidate.created_at)
    )).all()
