import uuid
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from kit.errors import Conflict, Unprocessable
from kit.masking import mask_middle, mask_phone
from kit.observability import RequestContextMiddleware
from kit.pagination import decode_cursor, encode_cursor
from kit.problems import install_problem_handlers
from pydantic import BaseModel


class Body(BaseModel):
    n: int


def make_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.add_middleware(RequestContextMiddleware, service="test")

    @app.post("/things")
    async def create(body: Body) -> dict[str, int]:
        if body.n == 1:
            raise Conflict("已存在 / exists", thing=1)
        if body.n == 2:
            raise RuntimeError("secret internals")
        return {"n": body.n}

    return app


@pytest.fixture
async def http() -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=make_app(), raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://t")


async def test_errors_are_problem_json(http: httpx.AsyncClient) -> None:
    conflict = await http.post("/things", json={"n": 1})
    assert conflict.status_code == 409
    assert conflict.headers["content-type"] == "application/problem+json"
    assert conflict.json() | {"thing": 1} == conflict.json()
    invalid = await http.post("/things", json={"n": "x"})
    assert invalid.status_code == 422
    assert invalid.json()["errors"][0]["location"] == ["body", "n"]
    crash = await http.post("/things", json={"n": 2})
    assert crash.status_code == 500
    assert "secret" not in crash.text
    missing = await http.get("/nothing")
    assert missing.headers["content-type"] == "application/problem+json"


async def test_request_id_is_kept_or_made(http: httpx.AsyncClient) -> None:
    given = await http.post("/things", json={"n": 3}, headers={"X-Request-ID": "abc"})
    assert given.headers["x-request-id"] == "abc"
    made = await http.post("/things", json={"n": 3})
    assert len(made.headers["x-request-id"]) == 32


def test_cursor_round_trip_and_garbage() -> None:
    moment, row = datetime(2026, 11, 22, tzinfo=UTC), uuid.uuid4()
    assert decode_cursor(encode_cursor(moment, row)) == (moment, row)
    with pytest.raises(Unprocessable):
        decode_cursor("garbage")


def test_masking() -> None:
    assert mask_phone("+8613812345678") == "+86138****5678"
    assert mask_middle("110101199003074514") == "110***********4514"
    assert mask_middle("ab") == "a*"
    assert mask_phone(None) is None
