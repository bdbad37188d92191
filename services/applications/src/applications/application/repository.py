"""Queries on applications."""

import uuid
from collections.abc import Sequence

from kit.pagination import PageParams, paginate
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import Application


async def get(
    session: AsyncSession, application_id: uuid.UUID, *, for_update: bool = False
) -> Application | None:
    return await session.get(Application, application_id, with_for_update=for_update)


async def list_page(
    session: AsyncSession,
    params: PageParams,
    *,
    applicant_id: str | None = None,
    society_code: str | None = None,
    status: str | None = None,
) -> Sequence[Application]:
    query = select(Application)
    if applicant_id is not None:
        query = query.where(Application.applicant_id == applicant_id)
    if society_code is not None:
        query = query.where(Application.society_code == society_code)
    if status is not None:
        query = query.where(Application.status == status)
    query = paginate(query, Application.created_at, Application.id, params)
    return (await session.scalars(query)).all()
