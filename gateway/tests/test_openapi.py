"""The merged OpenAPI document, built from two small stand-in services served in-process."""

import copy
import re
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest
from cse_contracts.openapi import build_asyncapi
from fastapi import FastAPI
from gateway.app import create_app
from gateway.config import GatewaySettings
from gateway.openapi import service as openapi_service
from gateway.openapi.merge import merge_documents
from gateway.routes import DEFAULT_UPSTREAMS, route_for
from pydantic import BaseModel


def evaluation_app() -> FastAPI:
    class Summary(BaseModel):
        case_id: str

    class Page(BaseModel):
        items: list[Summary]

    app = FastAPI(title="评价 / evaluation")

    @app.get("/v1/cases", tags=["cases"])
    async def list_cases() -> Page:
        """List cases."""
        return Page(items=[])

    @app.get("/v1/cases/{case_id}", tags=["cases"])
    async def get_case(case_id: str) -> Summary:
        """One case."""
        return Summary(case_id=case_id)

    @app.get("/internal/stats")
    async def stats() -> dict[str, int]:
        """Not routed by the gateway: must not appear."""
        return {}

    @app.get("/v1/certificates")
    async def stray() -> dict[str, int]:
        """Routed to registry, not here: must not appear under evaluation."""
        return {}

    return app


def registry_app() -> FastAPI:
    class Summary(BaseModel):
        certificate_no: str

    class Page(BaseModel):
        items: list[Summary]

    app = FastAPI(title="注册 / registry")

    @app.get("/v1/certificates")
    async def list_certificates() -> Page:
        """List certificates."""
        return Page(items=[])

    @app.get("/v1/verify/{number}")
    async def verify(number: str) -> Summary:
        """Public verification."""
        return Summary(certificate_no=number)

    return app


class ServiceDirectory(httpx.AsyncBaseTransport):
    """Answers for the route table's upstream addresses; anything else is unreachable."""

    def __init__(self, apps: dict[str, FastAPI]) -> None:
        self.transports = {DEFAULT_UPSTREAMS[name]: httpx.ASGITransport(app=app)
                           for name, app in apps.items()}
        self.requested: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requested.append(str(request.url))
        if request.url.host == "127.0.0.1" and request.url.port == 8004:
            return httpx.Response(200, text="<html>not an OpenAPI document</html>")
        transport = self.transports.get(f"{request.url.host}:{request.url.port}")
        if transport is None:
            raise httpx.ConnectError("connection refused", request=request)
        return await transport.handle_async_request(request)


def identity_document() -> dict[str, Any]:
    return create_app(GatewaySettings()).openapi()


def schema(document: dict[str, Any], path: str, method: str = "get") -> Any:
    return document["paths"][path][method]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]


def test_merge_keeps_routed_paths_and_tags_them_by_service() -> None:
    merged = merge_documents({
        "identity": identity_document(),
        "evaluation": evaluation_app().openapi(),
        "registry": registry_app().openapi(),
    })

    assert merged["openapi"] == "3.1.0"
    assert {"/v1/auth/login", "/v1/auth/token", "/.well-known/jwks.json", "/v1/cases",
            "/v1/cases/{case_id}", "/v1/certificates", "/v1/verify/{number}"} <= set(
        merged["paths"]
    )
    assert "/internal/stats" not in merged["paths"]
    assert merged["paths"]["/v1/cases"]["get"]["tags"] == ["evaluation"]
    assert merged["paths"]["/v1/certificates"]["get"]["tags"] == ["registry"]
    assert merged["paths"]["/v1/auth/login"]["post"]["tags"] == ["identity"]
    # /v1/certificates came from registry, not from evaluation's stray copy.
    assert merged["paths"]["/v1/certificates"]["get"]["summary"] == "List Certificates"
    assert [tag["name"] for tag in merged["tags"]] == ["identity", "evaluation", "registry"]


def test_merge_renames_clashing_components_and_rewrites_their_refs() -> None:
    evaluation = evaluation_app().openapi()
    registry = registry_app().openapi()
    originals = copy.deepcopy((evaluation, registry))

    merged = merge_documents({"evaluation": evaluation, "registry": registry})

    schemas = merged["components"]["schemas"]
    assert set(schemas["Summary"]["properties"]) == {"case_id"}
    assert set(schemas["RegistrySummary"]["properties"]) == {"certificate_no"}
    # Generated clients name classes by title: a renamed component's title follows its name.
    assert schemas["RegistrySummary"]["title"] == "RegistrySummary"
    assert schemas["Summary"]["title"] == "Summary"
    # Page is written identically in both, but refers to a different Summary in each.
    assert schemas["Page"]["properties"]["items"]["items"] == {
        "$ref": "#/components/schemas/Summary"
    }
    assert schemas["RegistryPage"]["properties"]["items"]["items"] == {
        "$ref": "#/components/schemas/RegistrySummary"
    }
    assert schema(merged, "/v1/cases") == {"$ref": "#/components/schemas/Page"}
    assert schema(merged, "/v1/certificates") == {"$ref": "#/components/schemas/RegistryPage"}
    assert schema(merged, "/v1/verify/{number}") == {
        "$ref": "#/components/schemas/RegistrySummary"
    }
    # Identical definitions are shared, not duplicated.
    assert "HTTPValidationError" in schemas
    assert not any(name.startswith("RegistryHTTP") for name in schemas)
    assert (evaluation, registry) == originals


