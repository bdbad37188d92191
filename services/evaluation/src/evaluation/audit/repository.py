"""Queries on the audit trail."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.models import AuditEntry


async def for_case(session: AsyncSession, case_id: uuid.UUID, *, after_seq: int | None = None,
                   limit: int | None = None) -> Sequence[AuditEntry]:
    """The case's entries in the order they were made, after `after_seq` if given."""
    query = select(AuditEntry).where(AuditEntry.case_id == case_id)
    if after_seq is not None:
        query = query.where(AuditEntry.seq > after_seq)
    query = query.order_by(AuditEntry.seq)
    if limit is not None:
        query = query.limit(limit)
    return (await session.scalars(query)).all()
