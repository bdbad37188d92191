"""Queries on evidence files and their download audit."""

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import EvidenceDownload, EvidenceFile, PanelMember


async def get(session: AsyncSession, evidence_id: uuid.UUID) -> EvidenceFile | None:
    return await session.get(EvidenceFile, evidence_id)


async def of_application(session: AsyncSession, application_id: uuid.UUID
                         ) -> Sequence[EvidenceFile]:
    return (await session.scalars(
        select(EvidenceFile).where(EvidenceFile.application_id == application_id,
                                   EvidenceFile.deleted_at.is_(None))
        .order_by(EvidenceFile.created_at, EvidenceFile.id)
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


async def downloads(session: AsyncSession, application_id: uuid.UUID
                    ) -> Sequence[EvidenceDownload]:
    return (await session.scalars(
        select(EvidenceDownload).where(EvidenceDownload.application_id == application_id)
        .order_by(EvidenceDownload.downloaded_at.desc())
    )).all()


async def replace_panel(session: AsyncSession, application_id: uuid.UUID,
                        members: list[PanelMember]) -> None:
    await session.execute(delete(PanelMember).where(PanelMember.application_id == application_id))
    session.add_all(members)
    await session.flush()

