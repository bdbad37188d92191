"""Queries on policy versions."""

from collections.abc import Sequence

from kit.pagination import PageParams
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cpd import paging
from cpd.models import CpdPolicyVersion

# By effective date, and of two versions for one date in the order they were set.
ORDER = (CpdPolicyVersion.effective_from, CpdPolicyVersion.seq)


async def versions(session: AsyncSession, society_code: str) -> Sequence[CpdPolicyVersion]:
    return (await session.scalars(
        select(CpdPolicyVersion).where(CpdPolicyVersion.society_code == society_code)
        .order_by(CpdPolicyVersion.effective_from, CpdPolicyVersion.seq)
    )).all()


async def page(session: AsyncSession, society_code: str, params: PageParams
               ) -> Sequence[CpdPolicyVersion]:
    """One page by effective date (and one row more, to tell whether another follows)."""
    query = select(CpdPolicyVersion).where(CpdPolicyVersion.society_code == society_code)
    rows: Sequence[CpdPolicyVersion] = await paging.keyset(session, query, ORDER,
                                                           CpdPolicyVersion.id, params)
    return rows


async def societies_with_policies(session: AsyncSession) -> set[str]:
    return set((await session.scalars(select(CpdPolicyVersion.society_code).distinct())).all())


async def add(session: AsyncSession, version: CpdPolicyVersion) -> None:
    session.add(version)
    await session.flush()