def test_every_ref_in_the_merged_document_resolves() -> None:
    merged = merge_documents({
        "identity": identity_document(),
        "evaluation": evaluation_app().openapi(),
        "registry": registry_app().openapi(),
    })

    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
            return found + [r for value in node.values() for r in refs(value)]
        if isinstance(node, list):
            return [r for item in node for r in refs(item)]
        return []

    for ref in refs(merged):
        _, _, section, name = ref.split("/")
        assert name in merged["components"][section], ref


def test_unavailable_services_are_listed_in_the_description() -> None:
    merged = merge_documents({"identity": identity_document()}, unavailable=["cpd", "registry"])

    assert "Unreachable" in merged["info"]["description"]
    assert "cpd, registry" in merged["info"]["description"]


@pytest.fixture
async def gateway_openapi_app(
    identity_settings: GatewaySettings,
) -> AsyncIterator[tuple[FastAPI, ServiceDirectory]]:
    directory = ServiceDirectory({"evaluation": evaluation_app(), "registry": registry_app()})
    app = create_app(identity_settings, openapi_transport=directory)
    async with app.router.lifespan_context(app):
        yield app, directory


async def test_served_document_merges_the_reachable_services_and_caches(
    gateway_openapi_app: tuple[FastAPI, ServiceDirectory],
) -> None:
    app, directory = gateway_openapi_app
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
        first = await client.get("/openapi.json")
        second = await client.get("/openapi.json")
        docs = await client.get("/docs")

    assert first.status_code == 200
    document = first.json()
    assert {"/v1/auth/login", "/v1/cases", "/v1/certificates"} <= set(document["paths"])
    assert "applications, cpd, notifications" in document["info"]["description"]
    assert "/openapi.json" not in document["paths"]
    assert second.json() == document
    # One fetch per service upstream (the six services); the second call was cached.
    assert len(directory.requested) == 6
    assert docs.status_code == 200
    assert "swagger-ui" in docs.text
    assert "/openapi.json" in docs.text


async def test_a_document_missing_a_service_is_not_kept_as_if_complete(
    gateway_openapi_app: tuple[FastAPI, ServiceDirectory], monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, directory = gateway_openapi_app
    monkeypatch.setattr(openapi_service, "INCOMPLETE_TTL", 0.0)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
        before = (await client.get("/openapi.json")).json()
        # The applications service comes up after the first build.
        late = FastAPI()

        @late.get("/v1/recommendations")
        async def list_recommendations() -> dict[str, list[str]]:
            return {"items": []}

        directory.transports[DEFAULT_UPSTREAMS["applications"]] = httpx.ASGITransport(app=late)
        after = (await client.get("/openapi.json")).json()

    assert "/v1/recommendations" not in before["paths"]
    assert "/v1/recommendations" in after["paths"]


class _AssetRefs(HTMLParser):
    """Every URL a page makes the browser load: script src, link href, img src."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "link": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.urls.append(value)


def _loaded_urls(html: str) -> list[str]:
    parser = _AssetRefs()
    parser.feed(html)
    # Inline script may name URLs too (Swagger UI's `url: '/openapi.json'`, ReDoc's spec-url).
    inline = re.findall(r"""(?:https?:)?//[^\s'"<>)]+""", html)
    return parser.urls + inline


@pytest.mark.parametrize(("page", "marker"), [("/docs", "swagger-ui"), ("/redoc", "redoc")])
async def test_docs_pages_load_only_assets_the_platform_serves(
    gateway_openapi_app: tuple[FastAPI, ServiceDirectory], page: str, marker: str,
) -> None:
    app, _ = gateway_openapi_app
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
        html = await client.get(page)
        assert html.status_code == 200
        # What the bundles themselves would fetch from elsewhere, the browser refuses.
        policy = html.headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "img-src 'self' data:" in policy
        assert marker in html.text
        urls = _loaded_urls(html.text)
        # Offline, or where a CDN is blocked, a page that reaches elsewhere stays blank.
        assert [u for u in urls if not u.startswith("/")] == []
        assets = [u for u in urls if u.startswith("/docs/assets/")]
        assert len(assets) >= 2
        for url in assets:
            served = await client.get(url)
            assert served.status_code == 200, url
            assert len(served.content) > 1000, url
            kind = served.headers["content-type"]
            assert kind.split(";")[0] in {"text/javascript", "application/javascript",
                                          "text/css", "image/png"}, (url, kind)
        assert "/openapi.json" in html.text


def test_docs_assets_and_pages_are_routed_to_the_identity_app() -> None:
    for path in ("/docs", "/docs/assets/swagger-ui-bundle.js", "/redoc", "/asyncapi.json"):
        route = route_for(path)
        assert route is not None, path
        assert route.upstream == "identity", path


def test_identity_document_follows_the_platform_contract() -> None:
    document = identity_document()
    assert "Problem" in document["components"]["schemas"]
    assert "HTTPValidationError" not in document["components"]["schemas"]
    assert list(document["components"]["securitySchemes"]) == ["OAuth2"]
    users = document["paths"]["/v1/auth/users"]["post"]
    assert users["x-roles"] == ["secretariat", "society_admin"]
    assert "401" in users["responses"]
    assert users["responses"]["422"]["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }


async def test_asyncapi_document_is_served_beside_the_openapi(
    gateway_openapi_app: tuple[FastAPI, ServiceDirectory],
) -> None:
    app, _ = gateway_openapi_app
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
        served = await client.get("/asyncapi.json")
    assert served.status_code == 200
    document = served.json()
    assert document["asyncapi"] == "3.0.0"
    # The code's document (tests/contract checks the committed copy is the same).
    assert document == build_asyncapi()
    assert "application.accepted" in document["channels"]
