"""kit.openapi on a tiny app built by the same factory as every service."""

from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI, Header, Response, UploadFile
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from kit.app import create_service_app
from kit.auth import Principal, Role
from kit.dependencies import CurrentPrincipal, expected_version, require_roles
from kit.errors import PROBLEM_JSON
from kit.service import ServiceSpec
from kit.settings import ServiceSettings
from kit.testing import KEYS
from kit.types import TEXT_PATTERN
from kit.versioning import etag
from pydantic import BaseModel, Field
from sqlalchemy import Column, Integer, MetaData, Table

metadata = MetaData()
_outbox = Table("outbox", metadata, Column("id", Integer, primary_key=True))
_inbox = Table("inbox", metadata, Column("id", Integer, primary_key=True))


class Thing(BaseModel):
    name: str = Field(min_length=2, max_length=5)
    count: int = Field(ge=1)


router = APIRouter(prefix="/v1/things")
Clerk = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT, Role.SOCIETY_ADMIN))]
_optional = HTTPBearer(auto_error=False)


@router.get("")
async def list_things() -> list[Thing]:
    """Anyone may read the things."""
    return []


@router.post("", status_code=201)
async def create_thing(
    body: Thing, clerk: Clerk,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Thing:
    """Create a thing."""
    return body


@router.get("/mine")
async def my_things(principal: CurrentPrincipal) -> list[Thing]:
    """Any signed-in caller."""
    return []


@router.get("/{name}")
async def get_thing(name: str, response: Response, _: Clerk) -> Thing:
    """One thing, with its ETag."""
    response.headers["ETag"] = etag(1)
    return Thing(name=name, count=1)


@router.put("/{name}")
async def save_thing(
    name: str, body: Thing, version: Annotated[int, Depends(expected_version)], _: Clerk
) -> Thing:
    """Save a thing (If-Match)."""
    return body


@router.post(
    "/{name}/comments", status_code=201,
    responses={429: {"description": "Too many comments"}},
)
async def comment(
    name: str, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_optional)]
) -> dict[str, str]:
    """The public may comment; a token is optional."""
    return {}


