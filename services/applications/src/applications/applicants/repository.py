"""Queries on applicant profiles."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import ApplicantProfile


async def get(session: AsyncSession, applicant_id: str) -> ApplicantProfile | None:
    return await session.get(ApplicantProfile, applicant_id)


async def by_identity(session: AsyncSession, id_number_index: str) -> ApplicantProfile | None:
    return await session.scalar(
        select(ApplicantProfile).where(ApplicantProfile.id_number_index == id_number_index)
    )
