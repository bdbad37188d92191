"""Queries on complaints, their history and attachments."""

import uuid
from collections.abc import Sequence
from datetime import date

from kit.pagination import PageParams, paginate
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from oversight.models import Complaint, ComplaintAttachment, ComplaintStep


async def get(session: AsyncSession, complaint_id: uuid.UUID, *, for_update: bool = False
              ) -> Complaint | None:
    query = select(Complaint).where(Complaint.id == complaint_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def by_tracking_code(session: AsyncSession, code: str) -> Complaint | None:
    return await session.scalar(select(Complaint).where(Complaint.tracking_code == code))


def _page(query: Select[Complaint], params: PageParams) -> Select[Complaint]:
    return paginate(query, Complaint.created_at, Complaint.id, params)


async def list_all(session: AsyncSession, *, status: str | None, society_code: str | None,
                   overdue_on: date | None, params: PageParams) -> Sequence[Complaint]:
    """One page, newest first, with the look-ahead row `kit.pagination.next_cursor` trims."""
    query = select(Complaint)
    if overdue_on is not None:
        query = query.where(Complaint.answer_due < overdue_on, Complaint.status != "answered")
    if status is not None:
        query = query.where(Complaint.status == status)
    if society_code is not None:
        query = query.where(Complaint.society_code == society_code)
    return (await session.scalars(_page(query, params))).all()


async def of_complainant(session: AsyncSession, subject: str, params: PageParams
                         ) -> Sequence[Complaint]:
    return (await session.scalars(_page(
        select(Complaint).where(Complaint.complainant_subject == subject), params))).all()


async def asked_of_society(session: AsyncSession, society_code: str, params: PageParams
                           ) -> Sequence[Complaint]:
    return (await session.scalars(_page(
        select(Complaint).where(Complaint.society_code == society_code,
                                Complaint.statement_request.is_not(None)), params))).all()


async def steps(session: AsyncSession, complaint_id: uuid.UUID) -> Sequence[ComplaintStep]:
    return (await session.scalars(
        select(ComplaintStep).where(ComplaintStep.complaint_id == complaint_id)
        .order_by(ComplaintStep.at, ComplaintStep.id)
    )).all()


async def attachments(session: AsyncSession, complaint_id: uuid.UUID
                      ) -> Sequence[ComplaintAttachment]:
    # Metadata only: the sealed bytes stay in the database until one is downloaded.
    return (await session.scalars(
        select(ComplaintAttachment).where(ComplaintAttachment.complaint_id == complaint_id)
        .order_by(ComplaintAttachment.created_at)
    )).all()


async def attachment_count(session: AsyncSession, complaint_id: uuid.UUID) -> int:
    return int(await session.scalar(
        select(func.count()).select_from(ComplaintAttachment)
        .where(ComplaintAttachment.complaint_id == complaint_id)
    ) or 0)


async def attachment(session: AsyncSession, complaint_id: uuid.UUID, attachment_id: uuid.UUID
                     ) -> ComplaintAttachment | None:
    return await session.scalar(select(ComplaintAttachment).options(
        undefer(ComplaintAttachment.sealed)).where(
        ComplaintAttachment.id == attachment_id,
        ComplaintAttachment.complaint_id == complaint_id,
    ))
