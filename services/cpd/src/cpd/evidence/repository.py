"""Queries on evidence files and their download audit."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from cpd.models import CpdEvidenceDownload, CpdEvidenceFile


async def get(session: AsyncSession, ledger_id: uuid.UUID, evidence_id: uuid.UUID, *,
              with_bytes: bool = False) -> CpdEvidenceFile | None:
    query = select(CpdEvidenceFile).where(CpdEvidenceFile.id == evidence_id,
                                          CpdEvidenceFile.ledger_id == ledger_id,
                                          CpdEvidenceFile.deleted_at.is_(None))
    if with_bytes:
        query = query.options(undefer(CpdEvidenceFile.sealed))
    return await session.scalar(query)


async def of_ledger(session: AsyncSession, ledger_id: uuid.UUID) -> Sequence[CpdEvidenceFile]:
    return (await session.scalars(
        select(CpdEvidenceFile).where(CpdEvidenceFile.ledger_id == ledger_id,
                                      CpdEvidenceFile.deleted_at.is_(None))
        .order_by(CpdEvidenceFile.created_at, CpdEvidenceFile.id)
    )).all()


async def downloads(session: AsyncSession, ledger_id: uuid.UUID
                    ) -> Sequence[CpdEvidenceDownload]:
    return (await session.scalars(
        select(CpdEvidenceDownload).join(
            CpdEvidenceFile, CpdEvidenceFile.id == CpdEvidenceDownload.evidence_id)
        .where(CpdEvidenceFile.ledger_id == ledger_id)
        .order_by(CpdEvidenceDownload.downloaded_at.desc())
    )).all()
