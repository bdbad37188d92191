"""One OpenAPI document for the whole platform, merged from every service's own, and the
pages that read it: Swagger UI at /docs and ReDoc at /redoc, with their scripts served from
the platform itself (the `fastapi-offline` package's copies), never from a CDN: offline, or
where a CDN is slow or blocked, a page that loads its script from elsewhere stays blank."""

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from cse_contracts.openapi import build_asyncapi
from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from gateway.openapi.service import OpenApiAggregator

router = APIRouter(include_in_schema=False)

ASSETS_PATH = "/docs/assets"
ASSETS_DIR = Path(str(resources.files("fastapi_offline") / "static"))
TITLE = "工程能力评价平台 API / CSE API"
# The pages may load nothing from elsewhere: ReDoc's bundle, for one, shows a logo from its
# vendor's CDN, which the browser then never requests. Inline script and styles are the
# pages' own (the UI's start-up call, styled components); ReDoc's search runs in a blob worker.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; "
    "connect-src 'self'; frame-ancestors 'self'"
)


@router.get("/openapi.json")
async def openapi_document(request: Request) -> JSONResponse:
    """The platform's merged OpenAPI document."""
    aggregator: OpenApiAggregator = request.app.state.openapi
    return JSONResponse(await aggregator.document())


@router.get("/asyncapi.json")
async def asyncapi_document() -> JSONResponse:
    """The AsyncAPI 3.0 document of the platform's events (channels = routing keys)."""
    return JSONResponse(_asyncapi())


@cache
def _asyncapi() -> dict[str, Any]:
    # Built from the event models the gateway ships with: the same as the committed copy.
    return build_asyncapi()


@router.get("/docs")
async def swagger_ui() -> HTMLResponse:
    """Swagger UI over the merged document."""
    return _same_origin_only(get_swagger_ui_html(
        openapi_url="/openapi.json",
        title=TITLE,
        swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS_PATH}/favicon.png",
        # "Authorize" fills the client-credentials form and posts it to /v1/auth/token.
        swagger_ui_parameters={"persistAuthorization": True, "displayRequestDuration": True},
    ))


@router.get("/redoc")
async def redoc() -> HTMLResponse:
    """ReDoc over the merged document."""
    return _same_origin_only(get_redoc_html(
        openapi_url="/openapi.json",
        title=TITLE,
        redoc_js_url=f"{ASSETS_PATH}/redoc.standalone.js",
        redoc_favicon_url=f"{ASSETS_PATH}/favicon.png",
        with_google_fonts=False,
    ))


def _same_origin_only(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return page


def static_assets() -> StaticFiles:
    return StaticFiles(directory=ASSETS_DIR)
