"""Queries on the certificates an applicant holds (fed by registry's certificate.issued)."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import HeldCertificate


async def certificates_of(session: AsyncSession, applicant_id: str) -> Sequence[HeldCertificate]:
    return (await session.scalars(
        select(HeldCertificate).where(HeldCertificate.applicant_id == applicant_id)
    )).all()


async def upsert_certificate(session: AsyncSession, values: dict[str, object]) -> None:
    statement = insert(HeldCertificate).values(values)
    await session.execute(statement.on_conflict_do_update(
        index_elements=["certificate_id"],
        set_={k: statement.excluded[k] for k in values if k != "certificate_id"},
    ))
