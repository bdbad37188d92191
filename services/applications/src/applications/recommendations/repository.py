"""Queries on recommendations, candidates and the engineers they name."""

import functools
import uuid
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple, cast

from kit.db import any_of
from kit.pagination import PageParams, paginate
from sqlalchemy import (
    CTE,
    Insert,
    Select,
    String,
    Table,
    any_,
    bindparam,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import (
    Candidate,
    Field,
    OverseasProject,
    Recommendation,
    RecommendedEngineer,
)

OPEN_STATUSES = ("pending", "accepted")


async def get(session: AsyncSession, recommendation_id: uuid.UUID) -> Recommendation | None:
    return await session.get(Recommendation, recommendation_id)


async def get_by_key(session: AsyncSession, enterprise_id: str, key: str) -> Recommendation | None:
    return await session.scalar(
        select(Recommendation).where(
            Recommendation.enterprise_id == enterprise_id, Recommendation.idempotency_key == key
        )
    )


_RECOMMENDATIONS = cast(Table, Recommendation.__table__)
_ENGINEERS = cast(Table, RecommendedEngineer.__table__)
_PROJECTS = cast(Table, OverseasProject.__table__)
_CANDIDATES = cast(Table, Candidate.__table__)
_KEY_TAKEN = (_RECOMMENDATIONS.c.enterprise_id, _RECOMMENDATIONS.c.idempotency_key)


# The push's statements, built once with bind parameters: building them with literal values
# (`.values(...)`, `.in_([...])`) and computing their cache keys was a fifth of a push's CPU.
_INSERTED_COLUMNS = ("id", "enterprise_id", "enterprise_name", "contact_name", "contact_mobile",
                     "source", "idempotency_key", "request_hash")
_INSERT_UNLESS_KEY_TAKEN = (
    pg_insert(_RECOMMENDATIONS)
    .values({name: bindparam(name, type_=_RECOMMENDATIONS.c[name].type)
             for name in _INSERTED_COLUMNS})
    .on_conflict_do_nothing(index_elements=_KEY_TAKEN)
    .returning(_RECOMMENDATIONS.c.created_at)
)


class KnownEngineer(NamedTuple):
    id: uuid.UUID
    name_mobile_index: str
    identity_index: str | None
    # Their earliest candidate still under consideration (pending or accepted), if any.
    open_candidate_id: uuid.UUID | None


class PushLookup(NamedTuple):
    """What a push's first statement found: the recommendation's created_at (None when its
    Idempotency-Key is taken), which of its field codes exist, the engineers it names."""

    created_at: datetime | None
    known_field_codes: set[str]
    engineers: list[KnownEngineer]


async def insert_and_look_up(
    session: AsyncSession, recommendation: Recommendation, field_codes: Collection[str],
    name_indexes: Collection[str], identity_indexes: Collection[str],
) -> PushLookup:
    """One round trip for what a push must know before it stores its candidates: the
    recommendation row INSERTed unless its enterprise already used its Idempotency-Key (a
    data-modifying CTE), which of the field codes exist, and the engineers known by any of
    these name + mobile or identity indexes, oldest first, each with their earliest open
    candidate. A concurrent request with the same key waits here for the first one to commit
    (or roll back) and then finds the key taken. Before, three statements (three round trips)."""
    connection = await session.connection()
    rows = (await connection.execute(
        _insert_and_look_up(bool(name_indexes), bool(identity_indexes)),
        {**{name: getattr(recommendation, name) for name in _INSERTED_COLUMNS},
         "codes": list(field_codes), "names": list(name_indexes),
         "identities": list(identity_indexes)},
    )).all()
    created_at, known = rows[0][0], rows[0][1]
    return PushLookup(created_at, set(known or ()),
                      [KnownEngineer(*row[2:]) for row in rows if row[2] is not None])


@functools.cache
def _insert_and_look_up(by_name: bool, by_identity: bool) -> Select[Any]:
    """One row per known engineer (oldest first), or one row of NULLs for none, each beginning
    with the inserted row's created_at (NULL when the key was taken) and the known codes."""
    inserted = _INSERT_UNLESS_KEY_TAKEN.cte("inserted")
    head = select(
        select(inserted.c.created_at).scalar_subquery().label("created_at"),
        select(func.array_agg(Field.code)).where(Field.code == any_of("codes"))
        .scalar_subquery().label("known_codes"),
    ).subquery("head")
    conditions = []
    # Arrays as parameters (`= ANY`), not IN lists that SQLAlchemy renders again at every
    # execution for their length.
    if by_name:
        conditions.append(RecommendedEngineer.name_mobile_index == any_of("names"))
    if by_identity:
        conditions.append(RecommendedEngineer.identity_index == any_of("identities"))
    if not conditions:
        return select(head.c.created_at, head.c.known_codes, null(), null(), null(), null())
    open_candidate = (
        select(Candidate.id)
        .where(Candidate.engineer_id == RecommendedEngineer.id,
               Candidate.status == any_(literal(list(OPEN_STATUSES), ARRAY(String))))
        .order_by(Candidate.created_at, Candidate.position).limit(1)
        .scalar_subquery()
    )
    known = select(
        RecommendedEngineer.id, RecommendedEngineer.name_mobile_index,
        RecommendedEngineer.identity_index, open_candidate.label("open_candidate_id"),
        RecommendedEngineer.created_at,
    ).where(or_(*conditions)).subquery("known")
    return (
        select(head.c.created_at, head.c.known_codes, known.c.id, known.c.name_mobile_index,
               known.c.identity_index, known.c.open_candidate_id)
        .select_from(head.outerjoin(known, true()))
        .order_by(known.c.created_at)
    )


# Up to this many candidates, everything goes in one statement of CTEs; each row count is a
# statement of its own for SQLAlchemy to compile (and cache), which costs more than a round
# trip beyond a few rows. Larger pushes use executemany, compiled once, one round trip each.
CTE_MAX_CANDIDATES = 8


async def insert_push(
    session: AsyncSession, *, engineers: Sequence[Mapping[str, object]],
    identities: Mapping[uuid.UUID, str], projects: Sequence[Mapping[str, object]],
    candidates: Sequence[Mapping[str, object]], outbox: Insert,
    outbox_parameters: Mapping[str, object],
) -> None:
    """Everything a push stores. A small push (the usual one) in one statement: the new
    engineers, the projects and the candidates as data-modifying CTEs of the outbox INSERT
    (PostgreSQL checks their foreign keys at the end of the statement). A large one with one
    executemany per table, then the outbox row. Engineers whose identity number the push
    tells for the first time are updated first (rare: one UPDATE each)."""
    connection = await session.connection()
    for engineer_id, identity in identities.items():
        await connection.execute(update(_ENGINEERS).where(_ENGINEERS.c.id == engineer_id)
                                 .values(identity_index=identity))
    parts = [(_ENGINEERS, engineers), (_PROJECTS, projects), (_CANDIDATES, candidates)]
    if len(candidates) > CTE_MAX_CANDIDATES:
        for table, rows in parts:
            if rows:
                await connection.execute(insert(table), [dict(row) for row in rows])
        await connection.execute(outbox, dict(outbox_parameters))
        return
    present = [(number, rows) for number, (_, rows) in enumerate(parts) if rows]
    if all(len(rows) == 1 for _, rows in present):
        # The usual push (one candidate, its engineer, maybe its project): CTEs built once per
        # shape with bind parameters, the row's values passed at execution (building them
        # with literal values was a tenth of a push's CPU).
        shape = tuple((number, tuple(rows[0])) for number, rows in present)
        await connection.execute(_one_row_push(outbox, shape), {
            **outbox_parameters,
            **{f"push_{number}_{key}": value
               for number, rows in present for key, value in rows[0].items()}})
        return
    statement = outbox
    for number, rows in present:
        # SQLAlchemy never caches a multi-row VALUES, so one row is given as one row above.
        statement = statement.add_cte(
            insert(parts[number][0]).values([dict(row) for row in rows]).cte(f"push_{number}"))
    await connection.execute(statement, dict(outbox_parameters))


@functools.lru_cache(maxsize=64)
def _one_row_push(outbox: Insert, shape: tuple[tuple[int, tuple[str, ...]], ...]) -> Insert:
    """The outbox INSERT with the push's one-row CTEs: one statement object per shape, so
    SQLAlchemy keys its cache once, not at every push."""
    return outbox.add_cte(*_one_row_ctes(shape))


@functools.lru_cache(maxsize=64)
def _one_row_ctes(shape: tuple[tuple[int, tuple[str, ...]], ...]) -> tuple[CTE, ...]:
    """The one-row INSERT CTEs of a push: per part number (engineers, projects, candidates)
    the columns given, each value a bind parameter `push_<number>_<column>`."""
    tables = (_ENGINEERS, _PROJECTS, _CANDIDATES)
    return tuple(
        insert(tables[number]).values({
            key: bindparam(f"push_{number}_{key}", type_=tables[number].c[key].type)
            for key in keys}).cte(f"push_{number}")
        for number, keys in shape)


async def list_page(
    session: AsyncSession, params: PageParams, enterprise_id: str | None
) -> Sequence[Recommendation]:
    query = select(Recommendation)
    if enterprise_id is not None:
        query = query.where(Recommendation.enterprise_id == enterprise_id)
    query = paginate(query, Recommendation.created_at, Recommendation.id, params)
    return (await session.scalars(query)).all()


async def get_candidate(
    session: AsyncSession, candidate_id: uuid.UUID, *, for_update: bool = False
) -> Candidate | None:
    return await session.get(Candidate, candidate_id, with_for_update=for_update)


async def list_candidates(
    session: AsyncSession, params: PageParams, *, status: str | None, field_code: str | None,
    enterprise_id: str | None,
) -> Sequence[Candidate]:
    query = select(Candidate)
    if status is not None:
        query = query.where(Candidate.status == status)
    if field_code is not None:
        query = query.where(Candidate.field_code == field_code)
    if enterprise_id is not None:
        query = query.join(Recommendation).where(Recommendation.enterprise_id == enterprise_id)
    query = paginate(query, Candidate.created_at, Candidate.id, params)
    return (await session.scalars(query)).all()


async def engineer_by_identity(session: AsyncSession, identity_index: str
                               ) -> RecommendedEngineer | None:
    return await session.scalar(
        select(RecommendedEngineer).where(RecommendedEngineer.identity_index == identity_index)
    )


async def get_engineer(session: AsyncSession, engineer_id: uuid.UUID
                       ) -> RecommendedEngineer | None:
    return await session.get(RecommendedEngineer, engineer_id)


async def engineers_by_indexes(
    session: AsyncSession, name_indexes: Collection[str], identity_indexes: Collection[str]
) -> Sequence[RecommendedEngineer]:
    """Engineers known by any of these name + mobile or identity indexes, oldest first."""
    conditions = []
    if name_indexes:
        conditions.append(RecommendedEngineer.name_mobile_index.in_(name_indexes))
    if identity_indexes:
        conditions.append(RecommendedEngineer.identity_index.in_(identity_indexes))
    if not conditions:
        return []
    query = select(RecommendedEngineer).where(or_(*conditions))
    return (await session.scalars(query.order_by(RecommendedEngineer.created_at))).all()


async def open_candidates_of(
    session: AsyncSession, engineer_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, uuid.UUID]:
    """Each engineer's earliest candidate still under consideration (pending or accepted)."""
    if not engineer_ids:
        return {}
    rows = await session.execute(
        select(Candidate.engineer_id, Candidate.id)
        .where(Candidate.engineer_id.in_(engineer_ids), Candidate.status.in_(OPEN_STATUSES))
        .order_by(Candidate.created_at)
    )
    earliest: dict[uuid.UUID, uuid.UUID] = {}
    for engineer_id, candidate_id in rows.all():
        earliest.setdefault(engineer_id, candidate_id)
    return earliest


async def claimed_or_identified(session: AsyncSession, applicant_id: str,
                                identity_index: str | None) -> Sequence[Candidate]:
    """Candidates an applicant claimed with a code, or whose engineer carries their identity
    number; oldest first."""
    conditions = [Candidate.claimed_by == applicant_id]
    if identity_index is not None:
        conditions.append(Candidate.engineer_id.in_(
            select(RecommendedEngineer.id)
            .where(RecommendedEngineer.identity_index == identity_index)
        ))
    return (await session.scalars(
        select(Candidate).where(or_(*conditions)).order_by(Candidate.created_at)
    )).all()


async def by_claim_code(session: AsyncSession, code_index: str) -> Candidate | None:
    return await session.scalar(
        select(Candidate).where(Candidate.claim_code_index == code_index).with_for_update()
    )


async def candidates_of(session: AsyncSession, engineer_id: uuid.UUID) -> Sequence[Candidate]:
    return (await session.scalars(
        select(Candidate).where(Candidate.engineer_id == engineer_id)
        .order_by(Candidate.created_at)
    )).all()
