from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from gateway.openapi.service import OpenApiAggregator

router = APIRouter(include_in_schema=False)


@router.get("/openapi.json")
async def openapi_document(request: Request) -> JSONResponse:
    """The platform's merged OpenAPI document."""
    aggregator: OpenApiAggregator = request.app.state.openapi
    return JSONResponse(await aggregator.document())


@router.get("/docs")
async def swagger_ui() -> HTMLResponse:
    """Swagger UI over the merged document."""
    return get_swagger_ui_html(openapi_url="/openapi.json", title="工程能力评价平台 API / CSE API")
