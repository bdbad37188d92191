"""Queries on examiners, their employment history and training records."""

import uuid
from collections.abc import Sequence
from datetime import date

from kit.pagination import PageParams, paginate
from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.models import Examiner, ExaminerEmployment, ExaminerTraining


async def get(session: AsyncSession, examiner_id: uuid.UUID) -> Examiner | None:
    return await session.get(Examiner, examiner_id)


async def by_subject(session: AsyncSession, society_code: str, subject: str) -> Examiner | None:
    query = select(Examiner).where(
        Examiner.society_code == society_code, Examiner.subject == subject
    )
    return await session.scalar(query)


async def list_examiners(
    session: AsyncSession, *, society_code: str | None, status: str | None = None,
    field_code: str | None = None, params: PageParams | None = None,
) -> Sequence[Examiner]:
    """A page of examiners newest first (with one look-ahead row); without `params` every
    examiner, by society and name."""
    query = select(Examiner)
    if society_code is not None:
        query = query.where(Examiner.society_code == society_code)
    if status is not None:
        query = query.where(Examiner.status == status)
    if field_code is not None:
        query = query.where(Examiner.fields.contains([field_code]))
    if params is None:
        query = query.order_by(Examiner.society_code, Examiner.name, Examiner.id)
    else:
        query = paginate(query, Examiner.created_at, Examiner.id, params)
    return (await session.scalars(query)).all()


async def employments(
    session: AsyncSession, examiner_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[ExaminerEmployment]]:
    query = (
        select(ExaminerEmployment)
        .where(ExaminerEmployment.examiner_id.in_(examiner_ids))
        .order_by(ExaminerEmployment.started_on.nulls_first(), ExaminerEmployment.id)
    )
    result: dict[uuid.UUID, list[ExaminerEmployment]] = {i: [] for i in examiner_ids}
    for row in (await session.scalars(query)).all():
        result[row.examiner_id].append(row)
    return result


async def trainings(
    session: AsyncSession, examiner_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[ExaminerTraining]]:
    query = (
        select(ExaminerTraining)
        .where(ExaminerTraining.examiner_id.in_(examiner_ids))
        .order_by(ExaminerTraining.completed_on, ExaminerTraining.id)
    )
    result: dict[uuid.UUID, list[ExaminerTraining]] = {i: [] for i in examiner_ids}
    for row in (await session.scalars(query)).all():
        result[row.examiner_id].append(row)
    return result


async def delete_employments(session: AsyncSession, examiner_id: uuid.UUID) -> None:
    for row in (await employments(session, [examiner_id]))[examiner_id]:
        await session.delete(row)


async def trained_counts(
    session: AsyncSession, *, society_code: str | None, start: date, end: date
) -> dict[str, int]:
    """Examiners per society with a training completed in [start, end]."""
    query = (
        select(Examiner.society_code, func.count(distinct(Examiner.id)))
        .join(ExaminerTraining, ExaminerTraining.examiner_id == Examiner.id)
        .where(ExaminerTraining.completed_on >= start, ExaminerTraining.completed_on <= end)
        .group_by(Examiner.society_code)
    )
    if society_code is not None:
        query = query.where(Examiner.society_code == society_code)
    return dict((await session.execute(query)).all())
