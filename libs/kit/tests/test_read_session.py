"""`ReadSessionDep`: a read without BEGIN/COMMIT, through the real unit of work and PostgreSQL."""

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import APIRouter, FastAPI
from kit.app import ReadSessionDep, SessionDep, create_service_app
from kit.db import recreate_database
from kit.outbox import inbox_table, outbox_table
from kit.service import ServiceSpec
from kit.settings import ServiceSettings
from kit.testing import KEYS, TEST_DATA_KEY
from sqlalchemy import MetaData, event, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DATABASE = "postgresql+asyncpg://postgres@127.0.0.1:5432/cse_test_kit_read_session"
metadata = MetaData()
spec = ServiceSpec(name="reads", title="reads", description="", settings=ServiceSettings,
                   metadata=metadata, outbox=outbox_table(metadata), inbox=inbox_table(metadata))


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]


def reads_app() -> FastAPI:
    router = APIRouter()

    @router.get("/notes/{note_id}")
    async def read(note_id: int, session: ReadSessionDep) -> dict[str, Any]:
        note = await session.get(Note, note_id)
        return {"text": note.text if note else None}

    @router.post("/notes/{note_id}/touch-in-a-read")
    async def touch(note_id: int, session: ReadSessionDep) -> dict[str, Any]:
        note = await session.get(Note, note_id)
        assert note is not None
        note.text = "changed"  # a bug: a read-only endpoint changing an object
        return {}

    @router.post("/notes", status_code=201)
    async def create(session: SessionDep) -> dict[str, Any]:
        session.add(Note(id=2, text="written"))
        return {}

    settings = ServiceSettings(database_url=DATABASE, data_key=TEST_DATA_KEY, environment="dev",
                               log_json=False, log_level="WARNING")
    return create_service_app(spec, [router], settings, verifier=KEYS.verifier())


@pytest.fixture
async def client(
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[tuple[httpx.AsyncClient, list[str]]]:
    await recreate_database(DATABASE)
    engine = create_async_engine(DATABASE)
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE notes (id int PRIMARY KEY, text text NOT NULL)"))
        await conn.execute(text("INSERT INTO notes VALUES (1, 'stored')"))
    await engine.dispose()
    app = reads_app()
    statements: list[str] = []
    async with app.router.lifespan_context(app):

        # What reaches the server: each statement, and BEGIN / COMMIT, which asyncpg sends
        # as simple queries (Connection.execute).
        @event.listens_for(app.state.engine.sync_engine, "before_cursor_execute")
        def on_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            statements.append(statement.split()[0])

        simple_query = asyncpg.Connection.execute

        async def recorded(self: asyncpg.Connection, query: str, *args: Any,
                           **kwargs: Any) -> str:
            statements.append(query.split()[0].rstrip(";"))
            return await simple_query(self, query, *args, **kwargs)

        monkeypatch.setattr(asyncpg.Connection, "execute", recorded)

        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http, statements


async def test_a_read_is_its_select_alone_and_writes_still_commit(
    client: tuple[httpx.AsyncClient, list[str]],
) -> None:
    http, statements = client
    await http.get("/notes/1")  # the pool's first connection: SQLAlchemy's own set-up queries
    statements.clear()
    read = await http.get("/notes/1")
    assert read.json() == {"text": "stored"}
    assert statements == ["SELECT"]
    statements.clear()
    # The connection the read used goes back to the pool and writes in a transaction again.
    assert (await http.post("/notes")).status_code == 201
    # (the adapter sends BEGIN lazily, at the first statement, so it is listed after it)
    assert statements == ["INSERT", "BEGIN", "COMMIT"]
    assert (await http.get("/notes/2")).json() == {"text": "written"}


async def test_a_change_made_in_a_read_session_is_refused_not_dropped(
    client: tuple[httpx.AsyncClient, list[str]],
) -> None:
    http, _ = client
    response = await http.post("/notes/1/touch-in-a-read")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")
    assert (await http.get("/notes/1")).json() == {"text": "stored"}
