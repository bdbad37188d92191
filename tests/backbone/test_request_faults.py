"""What a client is told when the database fails under a request: a real app served by
uvicorn, a real PostgreSQL behind an in-process TCP proxy that can cut the link."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

import httpx
import pytest
from backbone_support import inbox, metadata, outbox
from fastapi import APIRouter, FastAPI, Query, Request
from kit.app import SessionDep, create_service_app
from kit.db import recreate_database
from kit.service import ServiceSpec
from kit.settings import ServiceSettings
from kit.testing import KEYS, TEST_DATA_KEY, Link, TcpProxy, eventually, serving
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

DATABASE = "cse_test_request_faults"
DIRECT = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{DATABASE}"


class NoteIn(BaseModel):
    text: str
    code: str


@dataclass
class Hooks:
    """Lets a test act between the endpoint's last statement and the COMMIT."""

    before_commit: Callable[[], Awaitable[None]] | None = None
    clients: list[int] = field(default_factory=list)


def faults_app(database_url: str, hooks: Hooks) -> FastAPI:
    router = APIRouter()

    @router.post("/notes", status_code=201)
    async def create(body: NoteIn, session: SessionDep, twice: bool = False) -> dict[str, str]:
        await session.execute(text("INSERT INTO notes (text, code) VALUES (:t, :c)"),
                              {"t": body.text, "c": body.code})
        if twice:  # the deferred unique constraint is checked only at COMMIT
            await session.execute(text("INSERT INTO notes (text, code) VALUES (:t, :c)"),
                                  {"t": body.text, "c": body.code})
        if hooks.before_commit is not None:
            await hooks.before_commit()
        return {"code": body.code}

    @router.get("/notes/{code}")
    async def read(code: str, session: SessionDep) -> dict[str, Any]:
        row = (await session.execute(text("SELECT text FROM notes WHERE code = :c"),
                                     {"c": code})).first()
        return {"found": row is not None}

    @router.get("/search")
    async def search(q: Annotated[str, Query()], session: SessionDep) -> dict[str, int]:
        count = (await session.execute(text("SELECT count(*) FROM notes WHERE text = :q"),
                                       {"q": q})).scalar_one()
        return {"count": int(count)}

    @router.get("/boom")
    async def boom(request: Request) -> None:
        assert request.client is not None
        hooks.clients.append(request.client.port)
        raise RuntimeError("a bug")

    @router.get("/whoami")
    async def whoami(request: Request) -> dict[str, int]:
        assert request.client is not None
        hooks.clients.append(request.client.port)
        return {"port": request.client.port}

    spec = ServiceSpec(name="faults", title="faults", description="", settings=ServiceSettings,
                       metadata=metadata, outbox=outbox, inbox=inbox)
    settings = ServiceSettings(database_url=database_url, data_key=TEST_DATA_KEY, environment="dev",
                               db_pool_size=2, db_connect_timeout=1.0, db_command_timeout=3.0,
                               log_json=False, log_level="WARNING")
    return create_service_app(spec, [router], settings, verifier=KEYS.verifier())


@pytest.fixture(scope="module")
async def notes_database() -> str:
    await recreate_database(DIRECT)
    engine = create_async_engine(DIRECT)
    async with engine.begin() as conn:
        await conn.execute(text(
            "CREATE TABLE notes (id serial PRIMARY KEY, text text NOT NULL, code text NOT NULL,"
            " CONSTRAINT uq_notes_code UNIQUE (code) DEFERRABLE INITIALLY DEFERRED)"))
    await engine.dispose()
    return DIRECT


@pytest.fixture
async def db_proxy(notes_database: str) -> AsyncIterator[TcpProxy]:
    proxy = TcpProxy(target_port=5432)
    await proxy.start()
    yield proxy
    await proxy.stop()


@pytest.fixture
def hooks() -> Hooks:
    return Hooks()


@pytest.fixture
async def http(db_proxy: TcpProxy, hooks: Hooks) -> AsyncIterator[httpx.AsyncClient]:
    app = faults_app(db_proxy.database_url(DATABASE), hooks)
    async with serving(app) as base, httpx.AsyncClient(
        base_url=base, timeout=15.0, limits=httpx.Limits(max_connections=1)
    ) as client:
        yield client


