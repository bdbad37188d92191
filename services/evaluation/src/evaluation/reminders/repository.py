"""Queries of the reminder job: what is due, and the occasions already reminded."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.cases.repository import CLOSED_STATUSES, DEFAULT_AT_RISK_DAYS
from evaluation.models import Case, ReminderSent, SocietyPolicy

DEFAULT_EXAMINER_DAYS = 14


async def cases_with_examiner_work_due(session: AsyncSession, today: date
                                       ) -> Sequence[Case]:
    """Cases in materials review or assessment within their society's examiner reminder days
    of the case deadline (and not past it)."""
    days = func.coalesce(SocietyPolicy.examiner_reminder_days, DEFAULT_EXAMINER_DAYS)
    query = (
        select(Case)
        .outerjoin(SocietyPolicy, SocietyPolicy.society_code == Case.society_code)
        .where(Case.status.in_(("materials_review", "assessment")),
               Case.deadline >= today, Case.deadline - days <= today)
        .order_by(Case.deadline, Case.id)
    )
    return (await session.scalars(query)).all()


async def cases_at_risk(session: AsyncSession, today: date) -> Sequence[Case]:
    """Open cases within their society's at-risk days of the 6-month limit, or past it."""
    days = func.coalesce(SocietyPolicy.at_risk_days, DEFAULT_AT_RISK_DAYS)
    query = (
        select(Case)
        .outerjoin(SocietyPolicy, SocietyPolicy.society_code == Case.society_code)
        .where(Case.status.not_in(CLOSED_STATUSES), Case.deadline - days <= today)
        .order_by(Case.deadline, Case.id)
    )
    return (await session.scalars(query)).all()


async def cases_awaiting_supplement(session: AsyncSession) -> Sequence[Case]:
    query = select(Case).where(Case.status == "supplement_requested").order_by(Case.id)
    return (await session.scalars(query)).all()


async def claim_occasion(session: AsyncSession, *, occasion: str, kind: str,
                         case_id: uuid.UUID, recipient: str, due_on: date, now: datetime
                         ) -> bool:
    """True for the one transaction that records the occasion first; every later (or
    concurrent) one gets False and sends nothing."""
    claimed = await session.scalar(
        insert(ReminderSent)
        .values(occasion=occasion, kind=kind, case_id=case_id, recipient=recipient,
                due_on=due_on, sent_at=now)
        .on_conflict_do_nothing(index_elements=["occasion"])
        .returning(ReminderSent.occasion)
    )
    return claimed is not None
