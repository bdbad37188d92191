"""Queries on policy versions."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.models import CpdPolicyVersion


async def versions(session: AsyncSession, society_code: str) -> Sequence[CpdPolicyVersion]:
    return (await session.scalars(
        select(CpdPolicyVersion).where(CpdPolicyVersion.society_code == society_code)
        .order_by(CpdPolicyVersion.effective_from, CpdPolicyVersion.seq)
    )).all()


async def societies_with_policies(session: AsyncSession) -> set[str]:
    return set((await session.scalars(select(CpdPolicyVersion.society_code).distinct())).all())


async def add(session: AsyncSession, version: CpdPolicyVersion) -> None:
    session.add(version)
    await session.flush()