async def stored(code: str) -> int:
    engine = create_async_engine(DIRECT)
    try:
        async with engine.connect() as conn:
            return int((await conn.execute(
                text("SELECT count(*) FROM notes WHERE code = :c"), {"c": code})).scalar_one())
    finally:
        await engine.dispose()


def assert_problem(response: httpx.Response, status: int, slug: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"]
    body: dict[str, Any] = response.json()
    assert body["type"].endswith("/" + slug), body
    assert " / " in body["title"]  # Chinese / English
    assert " / " in body["detail"]
    return body


async def test_what_a_2xx_announced_is_readable_at_once(http: httpx.AsyncClient) -> None:
    for n in range(60):
        created = await http.post("/notes", json={"text": "t", "code": f"read-{n}"})
        read = await http.get(f"/notes/read-{n}")
        assert created.status_code == 201
        assert read.json() == {"found": True}, n


async def test_a_commit_that_fails_is_a_409_and_stores_nothing(http: httpx.AsyncClient) -> None:
    response = await http.post("/notes", params={"twice": "true"},
                               json={"text": "t", "code": "deferred"})

    assert_problem(response, 409, "conflict")
    assert await stored("deferred") == 0


async def test_a_link_cut_between_the_last_statement_and_commit_is_a_503(
    http: httpx.AsyncClient, db_proxy: TcpProxy, hooks: Hooks,
) -> None:
    async def cut() -> None:
        db_proxy.set(Link.DOWN)

    hooks.before_commit = cut
    response = await http.post("/notes", json={"text": "t", "code": "cut"})
    hooks.before_commit = None
    db_proxy.set(Link.UP)

    assert_problem(response, 503, "service-unavailable")
    assert response.headers["retry-after"] == "5"
    assert await stored("cut") == 0
    # The pool replaces the dead connection by itself.
    after = await eventually(lambda: _created(http, "after-cut"), within=15,
                             what="a write after the link came back")
    assert after


async def _created(http: httpx.AsyncClient, code: str) -> bool:
    response = await http.post("/notes", json={"text": "t", "code": code})
    return response.status_code == 201


async def test_while_the_database_is_unreachable_requests_get_503_and_recover(
    http: httpx.AsyncClient, db_proxy: TcpProxy,
) -> None:
    assert (await http.post("/notes", json={"text": "t", "code": "warm"})).status_code == 201
    db_proxy.set(Link.DOWN)
    statuses = []
    for n in range(10):
        response = await http.post("/notes", json={"text": "t", "code": f"outage-{n}"})
        assert_problem(response, 503, "service-unavailable")
        statuses.append(response.status_code)
    assert statuses == [503] * 10
    db_proxy.set(Link.UP)

    loop = asyncio.get_running_loop()
    restored_at = loop.time()
    await eventually(lambda: _created(http, "recovered"), within=15, what="recovery")
    assert loop.time() - restored_at < 10
    assert [await stored(f"outage-{n}") for n in range(10)] == [0] * 10


async def test_nul_and_control_characters_are_a_422_naming_the_field(
    http: httpx.AsyncClient,
) -> None:
    body = await http.post("/notes", content=b'{"text": "a\\u0000b", "code": "nul"}',
                           headers={"content-type": "application/json"})
    query = await http.get("/search", params={"q": "a\x00b"})
    control = await http.post("/notes", json={"text": "ok", "code": "bell\x07"})
    escaped = await http.post("/notes", json={"text": "a\\u0000b is text", "code": "escaped"})

    problem = assert_problem(body, 422, "validation-error")
    assert problem["errors"][0]["location"] == ["body", "text"]
    assert "body.text" in problem["detail"]
    assert assert_problem(query, 422, "validation-error")["errors"][0]["location"] == [
        "query", "q"]
    assert assert_problem(control, 422, "validation-error")["errors"][0]["location"] == [
        "body", "code"]
    assert escaped.status_code == 201  # a backslash followed by "u0000" is ordinary text
    assert await stored("nul") == 0


async def test_an_unhandled_error_is_a_500_problem_and_keeps_the_connection(
    http: httpx.AsyncClient, hooks: Hooks,
) -> None:
    first = await http.get("/whoami")
    failed = await http.get("/boom")
    after = await http.get("/whoami")

    assert_problem(failed, 500, "internal-error")
    assert after.status_code == 200
    # The same TCP connection served all three: the 500 did not make uvicorn drop it.
    assert first.json()["port"] == after.json()["port"] == hooks.clients[1]
