"""The OpenAPI document every app publishes, completed from its routes.

FastAPI describes what it sees in signatures: a 422 shaped as its own `HTTPValidationError`
(`application/json`, which the platform never sends), plain bearer security, and nothing of
the statuses raised from service code. Integrators generate clients from this document, so
`install(app)` rewrites it once, from facts found on the routes themselves (the dependency
objects that enforce roles, If-Match and Idempotency-Key), so it cannot drift from the code:

- one `Problem` schema (RFC 9457 + `request_id` + `errors[]` of one `ProblemErrorItem`
  shape) as `application/problem+json` for every error status an operation can answer;
- the OAuth2 client-credentials and password flows (token URL `/v1/auth/token`) as the
  security scheme;
- the roles allowed on each operation in its description (and `x-roles`);
- `Idempotency-Key`, `If-Match` and the `ETag` response header where routes use them.
"""

import copy
import inspect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from fastapi.security.base import SecurityBase
from starlette.routing import BaseRoute

from kit.errors import PROBLEM_JSON, TYPE_BASE
from kit.types import TEXT_PATTERN

Document = dict[str, Any]

TOKEN_URL = "/v1/auth/token"
SECURITY_SCHEME = "OAuth2"
PROBLEM = "Problem"
PROBLEM_ITEM = "ProblemErrorItem"
_PROBLEM_REF = {"$ref": f"#/components/schemas/{PROBLEM}"}
_FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")
# What kit.observability refuses in every JSON string, path and query value (NUL and the C0
# controls but tab, LF and CR: PostgreSQL, workbooks and PDFs cannot hold them), declared on
# every free-text string so a client (or a fuzzer) knows it before sending.
_CONSTRAINED = ("format", "enum", "const", "pattern", "contentMediaType", "contentEncoding")
_NOT_SCHEMAS = ("example", "examples", "default", "const", "enum", "x-roles")
_WRITE_METHODS = {"post", "put", "patch", "delete"}

PROBLEM_ITEM_SCHEMA: Document = {
    "title": PROBLEM_ITEM,
    "type": "object",
    "description": (
        "一项可逐条更正的错误 / One itemised error, the same shape for request fields, workbook "
        "cells and submission checks: `code` says what is wrong, `message_zh` / `message_en` "
        "say it to a person, `location` / `field` (or `sheet` / `row` / `column` for a "
        "workbook cell) say where."
    ),
    "properties": {
        "code": {
            "type": "string",
            "description": "Machine-readable reason, e.g. `missing`, `string_too_long`, "
            "`not_barred`; stable across releases.",
        },
        "message_zh": {"type": "string", "description": "中文说明 / The message in Chinese."},
        "message_en": {"type": "string", "description": "The message in English."},
        "location": {
            "type": "array",
            "items": {"type": "string"},
            "description": 'Where in the request: `["body", "candidates", "0", "id_number"]`, '
            '`["query", "limit"]`, `["header", "if-match"]`.',
        },
        "field": {
            "type": "string",
            "description": "The field's dotted name without its location, e.g. "
            "`candidates.0.id_number`.",
        },
        "sheet": {"type": "string", "description": "Workbook errors: the sheet's name."},
        "row": {"type": "integer", "description": "Workbook errors: the row number (1-based)."},
        "column": {"type": "string", "description": "Workbook errors: the column's heading."},
        "message": {
            "type": "string",
            "deprecated": True,
            "description": "Deprecated: the validator's own message; read `message_zh` / "
            "`message_en`.",
        },
    },
    "additionalProperties": True,
}

