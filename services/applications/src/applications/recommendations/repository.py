"""Queries on recommendations, candidates and the engineers they name."""

import uuid
from collections.abc import Collection, Sequence

from kit.pagination import PageParams, paginate
from sqlalchemy import or_, select
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


async def get_engineer(session: AsyncSession, engineer_id: uuid.UUID
                       ) -> RecommendedEngineer | None:
    return await session.get(RecommendedEngineer, engineer_id)


async def engineers_by_indexes(
    session: AsyncSession, name_indexes: Collection[str], identity_indexes: Collection[str]
) -> Sequence[RecommendedEngineer]:
    """Engineers known by any of these name + mobile or identity indexes, oldest first."""
    conditions = []
    if name_indexes:
        conditions.append(RecommendedEngineer.name_mobile_index.in_(name_indexes))
    if identity_indexes:
        conditions.append(RecommendedEngineer.identity_index.in_(identity_indexes))
    if not conditions:
        return []
    query = select(RecommendedEngineer).where(or_(*conditions))
    return (await session.scalars(query.order_by(RecommendedEngineer.created_at))).all()


async def open_candidates_of(
    session: AsyncSession, engineer_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, uuid.UUID]:
    """Each engineer's earliest candidate still under consideration (pending or accepted)."""
    if not engineer_ids:
        return {}
    rows = await session.execute(
        select(Candidate.engineer_id, Candidate.id)
        .where(Candidate.engineer_id.in_(engineer_ids), Candidate.status.in_(OPEN_STATUSES))
        .order_by(Candidate.created_at)
    )
    earliest: dict[uuid.UUID, uuid.UUID] = {}
    for engineer_id, candidate_id in rows.all():
        earliest.setdefault(engineer_id, candidate_id)
    return earliest


async def claimed_or_identified(session: AsyncSession, applicant_id: str,
                                identity_index: str | None) -> Sequence[Candidate]:
    """Candidates an applicant claimed with a code, or whose engineer carries their identity
    number; oldest first."""
    conditions = [Candidate.claimed_by == applicant_id]
    if identity_index is not None:
        conditions.append(Candidate.engineer_id.in_(
            select(RecommendedEngineer.id)
            .where(RecommendedEngineer.identity_index == identity_index)
        ))
    return (await session.scalars(
        select(Candidate).where(or_(*conditions)).order_by(Candidate.created_at)
    )).all()


async def by_claim_code(session: AsyncSession, code_index: str) -> Candidate | None:
    return await session.scalar(
        select(Candidate).where(Candidate.claim_code_index == code_index).with_for_update()
    )


async def candidates_of(session: AsyncSession, engineer_id: uuid.UUID) -> Sequence[Candidate]:
    return (await session.scalars(
        select(Candidate).where(Candidate.engineer_id == engineer_id)
        .order_by(Candidate.created_at)
    )).all()
