"""Queries on evidence files and their download audit."""

import uuid
from collections.abc import Sequence

from kit.pagination import PageParams, paginate
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


async def page_of_ledger(session: AsyncSession, ledger_id: uuid.UUID, params: PageParams
                         ) -> Sequence[CpdEvidenceFile]:
    """One page, newest upload first (and one row more, to tell whether another follows)."""
    return (await session.scalars(paginate(
        select(CpdEvidenceFile).where(CpdEvidenceFile.ledger_id == ledger_id,
                                      CpdEvidenceFile.deleted_at.is_(None)),
        CpdEvidenceFile.created_at, CpdEvidenceFile.id, params))).all()


async def downloads(session: AsyncSession, ledger_id: uuid.UUID, params: PageParams
                    ) -> Sequence[CpdEvidenceDownload]:
    """One page of the log, latest read first (and one row more)."""
    query = (select(CpdEvidenceDownload)
             .join(CpdEvidenceFile, CpdEvidenceFile.id == CpdEvidenceDownload.evidence_id)
             .where(CpdEvidenceFile.ledger_id == ledger_id))
    # Latest first, `downloaded_at` standing in for `created_at`.
    return (await session.scalars(paginate(query, CpdEvidenceDownload.downloaded_at,
                                           CpdEvidenceDownload.id, params))).all()
