"""The pages problem `type`s resolve to, served by the gateway's identity app."""

import httpx
from cse_contracts.problems import load
from gateway.routes import ROUTES
from kit.errors import PROBLEM_JSON, TYPE_BASE


async def test_every_problem_type_has_a_page(identity_client: httpx.AsyncClient) -> None:
    index = await identity_client.get("/problems/")
    assert index.status_code == 200
    assert index.headers["content-type"].startswith("text/html")
    for slug, entry in load().items():
        assert f'href="/problems/{slug}"' in index.text
        page = await identity_client.get(f"{TYPE_BASE}{slug}")
        assert page.status_code == 200, slug
        assert page.headers["content-type"].startswith("text/html")
        zh = entry["title"].partition(" / ")[0]
        assert zh.strip() in page.text
        assert "怎么办 / What to do" in page.text
        assert "可能的原因 / Likely cause" in page.text


async def test_an_unknown_type_is_a_problem(identity_client: httpx.AsyncClient) -> None:
    missing = await identity_client.get("/problems/no-such-type")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM_JSON
    # A refusal's own type resolves to its page on the same host.
    assert (await identity_client.get(missing.json()["type"])).status_code == 200


def test_nginx_routes_the_pages_to_the_identity_app() -> None:
    [route] = [r for r in ROUTES if r.matches("/problems/not-found")]
    assert route.upstream == "identity"