PROBLEM_SCHEMA: Document = {
    "title": PROBLEM,
    "type": "object",
    "description": (
        "RFC 9457 问题详情 / RFC 9457 problem details, sent as `application/problem+json` for "
        "every error of the platform. Further members (e.g. `current_etag` on a 412) may be "
        "present and are described with the error's `type`."
    ),
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {
            "type": "string",
            "format": "uri-reference",
            "description": f"Identifies the kind of error, e.g. `{TYPE_BASE}not-found`: a "
            "reference relative to the request's URL, resolving to the gateway's page that "
            "explains it (meaning, likely cause, what to do; `/problems/` lists them all). "
            "Compare on this, not on `title`.",
        },
        "title": {"type": "string", "description": "中文 / English, the same for every error of "
                  "this `type`."},
        "status": {"type": "integer", "minimum": 400, "maximum": 599,
                   "description": "The HTTP status code, repeated."},
        "detail": {"type": "string", "description": "中文 / English: what happened to this "
                   "request and what to do about it."},
        "instance": {"type": "string", "description": "The request path that failed."},
        "request_id": {"type": "string", "description": "The request's `X-Request-ID` (also a "
                       "response header), to quote when asking for support."},
        "errors": {
            "type": "array",
            "items": {"$ref": f"#/components/schemas/{PROBLEM_ITEM}"},
            "description": "Itemised errors to correct one by one (422s).",
        },
    },
    "additionalProperties": True,
}

SECURITY_SCHEME_OBJECT: Document = {
    "type": "oauth2",
    "description": (
        "令牌来自身份认证服务 / Bearer JWT from the identity app: systems (HR, partner, "
        f"provider) use `client_credentials` at `{TOKEN_URL}` (form or HTTP Basic), people "
        "the `password` grant. Send it as `Authorization: Bearer <token>`."
    ),
    "flows": {
        "clientCredentials": {"tokenUrl": TOKEN_URL, "scopes": {}},
        "password": {"tokenUrl": TOKEN_URL, "scopes": {}},
    },
}

_STATUS_TEXT = {
    "400": "请求体无法解析 / The body could not be parsed (not UTF-8, or not the declared media "
    "type's syntax): fix the encoding and resend.",
    "401": "未登录或令牌无效 / Not authenticated: no bearer token, or it is invalid, expired "
    "or revoked.",
    "403": "无权执行此操作 / Forbidden: your role may not do this, or the data belongs to "
    "another society, enterprise or organisation.",
    "404": "未找到 / Not found (or not visible to you).",
    "409": "与当前状态冲突 / Conflict with the current state (e.g. already decided, or a "
    "concurrent change): read the detail, GET it again and retry.",
    "412": "文档已被他人修改 / If-Match is not the current ETag: GET it again, reapply your "
    "changes and save.",
    "413": "请求体过大 / Payload too large.",
    "422": "提交的数据有误 / The request is invalid; `errors` lists each item to correct.",
    "428": "缺少 If-Match 请求头 / If-Match is required: GET the document and send its ETag.",
    "503": "服务暂时不可用 / A dependency (database, broker, key server) cannot be reached; "
    "nothing was stored. Retry after `Retry-After` seconds.",
}
_HEADER_TEXT = {
    "idempotency-key": ("Idempotency-Key", "同一键重试不会重复创建 / Retries with the same key "
                        "return the first result and store nothing again."),
    "if-match": ("If-Match", 'The ETag of the version you edited, e.g. `"3"` (GET returns it); '
                 "412 when someone saved since, 428 when missing."),
}
_ETAG_HEADER = {
    "description": 'The version of the returned document, e.g. `"3"`: send it back in '
    "`If-Match` to save changes.",
    "schema": {"type": "string"},
}
_RETRY_AFTER = {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}


@dataclass(frozen=True, slots=True)
class RouteFacts:
    """What a route's code enforces, read from its dependency tree."""

    secured: bool
    optional_auth: bool
    roles: tuple[str, ...] | None
    if_match: bool
    idempotency_key: bool
    etag: bool


def install(app: FastAPI) -> None:
    """Replace `app.openapi` with one that completes FastAPI's document (built once)."""
    generate: Callable[[], Document] = app.openapi
    completed: Document | None = None

    def openapi() -> Document:
        nonlocal completed
        if completed is None:
            completed = complete(copy.deepcopy(generate()), app.routes)
        app.openapi_schema = completed
        return completed

    app.openapi = openapi  # type: ignore[method-assign]


