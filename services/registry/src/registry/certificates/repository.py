"""Queries on members, certificates and their history."""

import uuid
from collections.abc import Sequence
from datetime import date

from kit.pagination import PageParams, next_cursor, paginate
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Certificate, CertificateChange, CertificateSequence, Member


async def get_member_by_applicant(
    session: AsyncSession, applicant_id: str, *, for_update: bool = False
) -> Member | None:
    query = select(Member).where(Member.applicant_id == applicant_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def get_certificate_by_case(session: AsyncSession, case_id: uuid.UUID) -> Certificate | None:
    return await session.scalar(select(Certificate).where(Certificate.case_id == case_id))


async def get_certificate_by_number(
    session: AsyncSession, number: str, *, for_update: bool = False
) -> Certificate | None:
    query = select(Certificate).where(Certificate.number == number)
    if for_update:
        query = query.with_for_update(of=Certificate)
    return await session.scalar(query)


async def get_certificate(session: AsyncSession, certificate_id: uuid.UUID) -> Certificate | None:
    return await session.get(Certificate, certificate_id)


async def get_certificate_by_status_index(session: AsyncSession, index: int
                                          ) -> Certificate | None:
    return await session.scalar(select(Certificate).where(Certificate.status_index == index))


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


async def list_member_certificates(session: AsyncSession, applicant_id: str,
                                   *, for_update: bool = False) -> list[Certificate]:
    query = (
        select(Certificate)
        .join(Member)
        .where(Member.applicant_id == applicant_id)
        .order_by(Certificate.issued_on, Certificate.number)
    )
    if for_update:
        query = query.with_for_update(of=Certificate)
    return list((await session.scalars(query)).unique().all())


async def member_certificates_page(session: AsyncSession, applicant_id: str,
                                   params: PageParams) -> tuple[list[Certificate], str | None]:
    """A member's certificates, newest first, one page at a time."""
    query = select(Certificate).join(Member).where(Member.applicant_id == applicant_id)
    query = paginate(query, Certificate.created_at, Certificate.id, params)
    return next_cursor(list((await session.scalars(query)).unique().all()), params)


async def history(session: AsyncSession, certificate_id: uuid.UUID) -> list[CertificateChange]:
    query = (select(CertificateChange).where(CertificateChange.certificate_id == certificate_id)
             .order_by(CertificateChange.seq))
    return list((await session.scalars(query)).all())


async def changes_since(session: AsyncSession, since: int, limit: int
                        ) -> Sequence[tuple[CertificateChange, Certificate]]:
    query = (
        select(CertificateChange, Certificate)
        .join(Certificate, Certificate.id == CertificateChange.certificate_id)
        .where(CertificateChange.seq > since)
        .order_by(CertificateChange.seq)
        .limit(limit)
    )
    return [(change, certificate) for change, certificate in (await session.execute(query)).all()]


async def due_for_expiry(session: AsyncSession, today: date) -> list[Certificate]:
    """Valid or suspended certificates whose last valid day is before `today` (China date)."""
    query = (
        select(Certificate)
        .where(Certificate.status.in_(("valid", "suspended")), Certificate.valid_until < today)
        .order_by(Certificate.valid_until)
        .limit(1000)
        .with_for_update(of=Certificate, skip_locked=True)
    )
    return list((await session.scalars(query)).unique().all())


async def valid_ending_between(session: AsyncSession, start: date, end: date
                               ) -> list[Certificate]:
    query = (
        select(Certificate)
        .where(Certificate.status == "valid", Certificate.valid_until >= start,
               Certificate.valid_until <= end)
        .order_by(Certificate.valid_until)
    )
    return list((await session.scalars(query)).unique().all())


async def status_indices(session: AsyncSession, statuses: Sequence[str]) -> list[int]:
    query = select(Certificate.status_index).where(Certificate.status.in_(statuses))
    return list((await session.scalars(query)).all())


async def search(
    session: AsyncSession, *, number: str | None, name: str | None, society: str | None,
    field: str | None, level: str | None, after_number: str | None, limit: int,
) -> list[Certificate]:
    query = select(Certificate).join(Member)
    if number is not None:
        query = query.where(Certificate.number == number)
    if name is not None:
        query = query.where(func.lower(Member.name) == name.lower())
    if society is not None:
        query = query.where(Certificate.society_code == society)
    if field is not None:
        query = query.where(Certificate.field_code == field)
    if level is not None:
        query = query.where(Certificate.level == level)
    if after_number is not None:
        query = query.where(Certificate.number > after_number)
    query = query.order_by(Certificate.number).limit(limit + 1)
    return list((await session.scalars(query)).unique().all())


async def society_certificates(session: AsyncSession, society: str | None) -> list[Certificate]:
    """Every certificate of a society (of all societies for None), by number."""
    query = select(Certificate).order_by(Certificate.number)
    if society is not None:
        query = query.where(Certificate.society_code == society)
    return list((await session.scalars(query)).all())
