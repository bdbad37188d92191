"""Every 2xx means stored, bad text is refused, and a disabled account stops working:
through the gateway, against the whole platform as processes."""

import asyncio
import time
import uuid
from typing import Any

import httpx
import pytest
from e2e_support import CONFIG, bearer, login
from platform_launcher import Platform

pytestmark = pytest.mark.e2e
GATEWAY = f"http://127.0.0.1:{CONFIG.gateway_port}"
NUL = "a\u0000b"








async def accounts(platform: Platform, http: httpx.AsyncClient, run: str) -> dict[str, Any]:
    platform.gateway_cli("create-user", "--username", f"sec-{run}", "--password",
                         "secretariat-pass-1", "--role", "secretariat", "--name", "秘书处")
    platform.gateway_cli("create-user", "--username", f"soc-{run}", "--password",
                         "society-pass-1", "--role", "society_admin", "--name", "学会",
                         "--society", "cces")
    secret = f"hr-secret-{run}-0123456789"
    platform.gateway_cli("create-client", "--client-id", f"hr-{run}", "--name", "HR",
                         "--role", "enterprise", "--enterprise", f"ent-{run}", "--secret", secret)
    token = await http.post("/v1/auth/token", data={
        "grant_type": "client_credentials", "client_id": f"hr-{run}", "client_secret": secret})
    assert token.status_code == 200, token.text
    return {
        "secretariat": await login(http, f"sec-{run}", "secretariat-pass-1"),
        "society": await login(http, f"soc-{run}", "society-pass-1"),
        "enterprise": bearer(token.json()["access_token"]),
        "public": {},
        "client_secret": secret,
    }


def recommendation(n: int) -> dict[str, Any]:
    return {
        "enterprise": {"name": "中国路桥工程有限责任公司", "contact_name": "王五",
                       "contact_mobile": "13700000000"},
        "candidates": [{"name": f"候选人{n}", "mobile": f"138{n:08d}", "field_code": "civil",
                        "location": "缅甸", "level": "professional",
                        "practice": "负责主桥结构设计与施工组织。"}],
    }


async def test_what_was_created_can_be_read_straight_away(e2e_platform: Platform) -> None:
    run = uuid.uuid4().hex[:8]
    failures: list[str] = []
    pairs = 0
    async with httpx.AsyncClient(base_url=GATEWAY, timeout=30) as http:
        who = await accounts(e2e_platform, http, run)
        # The identity app: an account registered is an account that signs in.
        for n in range(25):
            username = f"applicant-{run}-{n}"
            made = await http.post("/v1/auth/register", json={
                "username": username, "password": "applicant-pass-1", "display_name": "申请人"})
            signed_in = await http.post("/v1/auth/login", json={
                "username": username, "password": "applicant-pass-1"})
            pairs += 1
            if made.status_code != 201 or signed_in.status_code != 200:
                failures.append(f"register/login {n}: {made.status_code} {signed_in.status_code}")
        # Applications: a pushed recommendation is readable by its enterprise.
        for n in range(80):
            pushed = await http.post("/v1/recommendations", json=recommendation(n),
                                     headers=who["enterprise"])
            read = await http.get(f"/v1/recommendations/{pushed.json().get('id')}",
                                  headers=who["enterprise"])
            pairs += 1
            if pushed.status_code != 201 or read.status_code != 200:
                failures.append(f"recommendation {n}: {pushed.status_code} {read.status_code}")
        # Evaluation: an examiner profile, then its training, each read back at once.
        for n in range(50):
            # The society's admin opens the examiner's account, then their profile.
            account = await http.post("/v1/auth/users", headers=who["society"], json={
                "username": f"examiner-{run}-{n}", "password": "examiner-pass-1",
                "display_name": f"考官{n}", "role": "examiner", "society_code": "cces"})
            made = await http.post("/v1/examiners", headers=who["society"], json={
                "subject": account.json().get("id"), "name": f"考官{n}",
                "employer": "同济大学", "fields": ["civil"], "levels": ["professional"]})
            examiner_id = made.json().get("id")
            read = await http.get(f"/v1/examiners/{examiner_id}", headers=who["society"])
            trained = await http.post(f"/v1/examiners/{examiner_id}/trainings",
                                      headers=who["society"],
                                      json={"course": "考官培训", "completed_on": "2026-03-15"})
            after = await http.get(f"/v1/examiners/{examiner_id}", headers=who["society"])
            pairs += 3
            if account.status_code != 201:
                failures.append(f"examiner account {n}: {account.status_code}")
            trainings = after.json().get("trainings", []) if after.status_code == 200 else []
            if made.status_code != 201 or read.status_code != 200:
                failures.append(f"examiner {n}: {made.status_code} {read.status_code}")
            if trained.status_code != 201 or not trainings:
                failures.append(f"training {n}: {trained.status_code} {after.status_code}")
        for name, create, read in _more_pairs(run):
            for n in range(20):
                made = await http.request(create[0], create[1], json=create[2](n),
                                          headers=who[create[3]])
                got = await http.get(read(made.json() if made.content else {}),
                                     headers=who[create[3]])
                pairs += 1
                if made.status_code not in (200, 201) or got.status_code != 200:
                    failures.append(f"{name} {n}: {made.status_code} {got.status_code}")

    assert pairs >= 200
    assert failures == []