def complete(document: Document, routes: Sequence[BaseRoute]) -> Document:
    """The platform's conventions applied to FastAPI's `document` of `routes`."""
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas[PROBLEM] = copy.deepcopy(PROBLEM_SCHEMA)
    schemas[PROBLEM_ITEM] = copy.deepcopy(PROBLEM_ITEM_SCHEMA)
    components["securitySchemes"] = {SECURITY_SCHEME: copy.deepcopy(SECURITY_SCHEME_OBJECT)}
    # Route contexts, not app.routes: included routers are entries of their own there, and
    # a context carries the router's prefix and dependencies along with the route's.
    for route in iter_route_contexts(routes):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        item = document.get("paths", {}).get(route.path_format)
        if item is None:
            continue
        facts = route_facts(route)
        for method in route.methods or ():
            operation = item.get(method.lower())
            if operation is not None:
                _complete_operation(operation, method.lower(), facts)
    for name in _FASTAPI_VALIDATION:
        schemas.pop(name, None)
    _mark_binary(schemas)
    for name, schema in schemas.items():
        if name not in (PROBLEM, PROBLEM_ITEM):
            _declare_text_pattern(schema)
    for item in document.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict):
                for parameter in operation.get("parameters", []):
                    if parameter.get("in") in ("path", "query"):
                        _declare_text_pattern(parameter.get("schema"))
    return document


def _declare_text_pattern(node: Any) -> None:
    """`pattern: TEXT_PATTERN` on every free-text string schema under `node`."""
    if isinstance(node, dict):
        if node.get("type") == "string" and not any(key in node for key in _CONSTRAINED):
            node["pattern"] = TEXT_PATTERN
        if node.get("type") == "object" and node.get("additionalProperties") is not False:
            # Names of extra members are screened like every other string.
            node.setdefault("propertyNames", {"pattern": TEXT_PATTERN})
        for key, value in node.items():
            if key not in _NOT_SCHEMAS and key != "properties":
                _declare_text_pattern(value)
        for value in (node.get("properties") or {}).values():
            _declare_text_pattern(value)
    elif isinstance(node, list):
        for item in node:
            _declare_text_pattern(item)


def _mark_binary(node: Any) -> None:
    """Uploads: OpenAPI 3.1 says a file with `contentMediaType` alone; generators (e.g.
    openapi-python-client) send it as a file only with `format: binary`, else as text."""
    if isinstance(node, dict):
        if node.get("type") == "string" and "contentMediaType" in node and "format" not in node:
            node["format"] = "binary"
        for value in node.values():
            _mark_binary(value)
    elif isinstance(node, list):
        for item in node:
            _mark_binary(item)


def route_facts(route: RouteContext | APIRoute) -> RouteFacts:
    calls = [dependant.call for dependant in _walk(route.dependant)]
    names = {getattr(call, "__qualname__", "") for call in calls}
    headers = {
        (param.alias or param.name).lower().replace("_", "-")
        for dependant in _walk(route.dependant)
        for param in dependant.header_params
    }
    role_sets = [frozenset(r) for call in calls if (r := getattr(call, "roles", None))]
    roles: tuple[str, ...] | None = None
    if role_sets:
        allowed = frozenset.intersection(*role_sets)
        roles = tuple(sorted(str(getattr(role, "value", role)) for role in allowed))
    secured = "current_principal" in names
    optional = not secured and any(isinstance(call, SecurityBase) for call in calls)
    return RouteFacts(
        secured=secured,
        optional_auth=optional,
        roles=roles,
        if_match="if-match" in headers,
        idempotency_key="idempotency-key" in headers,
        etag=_sets_etag(route.endpoint),
    )


