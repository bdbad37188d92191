"""Queries on the reference data tables."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import Field, Society, Specialty


async def upsert(session: AsyncSession, model: type[Society | Field | Specialty],
                 rows: list[dict[str, object]]) -> None:
    if not rows:
        return
    statement = insert(model).values(rows)
    key = [column.name for column in model.__mapper__.primary_key]
    updates = {c: statement.excluded[c] for c in rows[0] if c not in key}
    await session.execute(statement.on_conflict_do_update(index_elements=key, set_=updates))


async def list_fields(session: AsyncSession) -> Sequence[Field]:
    return (await session.scalars(select(Field).order_by(Field.position))).all()


async def list_specialties(session: AsyncSession) -> Sequence[Specialty]:
    return (await session.scalars(select(Specialty).order_by(Specialty.position))).all()


async def list_societies(session: AsyncSession) -> Sequence[Society]:
    return (await session.scalars(select(Society).order_by(Society.code))).all()


async def get_field(session: AsyncSession, code: str) -> Field | None:
    return await session.get(Field, code)


async def get_specialty(session: AsyncSession, code: str) -> Specialty | None:
    return await session.get(Specialty, code)


async def get_society(session: AsyncSession, code: str) -> Society | None:
    return await session.get(Society, code)