def _more_pairs(run: str) -> list[tuple[str, tuple[str, str, Any, str], Any]]:
    """Create-then-read pairs of notifications and oversight (the register and CPD create their
    main resources from events, and are read straight after in their own e2e tests)."""
    return [
        ("webhook subscription",
         ("POST", "/v1/webhooks",
          lambda n: {"url": f"http://127.0.0.1:9/hooks/{run}/{n}",
                     "event_types": ["recommendation.screened"]}, "enterprise"),
         lambda made: f"/v1/webhooks/{made.get('id')}"),
        ("complaint from the public",
         ("POST", "/v1/complaints",
          lambda n: {"kind": "suggestion", "about_kind": "general",
                     "title": f"建议 {n}", "body": "希望公布评价周期的统计数据。",
                     "contact": {"name": "公众", "email": "someone@example.com"}}, "public"),
         lambda made: f"/v1/complaints/track/{made.get('tracking_code')}"),
    ]


def _strings_into(schema: dict[str, Any], components: dict[str, Any], depth: int = 0) -> Any:
    """A JSON value of `schema` with NUL in every string it can hold."""
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        return _strings_into(components.get(name, {}), components, depth + 1)
    if depth > 6:
        return NUL
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return _strings_into(options[0], components, depth + 1)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {name: _strings_into(value, components, depth + 1)
                for name, value in schema.get("properties", {}).items()}
    if kind == "array":
        return [_strings_into(schema.get("items", {}), components, depth + 1)]
    if kind in ("integer", "number"):
        return 1
    if kind == "boolean":
        return True
    return NUL


