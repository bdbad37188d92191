"""Queries on evaluation cases."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from kit.pagination import PageParams, paginate
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.models import BarredApplicant, Case, Examiner, PanelSeat, SocietyPolicy

CLOSED_STATUSES = ("approved", "failed", "withdrawn")
DEFAULT_AT_RISK_DAYS = 30


async def get(session: AsyncSession, case_id: uuid.UUID, *, for_update: bool = False
              ) -> Case | None:
    return await session.get(Case, case_id, with_for_update=for_update)


async def get_by_application(session: AsyncSession, application_id: uuid.UUID) -> Case | None:
    return await session.scalar(select(Case).where(Case.application_id == application_id))


async def open_cases_of_applicant(session: AsyncSession, applicant_id: str
                                  ) -> Sequence[Case]:
    """The applicant's cases not yet closed, locked for the caller's change."""
    query = (
        select(Case)
        .where(Case.applicant_id == applicant_id, Case.status.not_in(CLOSED_STATUSES))
        .order_by(Case.created_at, Case.id)
        .with_for_update()
    )
    return (await session.scalars(query)).all()


async def lock_applicant(session: AsyncSession, applicant_id: str) -> None:
    """Serialise a ban and a new case of one person (two consumers may handle them at once):
    whichever commits second sees the other."""
    await session.execute(select(func.pg_advisory_xact_lock(
        func.hashtext("evaluation.applicant:" + applicant_id))))


async def barred(session: AsyncSession, applicant_id: str) -> BarredApplicant | None:
    return await session.get(BarredApplicant, applicant_id)


async def record_bar(session: AsyncSession, applicant_id: str, reason: str,
                     barred_at: datetime, recorded_at: datetime) -> None:
    """Remember the ban; a replayed or repeated one keeps the first."""
    await session.execute(
        insert(BarredApplicant)
        .values(applicant_id=applicant_id, reason=reason, barred_at=barred_at,
                recorded_at=recorded_at)
        .on_conflict_do_nothing(index_elements=["applicant_id"])
    )


async def list_cases(
    session: AsyncSession,
    *,
    society_code: str | None,
    application_id: uuid.UUID | None,
    params: PageParams,
    applicant_id: str | None = None,
    cleared_examiner: str | None = None,
    status: str | None = None,
    batch_id: uuid.UUID | None = None,
    overdue_on: date | None = None,
    at_risk_on: date | None = None,
) -> Sequence[Case]:
    """A page of cases newest first (with one look-ahead row); `overdue_on` / `at_risk_on`
    keep the open cases past their deadline / within their society's at-risk days of it on
    that date."""
    query = select(Case)
    if society_code is not None:
        query = query.where(Case.society_code == society_code)
    if application_id is not None:
        query = query.where(Case.application_id == application_id)
    if applicant_id is not None:
        query = query.where(Case.applicant_id == applicant_id)
    if status is not None:
        query = query.where(Case.status == status)
    if batch_id is not None:
        query = query.where(Case.batch_id == batch_id)
    if cleared_examiner is not None:
        seats = (
            select(PanelSeat.case_id)
            .join(Examiner, Examiner.id == PanelSeat.examiner_id)
            .where(Examiner.subject == cleared_examiner, PanelSeat.status == "cleared")
        )
        query = query.where(Case.id.in_(seats))
    if overdue_on is not None or at_risk_on is not None:
        query = query.where(Case.status.not_in(CLOSED_STATUSES))
    if overdue_on is not None:
        query = query.where(Case.deadline < overdue_on)
    if at_risk_on is not None:
        at_risk_days = func.coalesce(SocietyPolicy.at_risk_days, DEFAULT_AT_RISK_DAYS)
        query = query.outerjoin(
            SocietyPolicy, SocietyPolicy.society_code == Case.society_code
        ).where(Case.deadline >= at_risk_on, Case.deadline - at_risk_days <= at_risk_on)
    return (await session.scalars(paginate(query, Case.created_at, Case.id, params))).all()
