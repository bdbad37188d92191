"""Queries on the audit trail."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.models import AuditEntry


async def for_case(session: AsyncSession, case_id: uuid.UUID) -> Sequence[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.case_id == case_id)
    return (await session.scalars(query.order_by(AuditEntry.seq))).all()
