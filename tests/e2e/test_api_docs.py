"""The API's face through the gateway, as an integrator meets it: the merged OpenAPI with the
platform contract, the AsyncAPI beside it, a real error in the published Problem shape, and
/docs and /redoc rendered by a real browser that may reach nothing but the platform."""

from pathlib import Path
from typing import Any

import httpx
import pytest
from e2e_support import CONFIG, ROOT, until
from platform_launcher import Platform
from playwright.async_api import Route, async_playwright

pytestmark = pytest.mark.e2e
GATEWAY = f"http://127.0.0.1:{CONFIG.gateway_port}"
ARTIFACTS = ROOT / "var" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


async def test_docs_and_contract_through_the_gateway(e2e_platform: Platform) -> None:
    async with httpx.AsyncClient(base_url=GATEWAY, timeout=30) as http:
        async def complete() -> dict[str, Any] | None:
            response = await http.get("/openapi.json")
            document: dict[str, Any] = response.json()
            return None if "Unreachable" in document["info"]["description"] else document

        document = await until(complete, within=60, what="every service's document")
        tags = {tag["name"] for tag in document["tags"]}
        assert tags == {"identity", "applications", "evaluation", "registry", "cpd",
                        "notifications", "oversight"}
        assert {"/v1/recommendations", "/v1/auth/token"} <= set(document["paths"])
        item_fields = set(document["components"]["schemas"]["ProblemErrorItem"]["properties"])
        assert list(document["components"]["securitySchemes"]) == ["OAuth2"]

        asyncapi = await http.get("/asyncapi.json")
        assert asyncapi.status_code == 200
        assert asyncapi.json()["asyncapi"] == "3.0.0"

        # A refused request through nginx answers in the shape the document publishes.
        refused = await http.post("/v1/auth/login", json={"username": ""})
        assert refused.status_code == 422
        assert refused.headers["content-type"] == "application/problem+json"
        problem = refused.json()
        assert set(problem) <= set(document["components"]["schemas"]["Problem"]["properties"])
        for error in problem["errors"]:
            assert set(error) <= item_fields
            assert error["message_zh"]
            assert error["message_en"]

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                   args=CHROMIUM_ARGS)
        elsewhere: list[str] = []

        async def only_the_platform(route: Route) -> None:
            # As on a machine without internet: anything not served by the platform fails.
            if route.request.url.startswith(GATEWAY + "/"):
                await route.continue_()
            else:
                elsewhere.append(route.request.url)
                await route.abort("internetdisconnected")

        context = await browser.new_context()
        await context.route("**/*", only_the_platform)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            page = await context.new_page()
            await page.goto(f"{GATEWAY}/docs")
            await page.wait_for_selector(".opblock", timeout=60_000)
            assert await page.locator(".opblock").count() > 100
            await page.screenshot(path=str(ARTIFACTS / "docs.png"))

            page = await context.new_page()
            await page.goto(f"{GATEWAY}/redoc")
            # Rendered (in the collapsed side menu at least): ReDoc ran and read the document.
            await page.get_by_text("Create Recommendation").first.wait_for(
                state="attached", timeout=60_000)
            await page.wait_for_selector(".api-content", timeout=60_000)
            await page.screenshot(path=str(ARTIFACTS / "redoc.png"))
        finally:
            await context.close()
            await browser.close()
        assert elsewhere == []
