"""Queries on the societies' register settings."""

from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import SocietySettings


async def get(session: AsyncSession, society_code: str) -> SocietySettings | None:
    return await session.get(SocietySettings, society_code)
