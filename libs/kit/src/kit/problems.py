"""Rendering errors as RFC 9457 `application/problem+json`: one renderer for every app."""

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from kit.db import database_problem
from kit.errors import PROBLEM_JSON, TYPE_BASE, ProblemError, ServiceUnavailable, Unprocessable

log = structlog.get_logger()


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
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
    errors = [
        {
            "location": [str(part) for part in err.get("loc", ())],
            "message": err.get("msg", ""),
            "type": err.get("type", ""),
        }
        for err in exc.errors()
    ]
    detail = "; ".join(f"{'.'.join(e['location'])}: {e['message']}" for e in errors[:10])
    body = Unprocessable(
        "请按 errors 列表逐项更正后重新提交 / Correct each item in `errors` and resubmit: "
        + detail,
        errors=errors,
    ).to_problem(request.url.path)
    return problem_response(body)


_HTTP_TITLES = {
    404: "未找到 / Not found",
    405: "不支持的方法 / Method not allowed",
    413: "请求体过大 / Payload too large",
    415: "不支持的媒体类型 / Unsupported media type",
}


async def _http_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    body = {
        "type": TYPE_BASE + f"http-{exc.status_code}",
        "title": _HTTP_TITLES.get(exc.status_code, "请求失败 / Request failed"),
        "status": exc.status_code,
        "detail": str(exc.detail),
        "instance": request.url.path,
    }
    return problem_response(body, dict(exc.headers) if exc.headers else None)


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