@router.get(
    "/{name}/sheet.pdf", response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def sheet(name: str) -> Response:
    """A file download."""
    return Response(b"%PDF", media_type="application/pdf")


@router.post("/{name}/attachments", status_code=201)
async def attach(name: str, file: UploadFile, _: Clerk) -> dict[str, str]:
    """Upload an attachment."""
    return {}


# Roles on the router, not the route: they must still reach the description.
admin_router = APIRouter(
    prefix="/v1/admin", dependencies=[Depends(require_roles(Role.SECRETARIAT))]
)


@admin_router.delete("/things/{name}", status_code=204)
async def delete_thing(name: str) -> None:
    """Delete a thing."""


def settings() -> ServiceSettings:
    return ServiceSettings(environment="dev", jwks_url="http://127.0.0.1:1/jwks")


SPEC = ServiceSpec(
    name="things", title="Things", description="A tiny service.", settings=settings,
    metadata=metadata, outbox=_outbox, inbox=_inbox,
)


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return create_service_app(SPEC, [router, admin_router], settings(), KEYS.verifier())


@pytest.fixture(scope="module")
def document(app: FastAPI) -> dict[str, Any]:
    return app.openapi()


def op(document: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"][path][method]
    return operation


def problem_statuses(operation: dict[str, Any]) -> set[str]:
    return {
        status for status, response in operation["responses"].items()
        if response.get("content", {}).get(PROBLEM_JSON, {}).get("schema")
        == {"$ref": "#/components/schemas/Problem"}
    }


def test_one_problem_schema_replaces_fastapis_validation_error(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert "ValidationError" not in schemas
    problem = schemas["Problem"]
    assert set(problem["properties"]) == {
        "type", "title", "status", "detail", "instance", "request_id", "errors"}
    assert problem["properties"]["errors"]["items"] == {
        "$ref": "#/components/schemas/ProblemErrorItem"}
    assert {"location", "field", "code", "message_zh", "message_en"} <= set(
        schemas["ProblemErrorItem"]["properties"])
    assert "HTTPValidationError" not in str(document)
    # No error is described as application/json any more.
    for item in document["paths"].values():
        for operation in item.values():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert set(response["content"]) == {PROBLEM_JSON}, (status, operation)


def test_statuses_follow_what_each_route_enforces(document: dict[str, Any]) -> None:
    public = problem_statuses(op(document, "/v1/things", "get"))
    assert public == {"404", "422", "503"}
    create = op(document, "/v1/things", "post")
    # A body that is not UTF-8 / not JSON is refused with a 400 before validation.
    assert problem_statuses(create) == {"400", "401", "403", "404", "409", "422", "503"}
    assert problem_statuses(op(document, "/v1/things/{name}", "put")) == {
        "400", "401", "403", "404", "409", "412", "422", "428", "503"}
    comments = problem_statuses(op(document, "/v1/things/{name}/comments", "post"))
    assert "401" not in comments
    # A status the route declares itself is described as a problem too.
    assert "429" in comments
    assert "Retry-After" in create["responses"]["503"]["headers"]


def test_roles_come_from_the_dependencies_that_enforce_them(document: dict[str, Any]) -> None:
    create = op(document, "/v1/things", "post")
    assert create["x-roles"] == ["secretariat", "society_admin"]
    assert create["description"].startswith("Create a thing.")
    assert "`secretariat`, `society_admin`" in create["description"]
    assert op(document, "/v1/admin/things/{name}", "delete")["x-roles"] == ["secretariat"]
    assert op(document, "/v1/things/mine", "get")["x-roles"] == ["any"]
    assert op(document, "/v1/things", "get")["x-roles"] == ["public"]
    assert "public" in op(document, "/v1/things", "get")["description"]


def test_oauth2_flows_are_the_security_scheme(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert list(schemes) == ["OAuth2"]
    flows = schemes["OAuth2"]["flows"]
    assert flows["clientCredentials"]["tokenUrl"] == "/v1/auth/token"
    assert flows["password"]["tokenUrl"] == "/v1/auth/token"
    assert op(document, "/v1/things", "post")["security"] == [{"OAuth2": []}]
    assert "security" not in op(document, "/v1/things", "get")
    assert op(document, "/v1/things/{name}/comments", "post")["security"] == [
        {"OAuth2": []}, {}]


def test_idempotency_if_match_and_etag_are_declared(document: dict[str, Any]) -> None:
    create = op(document, "/v1/things", "post")
    assert "Idempotency-Key" in {p["name"] for p in create["parameters"]}
    # A replay answers 200 with the first result.
    assert create["responses"]["200"]["content"] == create["responses"]["201"]["content"]
    save = op(document, "/v1/things/{name}", "put")
    [if_match] = [p for p in save["parameters"] if p["in"] == "header"]
    assert if_match["name"] == "If-Match"
    assert "ETag" in op(document, "/v1/things/{name}", "get")["responses"]["200"]["headers"]
    assert "headers" not in op(document, "/v1/things", "get")["responses"]["200"]


async def test_validation_errors_are_sent_in_the_published_item_shape(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app)
    headers = KEYS.headers(Role.SECRETARIAT, "clerk-1")
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        refused = await client.post(
            "/v1/things", json={"name": "x", "count": 0}, headers=headers)
        control = await client.post(
            "/v1/things", json={"name": "a\u0000b", "count": 1}, headers=headers)
        served = await client.get("/openapi.json")
    assert refused.status_code == 422
    assert refused.headers["content-type"] == PROBLEM_JSON
    assert refused.json()["request_id"] == refused.headers["x-request-id"]
    items = {e["field"]: e for e in refused.json()["errors"]}
    assert set(items) == {"name", "count"}
    assert items["name"]["code"] == "string_too_short"
    assert items["name"]["location"] == ["body", "name"]
    assert items["name"]["message_zh"].startswith("文本过短（至少 2 个字符）")
    assert items["count"]["message_zh"].startswith("应不小于 1")
    assert items["count"]["message_en"] == "Input should be greater than or equal to 1"
    item_keys = set(app.openapi()["components"]["schemas"]["ProblemErrorItem"]["properties"])
    for item in [*refused.json()["errors"], *control.json()["errors"]]:
        assert set(item) <= item_keys
        assert all(item[key] for key in ("code", "message_zh", "message_en"))
    assert control.status_code == 422
    assert control.json()["errors"][0]["code"] == "string_control_character"
    assert served.json() == app.openapi()


def test_file_downloads_declare_a_binary_schema(document: dict[str, Any]) -> None:
    content = op(document, "/v1/things/{name}/sheet.pdf", "get")["responses"]["200"]["content"]
    assert content["application/pdf"]["schema"] == {
        "type": "string", "format": "binary", "contentMediaType": "application/pdf"}


def test_uploads_are_files_to_generated_clients(document: dict[str, Any]) -> None:
    attach = op(document, "/v1/things/{name}/attachments", "post")
    [ref] = [c["schema"]["$ref"] for c in attach["requestBody"]["content"].values()]
    body = document["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert body["properties"]["file"]["format"] == "binary"
    assert "413" in attach["responses"]


async def test_a_405_allows_every_method_of_the_most_specific_path(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        both = await client.request("OPTIONS", "/v1/things")
        literal = await client.request("DELETE", "/v1/things/mine")
        # PUT /v1/things/{name} would take `mine` as a name, and refuse the missing body; but
        # the resource /v1/things/mine answers GET only.
        clerk = {**KEYS.headers(Role.SECRETARIAT, "c"), "If-Match": '"1"'}
        taken = await client.put("/v1/things/mine", headers=clerk)
        invalid = await client.put("/v1/things/other", headers=clerk)
    # GET and POST of /v1/things are two routes; Starlette alone names the first one's only.
    assert both.status_code == 405
    assert both.headers["allow"] == "GET, POST"
    assert both.headers["content-type"] == PROBLEM_JSON
    # /v1/things/mine, not also /v1/things/{name} (GET, PUT) that its path matches too.
    assert literal.status_code == 405
    assert literal.headers["allow"] == "GET"
    assert taken.status_code == 405
    assert taken.headers["allow"] == "GET"
    assert invalid.status_code == 422


def test_free_text_declares_the_refused_control_characters(document: dict[str, Any]) -> None:
    thing = document["components"]["schemas"]["Thing"]
    assert thing["properties"]["name"]["pattern"] == TEXT_PATTERN
    assert thing["propertyNames"] == {"pattern": TEXT_PATTERN}
    # Not on what has a form of its own.
    assert "pattern" not in thing["properties"]["count"]
    problem = document["components"]["schemas"]["Problem"]
    assert "pattern" not in problem["properties"]["detail"]
