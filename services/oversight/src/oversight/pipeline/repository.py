"""Queries on the read model of recommendations and applications."""

import uuid
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight.models import ApplicationFact, CandidateFact, RecommendationFact

# The statements of the two facts every recommendation brings, built once and run with the
# values as parameters (compiled once; an ORM `.values()` insert is rebuilt for every event).
_ADD_RECOMMENDATION = insert(cast(Table, RecommendationFact.__table__)).on_conflict_do_nothing()
_candidate_insert = insert(cast(Table, CandidateFact.__table__))
# A candidate screened again (e.g. after a correction) keeps the latest decision.
_UPSERT_CANDIDATE = _candidate_insert.on_conflict_do_update(
    index_elements=["candidate_id"],
    set_={"society_code": _candidate_insert.excluded.society_code,
          "decision": _candidate_insert.excluded.decision,
          "screened_at": _candidate_insert.excluded.screened_at},
)


async def add_recommendation(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(_ADD_RECOMMENDATION, values)


async def add_candidate(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(_UPSERT_CANDIDATE, values)


async def upsert_application(session: AsyncSession, values: dict[str, Any],
                             update_on_conflict: Sequence[str]) -> None:
    """Insert the application's row, or set `update_on_conflict` on the existing one; events
    may arrive in any order, so every handler can create the row."""
    statement = insert(ApplicationFact).values(values)
    if update_on_conflict:
        await session.execute(statement.on_conflict_do_update(
            index_elements=["application_id"],
            set_={name: getattr(statement.excluded, name) for name in update_on_conflict},
        ))
    else:
        await session.execute(statement.on_conflict_do_nothing())


async def set_on_application(session: AsyncSession, application_id: uuid.UUID,
                             **values: Any) -> int:
    result = await session.execute(
        update(ApplicationFact).where(ApplicationFact.application_id == application_id)
        .values(**values)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def awaiting_registration(session: AsyncSession, applicant_id: str, society_code: str
                                ) -> ApplicationFact | None:
    """The applicant's approved application in that society that has no certificate yet."""
    return await session.scalar(
        select(ApplicationFact).where(
            ApplicationFact.applicant_id == applicant_id,
            ApplicationFact.society_code == society_code,
            ApplicationFact.approved_at.is_not(None),
            ApplicationFact.registered_at.is_(None),
        ).order_by(ApplicationFact.approved_at.desc()).limit(1)
    )


async def society_of_certificate(session: AsyncSession, number: str) -> str | None:
    return await session.scalar(
        select(ApplicationFact.society_code).where(ApplicationFact.certificate_number == number)
    )


async def applications(session: AsyncSession, society_code: str | None
                       ) -> Sequence[ApplicationFact]:
    query = select(ApplicationFact)
    if society_code is not None:
        query = query.where(ApplicationFact.society_code == society_code)
    return (await session.scalars(query)).all()


async def candidates(session: AsyncSession, society_code: str | None) -> Sequence[CandidateFact]:
    query = select(CandidateFact)
    if society_code is not None:
        query = query.where(CandidateFact.society_code == society_code)
    return (await session.scalars(query)).all()


async def recommendations(session: AsyncSession) -> Sequence[RecommendationFact]:
    return (await session.scalars(select(RecommendationFact))).all()
