"""Async SQLAlchemy engine, sessions and the per-request unit of work."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import structlog
from sqlalchemy import MetaData, String, bindparam
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from kit.errors import (
    DATABASE_UNAVAILABLE,
    ConcurrentUpdate,
    Conflict,
    ProblemError,
    ServiceUnavailable,
    Unprocessable,
)

log = structlog.get_logger()

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


def any_of(name: str) -> Any:
    """`= ANY(:name)`, the parameter a list of text: compare a column with it
    (`column == any_of("codes")`). A statement using it is built and compiled once, whatever
    the list's length, where an IN list of literal values is built again on every call."""
    return bindparam(name, type_=ARRAY(String)).any_()


def create_engine(
    url: str, pool_size: int = 10, *, connect_timeout: float = 5.0,
    command_timeout: float | None = 30.0, pool_timeout: float = 10.0,
) -> AsyncEngine:
    # A fixed pool: overflow connections are opened and closed under load (a new backend per
    # request, seconds of tail latency in the benchmarks), and pre-ping costs a round trip per
    # checkout. Connections that die are replaced on error; pool_recycle bounds their age.
    # Bounded connect and statement times: while the database is unreachable a request fails
    # within seconds (503) instead of hanging until nginx gives up.
    return create_async_engine(
        url, pool_size=pool_size, max_overflow=0, pool_pre_ping=False, pool_recycle=1800,
        pool_timeout=pool_timeout,
        connect_args={"timeout": connect_timeout, "command_timeout": command_timeout},
    )


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def read_engine(engine: AsyncEngine) -> AsyncEngine:
    """The same pool in autocommit, for requests that only read: a read is its SELECTs alone,
    without BEGIN and COMMIT (two of a primary-key read's three round trips). At READ
    COMMITTED every statement takes its own snapshot anyway, so reads see the same."""
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def create_read_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for requests that only read (see `read_engine`)."""
    return create_sessionmaker(read_engine(engine))


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


@asynccontextmanager
async def read_unit_of_work(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """A session for a request that only reads (see `create_read_sessionmaker`): nothing to
    commit. A change to an object in it is a bug, refused rather than silently dropped."""
    async with sessionmaker() as session:
        yield session
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("a read-only request changed objects; use SessionDep to write")


async def roll_back_driver(connection: AsyncConnection, driver: asyncpg.Connection, *,
                           user: str) -> None:
    """After a transaction run on the driver's connection failed (BEGIN and COMMIT sent by the
    caller, which SQLAlchemy does not see): the connection goes back to the pool out of any
    transaction, or is discarded. A dead connection would fail every later user of it, and one
    left inside the transaction would have its next user commit what this one failed to. The
    caller raises its own error; a failed ROLLBACK only discards the connection (a
    cancellation still propagates)."""
    try:
        if driver.is_closed():
            await connection.invalidate()
        elif driver.is_in_transaction():
            await driver.execute("ROLLBACK")
    except Exception as exc:
        log.info("driver_connection_discarded", user=user, error=repr(exc))
        await connection.invalidate()
    except BaseException:
        await connection.invalidate()
        raise


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


# SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P operator
# intervention (shutdown, cannot connect now).
_UNAVAILABLE_STATES = ("08", "53", "57P")
_CONCURRENCY_STATES = ("40001", "40P01")  # serialization failure, deadlock
_TEXT_STATES = ("22021", "22P05")  # a character PostgreSQL cannot store (NUL)


def database_problem(exc: BaseException) -> ProblemError | None:
    """What a database failure means to the client, or None when it is a bug (a 500).

    Used for failures anywhere in a request, COMMIT included: an unreachable database is a
    503 the client may retry; a conflict detected by the database (a unique or deferred
    constraint, a serialization failure) is a 409; nothing was stored in either case."""
    if isinstance(exc, sa_exc.TimeoutError | OSError | TimeoutError):
        return ServiceUnavailable(DATABASE_UNAVAILABLE)
    if isinstance(exc, asyncpg.PostgresConnectionError | asyncpg.InterfaceError):
        return ServiceUnavailable(DATABASE_UNAVAILABLE)
    if not isinstance(exc, sa_exc.DBAPIError):
        return None
    state = str(getattr(exc.orig, "sqlstate", None) or "")
    if exc.connection_invalidated or state.startswith(_UNAVAILABLE_STATES):
        return ServiceUnavailable(DATABASE_UNAVAILABLE)
    if isinstance(exc, sa_exc.InterfaceError) or isinstance(exc.orig, OSError):
        return ServiceUnavailable(DATABASE_UNAVAILABLE)
    if state in _CONCURRENCY_STATES:
        return ConcurrentUpdate(
            "另一个请求同时修改了相同的数据，未保存任何内容，请重试 / Another request changed "
            "the same data at the same time; nothing was stored. Retry the request."
        )
    if state.startswith("23"):
        return Conflict(
            "与已保存的数据冲突（重复或引用不存在），未保存任何内容 / The request conflicts with "
            "stored data (a duplicate, or a reference to something that does not exist); "
            "nothing was stored."
        )
    if state in _TEXT_STATES:
        return Unprocessable(
            "文本中含有无法保存的字符（如 NUL），请删除后重试 / The text contains a character "
            "that cannot be stored (such as NUL); remove it and retry."
        )
    return None
