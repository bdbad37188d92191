"""The authorized societies, loaded from the versioned contract files, and their default
evaluation policies."""

from cse_contracts.reference import load_societies
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.models import Society
from evaluation.policies.repository import ensure_default_policies


async def seed_societies(session: AsyncSession) -> None:
    rows = [{"code": s.code, "name_zh": s.name_zh, "name_en": s.name_en}
            for s in load_societies()]
    statement = insert(Society).values(rows)
    await session.execute(statement.on_conflict_do_update(
        index_elements=["code"],
        set_={"name_zh": statement.excluded.name_zh, "name_en": statement.excluded.name_en},
    ))


async def seed_reference(session: AsyncSession) -> None:
    """Societies, then a default policy for each that has none (existing ones are kept)."""
    await seed_societies(session)
    await ensure_default_policies(session)