async def test_nul_anywhere_in_any_operation_is_refused_without_a_5xx(
    e2e_platform: Platform,
) -> None:
    run = uuid.uuid4().hex[:8]
    async with httpx.AsyncClient(base_url=GATEWAY, timeout=30) as http:
        who = await accounts(e2e_platform, http, run)
        document = (await http.get("/openapi.json")).json()
        components = document.get("components", {}).get("schemas", {})
        server_errors: list[str] = []
        tried = 0
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                if method not in ("get", "post", "put", "patch", "delete"):
                    continue
                parameters = operation.get("parameters", [])
                plain_path = path
                nul_path = path
                for parameter in parameters:
                    if parameter["in"] == "path":
                        placeholder = "{" + parameter["name"] + "}"
                        plain_path = plain_path.replace(placeholder, str(uuid.uuid4()))
                        nul_path = nul_path.replace(placeholder, "a%00b")
                query = {p["name"]: NUL for p in parameters if p["in"] == "query"}
                body = operation.get("requestBody", {}).get("content", {}).get(
                    "application/json", {}).get("schema")
                attempts: list[tuple[str, dict[str, Any]]] = []
                if nul_path != path:
                    attempts.append((nul_path, {}))
                if query:
                    attempts.append((plain_path, {"params": query}))
                if body is not None:
                    attempts.append((plain_path, {"json": _strings_into(body, components)}))
                for url, extra in attempts:
                    response = await http.request(method.upper(), url,
                                                  headers=who["secretariat"], **extra)
                    tried += 1
                    if response.status_code >= 500:
                        server_errors.append(f"{method.upper()} {url}: {response.status_code}")
                    elif response.status_code == 422:
                        assert response.headers["content-type"] == "application/problem+json"
        # The connection pool behind nginx still serves ordinary requests.
        after = await http.get("/v1/reference/societies")

    assert tried > 100
    assert server_errors == []
    assert after.status_code == 200


async def test_a_disabled_account_and_a_rotated_secret_stop_working_within_a_minute(
    e2e_platform: Platform,
) -> None:
    run = uuid.uuid4().hex[:8]
    async with httpx.AsyncClient(base_url=GATEWAY, timeout=30) as http:
        who = await accounts(e2e_platform, http, run)
        pushed = await http.post("/v1/recommendations", json=recommendation(1),
                                 headers=who["enterprise"])
        assert pushed.status_code == 201, pushed.text
        society = who["society"]
        assert (await http.get("/v1/cases", headers=society)).status_code == 200
        users = await http.get("/v1/auth/users", headers=who["secretariat"],
                               params={"role": "society_admin", "society_code": "cces"})
        [mine] = [u for u in users.json()["items"] if u["username"] == f"soc-{run}"]

        disabled = await http.post(f"/v1/auth/users/{mine['id']}/disable",
                                   headers=who["secretariat"])
        rotated = await http.post(f"/v1/auth/clients/hr-{run}/secret",
                                  headers=who["secretariat"])
        assert disabled.status_code == 200, disabled.text
        assert rotated.status_code == 200, rotated.text
        # The old secret is refused at once.
        old = await http.post("/v1/auth/token", data={
            "grant_type": "client_credentials", "client_id": f"hr-{run}",
            "client_secret": who["client_secret"]})
        assert old.status_code == 401
        started = time.monotonic()
        statuses: dict[str, int] = {}
        while time.monotonic() - started < 60:
            statuses = {
                "evaluation": (await http.get("/v1/cases", headers=society)).status_code,
                "applications": (await http.get(f"/v1/recommendations/{pushed.json()['id']}",
                                                headers=who["enterprise"])).status_code,
            }
            if set(statuses.values()) == {401}:
                break
            await asyncio.sleep(0.5)
        assert statuses == {"evaluation": 401, "applications": 401}
        assert time.monotonic() - started < 60


async def test_every_worker_serves_its_metrics_and_health(e2e_platform: Platform) -> None:
    from platform_launcher import SERVICES

    async with httpx.AsyncClient(timeout=10) as http:
        for name in SERVICES:
            base = f"http://127.0.0.1:{CONFIG.worker_port(name)}"
            health = await http.get(f"{base}/healthz")
            metrics = await http.get(f"{base}/metrics")
            assert health.status_code == 200, name
            assert f'cse_outbox_pending{{service="{name}"}}' in metrics.text, name
            assert "cse_job_last_success_timestamp_seconds" in metrics.text, name
        await http.get(f"{GATEWAY}/v1/recommendations/{uuid.uuid4()}")  # a 401, still routed
        api = await http.get(f"http://127.0.0.1:{CONFIG.service_port('applications')}/metrics")
    # Per-route figures, labelled by the route template, never the raw path.
    assert 'route="/v1/recommendations/{recommendation_id}"' in api.text
