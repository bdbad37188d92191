"""Queries on examiners' scores."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight.models import ExaminerScore


async def add_score(session: AsyncSession, values: dict[str, Any]) -> None:
    # A score is submitted once and then locked; a redelivery changes nothing.
    await session.execute(insert(ExaminerScore).values(values).on_conflict_do_nothing())


async def scores(session: AsyncSession, kind: str, society_code: str | None
                 ) -> Sequence[ExaminerScore]:
    query = select(ExaminerScore).where(ExaminerScore.kind == kind)
    if society_code is not None:
        query = query.where(ExaminerScore.society_code == society_code)
    return (await session.scalars(query)).all()
