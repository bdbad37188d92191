"""Which enterprise recommended which candidate and application: the service's own record,
built from events, since later events carry the application or the applicant only."""

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.models import TrackedApplication, TrackedCandidate, TrackedPanel


async def track_candidate(session: AsyncSession, candidate_id: uuid.UUID, enterprise_id: str
                          ) -> None:
    await session.execute(insert(TrackedCandidate).values(
        candidate_id=candidate_id, enterprise_id=enterprise_id).on_conflict_do_nothing())


async def enterprise_of_candidate(session: AsyncSession, candidate_id: uuid.UUID) -> str | None:
    query = select(TrackedCandidate.enterprise_id).where(
        TrackedCandidate.candidate_id == candidate_id)
    return await session.scalar(query)


async def track_application(session: AsyncSession, application_id: uuid.UUID,
                            applicant_id: str, enterprise_id: str) -> None:
    await session.execute(insert(TrackedApplication).values(
        application_id=application_id, applicant_id=applicant_id, enterprise_id=enterprise_id,
    ).on_conflict_do_nothing())


async def enterprise_of_application(session: AsyncSession, application_id: uuid.UUID
                                    ) -> str | None:
    query = select(TrackedApplication.enterprise_id).where(
        TrackedApplication.application_id == application_id)
    return await session.scalar(query)


async def enterprise_of_applicant(session: AsyncSession, applicant_id: str) -> str | None:
    query = select(TrackedApplication.enterprise_id).where(
        TrackedApplication.applicant_id == applicant_id,
        TrackedApplication.enterprise_id != "").limit(1)
    return await session.scalar(query)


async def track_panel(session: AsyncSession, case_id: uuid.UUID, examiner_ids: list[str]
                      ) -> None:
    """The latest announced panel of a case replaces the one before."""
    statement = insert(TrackedPanel).values(case_id=case_id, examiner_ids=examiner_ids)
    await session.execute(statement.on_conflict_do_update(
        index_elements=[TrackedPanel.case_id], set_={"examiner_ids": examiner_ids}))


async def panel_of(session: AsyncSession, case_id: uuid.UUID) -> list[str]:
    query = select(TrackedPanel.examiner_ids).where(TrackedPanel.case_id == case_id)
    return list(await session.scalar(query) or [])
