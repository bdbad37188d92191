"""Queries on review rounds and materials review records."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from evaluation.models import Case, Examiner, MaterialsReview, ReviewRound


async def latest_round(session: AsyncSession, case_id: uuid.UUID, *, for_update: bool = False
                       ) -> ReviewRound | None:
    query = (
        select(ReviewRound)
        .where(ReviewRound.case_id == case_id)
        .order_by(ReviewRound.number.desc())
        .limit(1)
    )
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def rounds(session: AsyncSession, case_id: uuid.UUID, *, after_number: int | None = None,
                 limit: int | None = None) -> Sequence[ReviewRound]:
    """The case's rounds by number, after `after_number` if given."""
    query = select(ReviewRound).where(ReviewRound.case_id == case_id)
    if after_number is not None:
        query = query.where(ReviewRound.number > after_number)
    query = query.order_by(ReviewRound.number)
    if limit is not None:
        query = query.limit(limit)
    return (await session.scalars(query)).all()


async def reviews_of_case(
    session: AsyncSession, case_id: uuid.UUID, *, examiner_id: uuid.UUID | None = None
) -> Sequence[tuple[MaterialsReview, Examiner]]:
    query = (
        select(MaterialsReview, Examiner)
        .join(Examiner, Examiner.id == MaterialsReview.examiner_id)
        .where(MaterialsReview.case_id == case_id)
        .order_by(MaterialsReview.round_id, Examiner.name)
    )
    if examiner_id is not None:
        query = query.where(MaterialsReview.examiner_id == examiner_id)
    return [(r, e) for r, e in (await session.execute(query)).all()]


async def reviews_of_round(session: AsyncSession, round_id: uuid.UUID
                           ) -> Sequence[MaterialsReview]:
    query = select(MaterialsReview).where(MaterialsReview.round_id == round_id)
    return (await session.scalars(query)).all()


async def review_of(
    session: AsyncSession, round_id: uuid.UUID, examiner_id: uuid.UUID
) -> MaterialsReview | None:
    query = select(MaterialsReview).where(
        MaterialsReview.round_id == round_id, MaterialsReview.examiner_id == examiner_id
    )
    return await session.scalar(query)


async def ensure_draft(session: AsyncSession, review_round: ReviewRound,
                       examiner_id: uuid.UUID) -> MaterialsReview:
    """The examiner's record for the round, a blank draft when there is none yet."""
    review = await review_of(session, review_round.id, examiner_id)
    if review is None:
        review = MaterialsReview(
            id=uuid.uuid4(), round_id=review_round.id, case_id=review_round.case_id,
            examiner_id=examiner_id, competencies={}, status="draft",
        )
        session.add(review)
        await session.flush()
    return review


async def lapsed_supplement_requests(session: AsyncSession, now: datetime
                                     ) -> Sequence[tuple[Case, ReviewRound]]:
    """Cases still waiting for a supplement whose deadline has passed, with the round that
    asked for it; locked, skipping cases another transaction is changing."""
    later = aliased(ReviewRound)
    query = (
        select(Case, ReviewRound)
        .join(ReviewRound, ReviewRound.case_id == Case.id)
        .where(
            Case.status == "supplement_requested",
            ReviewRound.outcome == "supplement_requested",
            ReviewRound.supplement_deadline <= now,
            ReviewRound.number == select(func.max(later.number))
            .where(later.case_id == Case.id).scalar_subquery(),
        )
        .order_by(ReviewRound.supplement_deadline)
        .with_for_update(of=Case, skip_locked=True)
    )
    return [(c, r) for c, r in (await session.execute(query)).all()]
