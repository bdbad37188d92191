"""Queries on CPD ledgers."""

from collections.abc import Sequence

from kit.pagination import PageParams, paginate
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.models import CpdLedger


async def get_by_certificate(session: AsyncSession, number: str, *, for_update: bool = False
                             ) -> CpdLedger | None:
    query = select(CpdLedger).where(CpdLedger.certificate_number == number)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def of_applicant(session: AsyncSession, applicant_id: str) -> Sequence[CpdLedger]:
    return (await session.scalars(
        select(CpdLedger).where(CpdLedger.applicant_id == applicant_id).with_for_update()
    )).all()


async def of_society(session: AsyncSession, society_code: str) -> Sequence[CpdLedger]:
    """Locked in id order, so a recomputation never races a member's change to one of them."""
    return (await session.scalars(
        select(CpdLedger).where(CpdLedger.society_code == society_code)
        .order_by(CpdLedger.id).with_for_update()
    )).all()


async def open_ledgers(session: AsyncSession, after_id: object | None, limit: int
                       ) -> Sequence[CpdLedger]:
    """Ledgers whose certificate is in force, in id order (for scheduled jobs)."""
    query = select(CpdLedger).where(CpdLedger.barred.is_(False),
                                    CpdLedger.certificate_status == "valid")
    if after_id is not None:
        query = query.where(CpdLedger.id > after_id)
    return (await session.scalars(query.order_by(CpdLedger.id).limit(limit))).all()


async def list_for(
    session: AsyncSession, params: PageParams, *, applicant_id: str | None,
    society_code: str | None, compliant: bool | None = None,
) -> Sequence[CpdLedger]:
    """One page, newest ledger first (and one row more, to tell whether another follows)."""
    query = select(CpdLedger)
    if compliant is not None:
        query = query.where(CpdLedger.last_compliance["compliant"].as_boolean().is_(compliant))
    if applicant_id is not None:
        query = query.where(CpdLedger.applicant_id == applicant_id)
    if society_code is not None:
        query = query.where(CpdLedger.society_code == society_code)
    return (await session.scalars(
        paginate(query, CpdLedger.created_at, CpdLedger.id, params))).all()
