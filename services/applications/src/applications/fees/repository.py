from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import SocietyFee


async def fees(session: AsyncSession, society_code: str | None) -> list[SocietyFee]:
    query = select(SocietyFee).order_by(SocietyFee.society_code, SocietyFee.level)
    if society_code is not None:
        query = query.where(SocietyFee.society_code == society_code)
    return list((await session.scalars(query)).all())


async def fee(session: AsyncSession, society_code: str, level: str) -> SocietyFee | None:
    return await session.get(SocietyFee, (society_code, level))


async def amount(session: AsyncSession, society_code: str, level: str) -> Decimal | None:
    row = await fee(session, society_code, level)
    return row.amount_cny if row is not None else None