def _walk(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _walk(sub)


def _sets_etag(endpoint: Callable[..., Any] | None) -> bool:
    # The endpoints set the header themselves (`response.headers["ETag"] = etag(...)`).
    if endpoint is None:
        return False
    try:
        source = inspect.getsource(endpoint)
    except (OSError, TypeError):
        return False
    return '"ETag"' in source or "'ETag'" in source


def _complete_operation(operation: Document, method: str, facts: RouteFacts) -> None:
    responses: Document = operation.setdefault("responses", {})
    responses.pop("422", None)
    wanted = ["404", "422", "503"]
    if facts.secured:
        wanted += ["401", "403"]
    if method in _WRITE_METHODS:
        wanted.append("409")
    if facts.if_match:
        wanted += ["412", "428"]
    body_media = operation.get("requestBody", {}).get("content", {})
    if body_media:
        wanted.append("400")
    if "multipart/form-data" in body_media:
        wanted.append("413")
    for status in wanted:
        responses.setdefault(status, _problem_response(status))
    for status, response in responses.items():
        # Statuses a route declares itself (`responses={401: {...}}`) are problems too.
        if status[0] in "45" and PROBLEM_JSON not in response.get("content", {}):
            # A route's own error model (`responses={400: {"model": ...}}`) is what it sends,
            # as a problem: FastAPI files it under application/json, which errors never are.
            declared = response.get("content", {}).get("application/json", {}).get("schema")
            if not declared or any(name in str(declared) for name in _FASTAPI_VALIDATION):
                declared = dict(_PROBLEM_REF)
            response["content"] = {PROBLEM_JSON: {"schema": declared}}
    if facts.secured:
        responses["401"].setdefault("headers", {})["WWW-Authenticate"] = {
            "description": "`Bearer`", "schema": {"type": "string"}}
    responses["503"].setdefault("headers", {})["Retry-After"] = _RETRY_AFTER

    if facts.idempotency_key and "201" in responses and "200" not in responses:
        replay = copy.deepcopy(responses["201"])
        replay["description"] = (
            "重试（同一 Idempotency-Key）：返回首次的结果，不重复保存 / A retry with the same "
            "Idempotency-Key: the first result, nothing stored again."
        )
        responses["200"] = replay
    for status, response in responses.items():
        if status.startswith("2"):
            for media, content in response.get("content", {}).items():
                if "json" not in media and not content.get("schema"):
                    # A file download (PDF, workbook, image, JWT) or an HTML page.
                    content["schema"] = (
                        {"type": "string"} if media.startswith("text/")
                        else {"type": "string", "format": "binary", "contentMediaType": media}
                    )
    if facts.etag:
        for status, response in responses.items():
            if status.startswith("2"):
                response.setdefault("headers", {})["ETag"] = dict(_ETAG_HEADER)

    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "header":
            known = _HEADER_TEXT.get(str(parameter.get("name", "")).lower())
            if known is not None:
                parameter["name"] = known[0]
                parameter.setdefault("description", known[1])

    if facts.secured:
        operation["security"] = [{SECURITY_SCHEME: []}]
    elif facts.optional_auth:
        operation["security"] = [{SECURITY_SCHEME: []}, {}]
    else:
        operation.pop("security", None)
    operation["x-roles"] = list(facts.roles) if facts.roles is not None else (
        ["any"] if facts.secured else ["public"])
    operation["description"] = _with_roles(operation.get("description", ""), facts)
    # Status order, so the document reads (and diffs) the same way every time.
    operation["responses"] = dict(sorted(responses.items()))


def _problem_response(status: str) -> Document:
    return {
        "description": _STATUS_TEXT[status],
        "content": {PROBLEM_JSON: {"schema": dict(_PROBLEM_REF)}},
    }


def _with_roles(description: str, facts: RouteFacts) -> str:
    if facts.roles is not None:
        line = "**角色 / Roles:** " + ", ".join(f"`{role}`" for role in facts.roles)
    elif facts.secured:
        line = "**角色 / Roles:** 任何已登录角色 / any signed-in role"
    elif facts.optional_auth:
        line = "**角色 / Roles:** 公开；可带令牌 / public, a token is optional"
    else:
        line = "**角色 / Roles:** 公开，无需令牌 / public, no token"
    description = description.strip()
    return f"{description}\n\n{line}" if description else line
