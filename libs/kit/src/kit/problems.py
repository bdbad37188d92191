"""Rendering errors as RFC 9457 `application/problem+json`: one renderer for every app."""

import re
from collections.abc import Mapping
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from kit.db import database_problem
from kit.errors import PROBLEM_JSON, TYPE_BASE, ProblemError, ServiceUnavailable, Unprocessable
from kit.observability import current_request_id

log = structlog.get_logger()


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    # Every problem names the request it answers, the id an operator finds in the logs.
    request_id = current_request_id()
    if request_id:
        body.setdefault("request_id", request_id)
    return JSONResponse(
        body, status_code=int(body["status"]), media_type=PROBLEM_JSON, headers=headers
    )


async def _problem_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return render_problem(exc, request.url.path)


def render_problem(exc: ProblemError, instance: str) -> JSONResponse:
    headers = None
    if exc.status == 401:
        headers = {"WWW-Authenticate": "Bearer"}
    elif isinstance(exc, ServiceUnavailable):
        headers = {"Retry-After": str(exc.retry_after)}
    return problem_response(exc.to_problem(instance), headers)


async def _database_handler(request: Request, exc: Exception) -> JSONResponse:
    """A database failure anywhere in a request, COMMIT included: 503 when it cannot be
    reached, 409 for a conflict it detected; anything else is a bug and a 500."""
    problem = database_problem(exc)
    if problem is None:
        return internal_error(request.url.path, exc)
    log.warning("database_problem", status=problem.status, error=type(exc).__name__,
                message=str(exc)[:300])
    return render_problem(problem, request.url.path)


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    allowed = allowed_methods(request.app, request.url.path)
    if allowed and request.method not in allowed:
        # `PATCH /v1/things/me` reached `PATCH /v1/things/{thing_id}` only because a literal
        # path looks like an id; the resource `/v1/things/me` answers other methods: a 405.
        return await _http_handler(request, StarletteHTTPException(405, "Method Not Allowed"))
    errors = [validation_item(err) for err in exc.errors()]
    detail = "; ".join(f"{'.'.join(e['location'])}: {e['message_en']}" for e in errors[:10])
    body = Unprocessable(
        "请按 errors 列表逐项更正后重新提交 / Correct each item in `errors` and resubmit: "
        + detail,
        errors=errors,
    ).to_problem(request.url.path)
    request_id = current_request_id()
    if request_id:
        body["request_id"] = request_id
    return problem_response(body)


# Chinese for the validator messages people meet most; others keep the English beside a
# generic Chinese lead, so message_zh is never empty.
_ZH_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "不允许的字段",
    "string_type": "应为文本",
    "string_too_short": "文本过短（至少 {min_length} 个字符）",
    "string_too_long": "文本过长（最多 {max_length} 个字符）",
    "string_pattern_mismatch": "格式不符",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "decimal_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "too_short": "项数过少（至少 {min_length} 项）",
    "too_long": "项数过多（最多 {max_length} 项）",
    "enum": "应为以下之一：{expected}",
    "literal_error": "应为以下之一：{expected}",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为日期时间（ISO 8601）",
    "datetime_type": "应为日期时间（ISO 8601）",
    "uuid_parsing": "应为 UUID",
    "uuid_type": "应为 UUID",
    "json_invalid": "不是有效的 JSON",
    "model_attributes_type": "应为对象",
    "dict_type": "应为对象",
    "list_type": "应为数组",
    "url_parsing": "应为网址",
    "url_scheme": "网址协议不允许",
    "multiple_of": "应为 {multiple_of} 的倍数",
}
_LOCATIONS = {"body", "query", "path", "header", "cookie"}


def validation_item(err: Mapping[str, Any]) -> dict[str, Any]:
    """One framework validation error in the platform's one `errors[]` item shape."""
    location = [str(part) for part in err.get("loc", ())]
    code = str(err.get("type", "invalid"))
    message = str(err.get("msg", "")).removeprefix("Value error, ")
    if any("\u4e00" <= char <= "\u9fff" for char in message):
        # A validator written here already speaks Chinese, usually as "中文 / English".
        zh, _, en = message.partition(" / ")
        message_zh, message_en = zh.strip(), (en.strip() or message)
    else:
        template = _ZH_MESSAGES.get(code)
        context = {key: str(value) for key, value in (err.get("ctx") or {}).items()}
        try:
            lead = template.format(**context) if template else "取值无效"
        except (KeyError, IndexError):
            lead = "取值无效"
        message_zh, message_en = f"{lead}（{message}）", message
    field = location[1:] if location and location[0] in _LOCATIONS else location
    return {
        "location": location,
        "field": ".".join(field),
        "code": code,
        "message_zh": message_zh,
        "message_en": message_en,
        # The former name, kept for clients written against it (deprecated in the schema).
        "message": message,
    }


_HTTP_TITLES = {
    400: "请求无法解析 / Malformed request",
    404: "未找到 / Not found",
    405: "不支持的方法 / Method not allowed",
    413: "请求体过大 / Payload too large",
    415: "不支持的媒体类型 / Unsupported media type",
}


async def _http_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers) if exc.headers else {}
    if exc.status_code == 405:
        # Starlette names only the methods of the first route on the path; a path served by
        # several routes (GET and PUT apart) allows every method any of them answers.
        allowed = allowed_methods(request.app, request.url.path)
        if allowed:
            headers["Allow"] = ", ".join(allowed)
    body = {
        "type": TYPE_BASE + f"http-{exc.status_code}",
        "title": _HTTP_TITLES.get(exc.status_code, "请求失败 / Request failed"),
        "status": exc.status_code,
        "detail": str(exc.detail),
        "instance": request.url.path,
    }
    return problem_response(body, headers or None)


def allowed_methods(app: Any, path: str) -> list[str]:
    """The methods `app` answers on `path`, sorted: those of the most specific route templates
    matching it (fewest parameters), so `/v1/things/export.xlsx` allows what that route does,
    not also what `/v1/things/{thing_id}` does."""
    table: list[tuple[re.Pattern[str], int, frozenset[str]]] | None = getattr(
        app.state, "method_table", None)
    if table is None:
        table = []
        for route in iter_route_contexts(app.routes):
            path_format, methods = route.path_format, route.methods
            if path_format and methods:
                regex, _, convertors = compile_path(path_format)
                table.append((regex, len(convertors), frozenset(methods)))
        app.state.method_table = table
    matching = [(params, methods) for regex, params, methods in table if regex.match(path)]
    if not matching:
        return []
    fewest = min(params for params, _ in matching)
    return sorted({m for params, methods in matching if params == fewest for m in methods})


def internal_error(instance: str, exc: BaseException) -> JSONResponse:
    """A bug: logged with its traceback and request id; the client gets no stack trace."""
    log.error("unhandled_error", path=instance, exc_info=exc)
    body = {
        "type": TYPE_BASE + "internal-error",
        "title": "服务器内部错误 / Internal server error",
        "status": 500,
        "detail": "请稍后重试；如持续出现，请提供 X-Request-ID 联系管理员 / "
        "Retry later; if it persists, contact support quoting the X-Request-ID header.",
        "instance": instance,
    }
    return problem_response(body)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _problem_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    # Not a handler for `Exception`: Starlette runs that one in its outermost middleware, which
    # re-raises after answering, and uvicorn then drops the keep-alive connection (nginx saw
    # 502s on the next request). The request middleware answers unhandled errors instead.
    for kind in (SQLAlchemyError, OSError, TimeoutError):
        app.add_exception_handler(kind, _database_handler)
