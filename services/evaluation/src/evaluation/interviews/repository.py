"""Queries on interviews and their score lines."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.models import Examiner, Interview, InterviewScore


async def for_case(session: AsyncSession, case_id: uuid.UUID, *, for_update: bool = False
                   ) -> Interview | None:
    query = select(Interview).where(Interview.case_id == case_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def lines(session: AsyncSession, interview_id: uuid.UUID
                ) -> Sequence[tuple[InterviewScore, Examiner]]:
    query = (
        select(InterviewScore, Examiner)
        .join(Examiner, Examiner.id == InterviewScore.examiner_id)
        .where(InterviewScore.interview_id == interview_id)
        .order_by(Examiner.name, Examiner.id)
    )
    return [(s, e) for s, e in (await session.execute(query)).all()]


async def line_of(session: AsyncSession, interview_id: uuid.UUID, examiner_id: uuid.UUID
                  ) -> InterviewScore | None:
    query = select(InterviewScore).where(
        InterviewScore.interview_id == interview_id, InterviewScore.examiner_id == examiner_id
    )
    return await session.scalar(query)
