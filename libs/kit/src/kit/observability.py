"""Structured logs carrying the request id, and Prometheus metrics."""

import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any
from urllib.parse import parse_qsl

import structlog
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kit.tracing import SpanKind, span

REQUEST_ID_HEADER = "x-request-id"
_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

HTTP_REQUESTS = Counter(
    "cse_http_requests_total", "HTTP requests served, by route template and status",
    ["service", "method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "cse_http_request_seconds", "HTTP request latency by route template",
    ["service", "method", "route"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
EVENTS_PUBLISHED = Counter("cse_events_published_total", "Outbox events confirmed", ["service"])
EVENTS_CONSUMED = Counter(
    "cse_events_consumed_total", "Events consumed", ["service", "queue", "outcome"]
)


def current_request_id() -> str | None:
    return _request_id.get()


def bind_request_id(request_id: str | None) -> None:
    _request_id.set(request_id)
    if request_id:
        structlog.contextvars.bind_contextvars(request_id=request_id)
    else:
        structlog.contextvars.unbind_contextvars("request_id")


def configure_logging(service: str, level: str = "INFO", json: bool = True) -> None:
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if json
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.bind_contextvars(service=service)


# Operational routes are probed every few seconds and hammered by benchmarks: no access line.
_QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/ping"})
access_log = structlog.get_logger("access")


class RequestContextMiddleware:
    """Pure ASGI (no BaseHTTPMiddleware overhead), around every request of every app:

    - the request id, kept from `X-Request-ID` or made, returned on every response (errors
      included) and bound to every log line of the request;
    - text PostgreSQL cannot store (NUL) and control characters refused with one 422 naming
      the field, for the path, the query and every JSON body of every service;
    - an unhandled error answered with a 500 problem here, logged with its traceback, and
      never re-raised, so the keep-alive connection stays usable for the next request;
    - one access log line (method, route template, status, duration, caller) and per-route
      metrics (the route template as label, never the raw path)."""

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = None
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                incoming = value.decode("latin-1")[:200]
                break
        request_id = incoming if incoming and _SAFE_ID.fullmatch(incoming) else uuid.uuid4().hex
        bind_request_id(request_id)
        method = scope["method"]
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        carrier = {name.decode("latin-1"): value.decode("latin-1")
                   for name, value in scope["headers"] if name in _TRACE_HEADERS}
        template = "unmatched"
        try:
            with span(f"{method} {scope['path']}", kind=SpanKind.SERVER, carrier=carrier,
                      attributes={"http.request.method": method,
                                  "cse.request_id": request_id}) as current:
                try:
                    refusal = text_refusal_of_target(scope)
                    if refusal is None and _is_json(scope):
                        receive, refusal = await _screen_json_body(receive)
                    if refusal is not None:
                        response: Response = _refuse(refusal, scope["path"])
                        await response(scope, receive, send_with_id)
                    else:
                        await self.app(scope, receive, send_with_id)
                except Exception as exc:
                    if response_started:
                        raise
                    from kit.problems import internal_error

                    await internal_error(scope["path"], exc)(scope, receive, send_with_id)
                finally:
                    template = getattr(scope.get("route"), "path", None) or "unmatched"
                    current.update_name(f"{method} {template}")
                    current.set_attribute("http.route", template)
                    current.set_attribute("http.response.status_code", status)
        finally:
            elapsed = time.perf_counter() - started
            HTTP_REQUESTS.labels(self.service, method, template, str(status)).inc()
            HTTP_LATENCY.labels(self.service, method, template).observe(elapsed)
            if scope["path"] not in _QUIET_PATHS:
                principal = scope.get("state", {}).get("principal")
                access_log.info(
                    "request", method=method, route=template, path=scope["path"],
                    status=status, duration_ms=round(elapsed * 1000, 2),
                    subject=getattr(principal, "subject", None),
                    role=str(getattr(principal, "role", "") or "") or None,
                    society=getattr(principal, "society", None),
                )
            bind_request_id(None)


_TRACE_HEADERS = frozenset({b"traceparent", b"tracestate"})
_SAFE_ID = re.compile(r"[A-Za-z0-9._:-]{1,200}")
# A JSON escape of NUL or a C0 control other than tab, LF and CR, not itself escaped.
_JSON_CONTROL = re.compile(rb"(?<!\\)(?:\\\\)*\\u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F])")
_QUERY_CONTROL = re.compile(rb"%(?:0[0-8bBcCeEfF]|1[0-9a-fA-F])")
_TEXT_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _is_json(scope: Scope) -> bool:
    if scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
        return False
    for name, value in scope["headers"]:
        if name == b"content-type":
            media = value.split(b";", 1)[0].strip().lower()
            return bool(media == b"application/json" or media.endswith(b"+json"))
    return False


def text_refusal_of_target(scope: Scope) -> list[dict[str, Any]] | None:
    """Control characters in the path or in a query parameter."""
    if _TEXT_CONTROL.search(scope["path"]):
        return [_text_error(["path"])]
    query: bytes = scope.get("query_string", b"")
    if not _QUERY_CONTROL.search(query):
        return None
    errors = []
    for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
        if _TEXT_CONTROL.search(name) or _TEXT_CONTROL.search(value):
            errors.append(_text_error(["query", name]))
    return errors or [_text_error(["query"])]


async def _screen_json_body(receive: Receive) -> tuple[Receive, list[dict[str, Any]] | None]:
    """Read the whole JSON body (nginx bounds its size), refuse control characters in any
    string, and hand the same bytes on to the app."""
    chunks = []
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            return _replay([message]), None
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(chunks)
    replay = _replay([{"type": "http.request", "body": body, "more_body": False}], receive)
    if not _JSON_CONTROL.search(body):
        return replay, None
    try:
        document = json.loads(body)
    except ValueError:
        return replay, None  # malformed JSON: the framework's validation answers it
    locations = list(_control_locations(document, ["body"]))
    return replay, [_text_error(loc) for loc in locations] or [_text_error(["body"])]


def _control_locations(value: Any, path: list[str]) -> Iterator[list[str]]:
    if isinstance(value, str):
        if _TEXT_CONTROL.search(value):
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            if _TEXT_CONTROL.search(key):
                yield [*path, key]
            else:
                yield from _control_locations(item, [*path, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _control_locations(item, [*path, str(index)])


def _replay(messages: list[Message], then: Receive | None = None) -> Receive:
    pending = list(messages)

    async def receive() -> Message:
        if pending:
            return pending.pop(0)
        if then is not None:
            return await then()
        return {"type": "http.disconnect"}

    return receive


def _text_error(location: list[str]) -> dict[str, Any]:
    # The one errors[] item shape of kit.openapi's ProblemErrorItem.
    field = location[1:] if location and location[0] in {"body", "query", "path"} else location
    return {
        "location": location,
        "field": ".".join(field),
        "code": "string_control_character",
        "message_zh": "含有无法保存的控制字符（如 NUL）",
        "message_en": "contains a control character (such as NUL) that cannot be stored",
        "message": "含有无法保存的控制字符（如 NUL）/ contains a control character (such as NUL) "
        "that cannot be stored",
    }


def _refuse(errors: list[dict[str, Any]], instance: str) -> Response:
    from kit.errors import Unprocessable
    from kit.problems import problem_response

    fields = ", ".join(".".join(e["location"]) for e in errors[:10])
    problem = Unprocessable(
        f"请删除以下字段中的控制字符（如 NUL）后重试 / Remove the control characters (such as "
        f"NUL) from these fields and retry: {fields}",
        errors=errors,
    )
    return problem_response(problem.to_problem(instance))


async def metrics_endpoint(request: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
