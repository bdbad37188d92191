"""Queries on applications and the supplement requests on them."""

import functools
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from kit.pagination import PageParams, paginate
from sqlalchemy import Row, Select, bindparam, delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from applications.models import (
    Application,
    EvidenceDownload,
    EvidenceFile,
    PanelMember,
    SentReminder,
    SupplementRequest,
)


async def get(
    session: AsyncSession, application_id: uuid.UUID, *, for_update: bool = False
) -> Application | None:
    return await session.get(Application, application_id, with_for_update=for_update)


async def get_out_row(
    connection: AsyncConnection, application_id: uuid.UUID, columns: tuple[str, ...]
) -> Row[Any] | None:
    """One application's `columns` as a Core row (no ORM instance), or None."""
    result = await connection.execute(_columns_by_id(columns), {"id": application_id})
    row: Row[Any] | None = result.first()
    return row


@functools.cache
def _columns_by_id(columns: tuple[str, ...]) -> Select[Any]:
    table = Application.__table__
    return select(*(table.c[name] for name in columns)).where(table.c.id == bindparam("id"))


async def list_page(
    session: AsyncSession,
    params: PageParams,
    *,
    applicant_id: str | None = None,
    society_code: str | None = None,
    examiner_id: str | None = None,
    status: str | None = None,
    with_drafts: bool = False,
) -> Sequence[Application]:
    query = select(Application)
    if not with_drafts:
        query = query.where(Application.status != "draft")
    if applicant_id is not None:
        query = query.where(Application.applicant_id == applicant_id)
    if society_code is not None:
        query = query.where(Application.society_code == society_code)
    if examiner_id is not None:
        query = query.join(PanelMember, PanelMember.application_id == Application.id).where(
            PanelMember.examiner_id == examiner_id
        )
    if status is not None:
        query = query.where(Application.status == status)
    query = paginate(query, Application.created_at, Application.id, params)
    return (await session.scalars(query)).all()


async def delete_draft(session: AsyncSession, application: Application) -> list[str]:
    """Delete a draft with its evidence rows (and their audit rows: only the applicant could
    read a draft's files); returns the files' storage keys."""
    keys = list((await session.scalars(
        select(EvidenceFile.storage_key).where(EvidenceFile.application_id == application.id)
    )).all())
    for table in (EvidenceDownload, EvidenceFile, SupplementRequest, PanelMember):
        await session.execute(delete(table).where(table.application_id == application.id))
    await session.delete(application)
    return keys


async def overdue_returns(session: AsyncSession, before: date) -> Sequence[Application]:
    """Returned applications whose resubmission day has passed; rows locked, others skipped."""
    return (await session.scalars(
        select(Application)
        .where(Application.status == "returned", Application.resubmit_by < before)
        .order_by(Application.resubmit_by)
        .with_for_update(skip_locked=True)
    )).all()


async def latest_for_candidates(session: AsyncSession, candidate_ids: Sequence[uuid.UUID]
                                ) -> dict[uuid.UUID, Application]:
    """Each candidate's latest submitted application (a draft is the applicant's own)."""
    if not candidate_ids:
        return {}
    rows = await session.scalars(
        select(Application)
        .where(Application.candidate_id.in_(candidate_ids), Application.status != "draft")
        .order_by(Application.created_at)
    )
    return {a.candidate_id: a for a in rows if a.candidate_id is not None}


async def by_case(session: AsyncSession, case_id: uuid.UUID) -> Application | None:
    return await session.scalar(
        select(Application).where(Application.case_id == case_id).with_for_update()
    )


async def own_for_candidate(session: AsyncSession, applicant_id: str, candidate_id: uuid.UUID
                            ) -> Application | None:
    return await session.scalar(
        select(Application)
        .where(Application.applicant_id == applicant_id,
               Application.candidate_id == candidate_id)
        .order_by(Application.created_at.desc()).limit(1)
    )


async def others_on_candidate(session: AsyncSession, applicant_id: str,
                              candidate_id: uuid.UUID) -> bool:
    """Whether someone else already submitted an application on this recommendation (a draft
    proves nothing, so nobody can block the engineer by starting one)."""
    found = await session.scalar(
        select(Application.id).where(Application.candidate_id == candidate_id,
                                     Application.applicant_id != applicant_id,
                                     Application.status != "draft").limit(1)
    )
    return found is not None


async def registered_by(session: AsyncSession, *, applicant_id: str, society_code: str,
                        level: str, field_code: str) -> Application | None:
    """The application a certificate registers: the applicant's latest one for that society,
    level and field that passed evaluation (for a certificate.issued published before the
    event named its application)."""
    return await session.scalar(
        select(Application)
        .where(Application.applicant_id == applicant_id,
               Application.society_code == society_code, Application.level == level,
               Application.field_code == field_code,
               Application.status.in_(("passed", "on_public_notice", "approved", "registered")),
               Application.certificate_number.is_(None))
        .order_by(Application.accepted_at.desc())
        .limit(1)
        .with_for_update()
    )


async def returned_due_by(session: AsyncSession, today: date, last_day: date
                          ) -> Sequence[Application]:
    """Returned applications whose resubmission deadline falls between the two days."""
    return (await session.scalars(
        select(Application)
        .where(Application.status == "returned", Application.resubmit_by >= today,
               Application.resubmit_by <= last_day)
        .order_by(Application.resubmit_by, Application.id)
    )).all()


async def record_reminder(session: AsyncSession, occasion: str, kind: str, at: datetime
                          ) -> bool:
    """True the first time an occasion is recorded; a second run (or replica) finds it."""
    inserted = await session.execute(
        insert(SentReminder).values(occasion=occasion, kind=kind, sent_at=at)
        .on_conflict_do_nothing().returning(SentReminder.occasion)
    )
    return inserted.first() is not None


async def is_on_panel(session: AsyncSession | AsyncConnection, application_id: uuid.UUID,
                      examiner_id: str) -> bool:
    found = await session.scalar(
        select(PanelMember.examiner_id).where(
            PanelMember.application_id == application_id, PanelMember.examiner_id == examiner_id
        )
    )
    return found is not None


async def supplements(session: AsyncSession, application_id: uuid.UUID
                      ) -> Sequence[SupplementRequest]:
    return (await session.scalars(
        select(SupplementRequest).where(SupplementRequest.application_id == application_id)
        .order_by(SupplementRequest.round)
    )).all()


async def supplement(session: AsyncSession, application_id: uuid.UUID, round_: int,
                     *, for_update: bool = False) -> SupplementRequest | None:
    query = select(SupplementRequest).where(
        SupplementRequest.application_id == application_id, SupplementRequest.round == round_
    )
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def open_supplement(session: AsyncSession, application_id: uuid.UUID
                          ) -> SupplementRequest | None:
    return await session.scalar(
        select(SupplementRequest)
        .where(SupplementRequest.application_id == application_id,
               SupplementRequest.submitted_at.is_(None))
        .order_by(SupplementRequest.round.desc())
        .limit(1)
    )


async def submitted_of(session: AsyncSession, society_code: str | None,
                       submitted_from: datetime | None, submitted_before: datetime | None,
                       ) -> Sequence[Application]:
    """Every submitted (non-draft) application of a society, oldest submission first."""
    query = select(Application).where(Application.status != "draft",
                                      Application.submitted_at.is_not(None))
    if society_code is not None:
        query = query.where(Application.society_code == society_code)
    if submitted_from is not None:
        query = query.where(Application.submitted_at >= submitted_from)
    if submitted_before is not None:
        query = query.where(Application.submitted_at < submitted_before)
    return (await session.scalars(query.order_by(Application.submitted_at))).all()
