"""Async SQLAlchemy engine, sessions and the per-request unit of work."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy import MetaData
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

# Stable constraint names make Alembic migrations reproducible across databases.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    """One MetaData per service: services own separate databases."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def create_engine(url: str, pool_size: int = 10) -> AsyncEngine:
    # A fixed pool: overflow connections are opened and closed under load (a new backend per
    # request, seconds of tail latency in the benchmarks), and pre-ping costs a round trip per
    # checkout. Connections that die are replaced on error; pool_recycle bounds their age.
    return create_async_engine(
        url, pool_size=pool_size, max_overflow=0, pool_pre_ping=False, pool_recycle=1800
    )


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


@asynccontextmanager
async def unit_of_work(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """Commit once when the request succeeds, roll back when it raises; services only flush."""
    async with sessionmaker() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


async def create_database(database_url: str) -> bool:
    """Create the service's database if it does not exist; True when it was created."""
    url = make_url(database_url)
    admin = await asyncpg.connect(
        host=url.host, port=url.port or 5432, user=url.username, password=url.password,
        database="postgres",
    )
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", url.database)
        if not exists:
            await admin.execute(f'CREATE DATABASE "{url.database}"')
        return not exists
    finally:
        await admin.close()


async def recreate_database(url: str) -> None:
    parsed = make_url(url)
    admin = await asyncpg.connect(
        host=parsed.host, port=parsed.port or 5432, user=parsed.username or "postgres",
        database="postgres",
    )
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{parsed.database}"')
    finally:
        await admin.close()
