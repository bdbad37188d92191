"""The trace context of a request reaches the events it emits."""

import httpx
from fastapi import FastAPI
from kit.events import Envelope, EventData
from kit.observability import RequestContextMiddleware
from kit.tracing import current_traceparent

INCOMING = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


class Noted(EventData):
    event_type = "test.noted"

    text: str


def traced_app() -> FastAPI:
    app = FastAPI()

    @app.post("/notes")
    async def create() -> dict[str, str | None]:
        envelope = Envelope.wrap(Noted(text="x"), source="/test", subject=None,
                                 traceparent=current_traceparent())
        return {"traceparent": envelope.traceparent}

    app.add_middleware(RequestContextMiddleware, service="test")
    return app


async def test_an_event_emitted_in_a_request_carries_the_request_trace() -> None:
    transport = httpx.ASGITransport(app=traced_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        traced = await client.post("/notes", headers={"traceparent": INCOMING})
        untraced = await client.post("/notes")

    carried = traced.json()["traceparent"]
    assert carried.split("-")[1] == "4bf92f3577b34da6a3ce929d0e0e4736"  # the same trace
    assert untraced.json()["traceparent"] is None  # no trace came in, none is invented
