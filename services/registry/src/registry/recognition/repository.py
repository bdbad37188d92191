"""Queries on partners, agreements and referrals."""

import uuid
from collections.abc import Sequence

from kit.pagination import PageParams, next_cursor, paginate
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import PartnerOrganisation, RecognitionAgreement, Referral


async def partners(session: AsyncSession) -> list[PartnerOrganisation]:
    return list((await session.scalars(
        select(PartnerOrganisation).order_by(PartnerOrganisation.code))).all())


async def partner(session: AsyncSession, code: str) -> PartnerOrganisation | None:
    return await session.get(PartnerOrganisation, code)


async def agreements(session: AsyncSession) -> list[RecognitionAgreement]:
    return list((await session.scalars(
        select(RecognitionAgreement).order_by(RecognitionAgreement.code))).all())


async def agreement_by_code(session: AsyncSession, code: str) -> RecognitionAgreement | None:
    return await session.scalar(select(RecognitionAgreement)
                                .where(RecognitionAgreement.code == code))


async def agreement(session: AsyncSession, agreement_id: uuid.UUID
                    ) -> RecognitionAgreement | None:
    return await session.get(RecognitionAgreement, agreement_id)


async def referral(session: AsyncSession, referral_id: uuid.UUID, *, for_update: bool = False
                   ) -> Referral | None:
    query = select(Referral).where(Referral.id == referral_id)
    if for_update:
        query = query.with_for_update(of=Referral)
    return await session.scalar(query)


async def open_referral(session: AsyncSession, member_id: uuid.UUID, agreement_id: uuid.UUID
                        ) -> Referral | None:
    return await session.scalar(select(Referral).where(
        Referral.member_id == member_id, Referral.agreement_id == agreement_id,
        Referral.status.in_(("requested", "referred", "granted"))))


async def referrals(session: AsyncSession, *, partner_code: str | None,
                    applicant_id: str | None, statuses: Sequence[str] | None,
                    params: PageParams) -> tuple[list[Referral], str | None]:
    """Newest first, one page at a time."""
    query = select(Referral)
    if partner_code is not None:
        query = query.where(Referral.partner_code == partner_code)
    if applicant_id is not None:
        query = query.where(Referral.applicant_id == applicant_id)
    if statuses is not None:
        query = query.where(Referral.status.in_(statuses))
    query = paginate(query, Referral.created_at, Referral.id, params)
    return next_cursor(list((await session.scalars(query)).unique().all()), params)


async def counts(session: AsyncSession) -> list[tuple[str, uuid.UUID, str, int]]:
    query = (select(Referral.partner_code, Referral.agreement_id, Referral.status,
                    func.count())
             .group_by(Referral.partner_code, Referral.agreement_id, Referral.status))
    return [(p, a, s, int(n)) for p, a, s, n in (await session.execute(query)).all()]
