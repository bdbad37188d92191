"""Rendering errors as RFC 9457 `application/problem+json`: one renderer for every app."""

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kit.errors import PROBLEM_JSON, TYPE_BASE, ProblemError, Unprocessable

log = structlog.get_logger()


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        body, status_code=int(body["status"]), media_type=PROBLEM_JSON, headers=headers
    )


async def _problem_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return problem_response(exc.to_problem(request.url.path), headers)


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


async def _unhandled_handler(request: Request, exc: Exception) -> JSONResponse:
    # Never leak a stack trace; the request id lets an operator find it in the logs.
    log.exception("unhandled_error", path=request.url.path)
    body = {
        "type": TYPE_BASE + "internal-error",
        "title": "服务器内部错误 / Internal server error",
        "status": 500,
        "detail": "请稍后重试；如持续出现，请提供 X-Request-ID 联系管理员 / "
        "Retry later; if it persists, contact support quoting the X-Request-ID header.",
        "instance": request.url.path,
    }
    return problem_response(body)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _problem_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.add_exception_handler(Exception, _unhandled_handler)
