"""Evaluation batches: every accepted application joins its society's open batch."""

import uuid

from kit import clock
from kit.auth import Principal, Role
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.audit import service as audit
from evaluation.batches import repository
from evaluation.batches.errors import BatchNotFound
from evaluation.batches.schemas import BatchIn, BatchOut
from evaluation.models import Batch


async def current_batch(session: AsyncSession, society_code: str) -> Batch:
    """The society's open batch, opened with a default name when there is none."""
    batch = await repository.open_batch(session, society_code)
    if batch is None:
        now = clock.now()
        number = await repository.count_for_society(session, society_code) + 1
        year = clock.china_date(now).year
        batch = Batch(
            id=uuid.uuid4(), society_code=society_code, status="open", opened_at=now,
            name=f"{year}年第{number}批 / {year} batch {number}",
        )
        session.add(batch)
        await session.flush()
    return batch


async def open_new_batch(session: AsyncSession, principal: Principal, body: BatchIn) -> Batch:
    """Close the society's open batch to new cases and open a new one."""
    society = str(principal.society)
    now = clock.now()
    previous = await repository.open_batch(session, society)
    if previous is not None:
        previous.status = "closed"
        previous.closed_at = now
        await session.flush()
    batch = Batch(id=uuid.uuid4(), society_code=society, name=body.name, status="open",
                  opened_at=now)
    session.add(batch)
    await audit.record(session, "batch.opened", principal=principal, society_code=society,
                       batch_id=batch.id, name=body.name,
                       closed=str(previous.id) if previous else None)
    await session.flush()
    return batch


async def describe(session: AsyncSession, batches: list[Batch]) -> list[BatchOut]:
    counts = await repository.case_counts(session, [b.id for b in batches])
    return [
        BatchOut.model_validate(b).model_copy(update={"cases_by_status": counts.get(b.id, {})})
        for b in batches
    ]


async def get_batch(session: AsyncSession, principal: Principal, batch_id: uuid.UUID) -> Batch:
    batch = await repository.get(session, batch_id)
    if batch is None or (
        principal.role is Role.SOCIETY_ADMIN and batch.society_code != principal.society
    ):
        raise BatchNotFound(f"批次 {batch_id} 不存在 / No such batch.")
    return batch
