"""Queries on evidence files and their download audit."""

import uuid
from collections.abc import Sequence

from kit.pagination import PageParams, decode_cursor, paginate
from sqlalchemy import and_, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import EvidenceDownload, EvidenceFile, PanelMember


async def get(session: AsyncSession, evidence_id: uuid.UUID) -> EvidenceFile | None:
    return await session.get(EvidenceFile, evidence_id)


async def page_of_application(session: AsyncSession, application_id: uuid.UUID,
                              params: PageParams) -> Sequence[EvidenceFile]:
    """One page of the application's files, newest first, with one look-ahead row."""
    query = select(EvidenceFile).where(EvidenceFile.application_id == application_id,
                                       EvidenceFile.deleted_at.is_(None))
    return (await session.scalars(
        paginate(query, EvidenceFile.created_at, EvidenceFile.id, params)
    )).all()


async def kinds_of(session: AsyncSession, application_id: uuid.UUID) -> Sequence[str]:
    return (await session.scalars(
        select(EvidenceFile.kind).where(EvidenceFile.application_id == application_id,
                                        EvidenceFile.deleted_at.is_(None))
    )).all()


async def of_round(session: AsyncSession, application_id: uuid.UUID, round_: int
                   ) -> Sequence[EvidenceFile]:
    return (await session.scalars(
        select(EvidenceFile).where(EvidenceFile.application_id == application_id,
                                   EvidenceFile.supplement_round == round_,
                                   EvidenceFile.deleted_at.is_(None))
        .order_by(EvidenceFile.created_at, EvidenceFile.id)
    )).all()


async def downloads(session: AsyncSession, application_id: uuid.UUID, params: PageParams
                    ) -> Sequence[EvidenceDownload]:
    """One page of the audit log, newest first over (downloaded_at, id), with one look-ahead
    row; the cursor is the kit's, over downloaded_at."""
    query = select(EvidenceDownload).where(EvidenceDownload.application_id == application_id)
    if params.cursor:
        after_at, after_id = decode_cursor(params.cursor)
        query = query.where(or_(
            EvidenceDownload.downloaded_at < after_at,
            and_(EvidenceDownload.downloaded_at == after_at, EvidenceDownload.id < after_id)))
    return (await session.scalars(
        query.order_by(EvidenceDownload.downloaded_at.desc(), EvidenceDownload.id.desc())
        .limit(params.limit + 1)
    )).all()


async def replace_panel(session: AsyncSession, application_id: uuid.UUID,
                        members: list[PanelMember]) -> None:
    await session.execute(delete(PanelMember).where(PanelMember.application_id == application_id))
    session.add_all(members)
    await session.flush()

