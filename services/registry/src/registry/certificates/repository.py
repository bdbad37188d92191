"""Queries on members and certificates."""

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Certificate, CertificateSequence, Member


async def get_member_by_applicant(
    session: AsyncSession, applicant_id: str, *, for_update: bool = False
) -> Member | None:
    query = select(Member).where(Member.applicant_id == applicant_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def get_certificate_by_case(session: AsyncSession, case_id: uuid.UUID) -> Certificate | None:
    return await session.scalar(select(Certificate).where(Certificate.case_id == case_id))


async def get_certificate_by_number(session: AsyncSession, number: str) -> Certificate | None:
    return await session.scalar(select(Certificate).where(Certificate.number == number))


async def next_sequence(session: AsyncSession, year: int) -> int:
    """Row-locked increment: concurrent issues get distinct, gap-free numbers."""
    statement = (
        insert(CertificateSequence)
        .values(year=year, last=1)
        .on_conflict_do_update(index_elements=["year"],
                               set_={"last": CertificateSequence.last + 1})
        .returning(CertificateSequence.last)
    )
    return int((await session.execute(statement)).scalar_one())


async def list_member_certificates(session: AsyncSession, applicant_id: str) -> list[Certificate]:
    query = (
        select(Certificate)
        .join(Member)
        .where(Member.applicant_id == applicant_id)
        .order_by(Certificate.valid_from, Certificate.number)
    )
    return list((await session.scalars(query)).all())
