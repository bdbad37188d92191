"""Queries on evaluation cases."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.models import Case


async def get(session: AsyncSession, case_id: uuid.UUID, *, for_update: bool = False
              ) -> Case | None:
    return await session.get(Case, case_id, with_for_update=for_update)


async def get_by_application(session: AsyncSession, application_id: uuid.UUID) -> Case | None:
    return await session.scalar(select(Case).where(Case.application_id == application_id))


async def list_cases(
    session: AsyncSession, *, society_code: str | None, application_id: uuid.UUID | None,
    limit: int,
) -> Sequence[Case]:
    query = select(Case).order_by(Case.created_at.desc(), Case.id.desc()).limit(limit)
    if society_code is not None:
        query = query.where(Case.society_code == society_code)
    if application_id is not None:
        query = query.where(Case.application_id == application_id)
    return (await session.scalars(query)).all()
