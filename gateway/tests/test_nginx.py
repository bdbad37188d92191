"""The route table and the nginx.conf made from it, checked by the real nginx binary."""

import asyncio
import json
import re
import socket
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from gateway.__main__ import main as gateway_cli
from gateway.config import GatewaySettings
from gateway.routes import DEFAULT_UPSTREAMS, ROUTES, route_for
from pydantic import ValidationError
from starlette.types import Receive, Scope, Send

from gateway import nginx

NGINX = Path("/usr/sbin/nginx")
PROBLEM_JSON = "application/problem+json"
MB = 1024 * 1024


@pytest.fixture(scope="session")
def gateway_nginx_binary() -> Path:
    if not NGINX.exists():
        pytest.skip("nginx is not installed at /usr/sbin/nginx (apt-get install nginx-light)")
    return NGINX


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def nginx_test(binary: Path, conf: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(binary), "-t", "-p", str(conf.parent), "-c", str(conf), "-e", "stderr"],
        capture_output=True, text=True, check=False,
    )


# --- the route table -------------------------------------------------------------------


def test_route_table_has_no_duplicate_paths() -> None:
    locations = [route.location for route in ROUTES]
    assert len(locations) == len(set(locations))


def test_every_route_names_a_known_upstream_and_every_upstream_is_used() -> None:
    assert {route.upstream for route in ROUTES} == set(DEFAULT_UPSTREAMS)


def test_route_for_prefers_exact_then_longest_prefix() -> None:
    assert route_for("/v1/auth/login").exact  # type: ignore[union-attr]
    assert route_for("/v1/auth/me").path == "/v1/auth/"  # type: ignore[union-attr]
    assert route_for("/v1/applications/1/evidence").max_body == "20m"  # type: ignore[union-attr]
    assert route_for("/v1/applicants/1").max_body == "1m"  # type: ignore[union-attr]
    assert route_for("/openapi.json/x") is None
    assert route_for("/admin") is None


def test_upstream_overrides_are_checked() -> None:
    settings = GatewaySettings(upstreams={"applications": "applications:8000"})
    assert settings.upstream_addresses["applications"] == "applications:8000"
    assert settings.upstream_addresses["registry"] == "127.0.0.1:8003"
    with pytest.raises(ValidationError, match="Unknown upstream"):
        GatewaySettings(upstreams={"payments": "127.0.0.1:9000"})
    with pytest.raises(ValidationError, match="host:port"):
        GatewaySettings(upstreams={"cpd": "127.0.0.1:8004; include /etc/passwd"})


def test_upstream_override_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_UPSTREAMS__CPD", "cpd:8000")

    assert GatewaySettings().upstream_addresses["cpd"] == "cpd:8000"


def test_an_upstream_may_name_several_replicas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_UPSTREAMS__APPLICATIONS", "apps-1:8000, apps-2:8000")

    settings = GatewaySettings()

    assert settings.upstream_servers["applications"] == ("apps-1:8000", "apps-2:8000")
    assert settings.upstream_servers["cpd"] == ("127.0.0.1:8004",)
    # The merged OpenAPI document is fetched from one replica: they all serve the same one.
    assert settings.upstream_addresses["applications"] == "apps-1:8000"


@pytest.mark.parametrize(("servers", "message"), [
    ("apps-1:8000,apps-2:8000; include /etc/passwd", "host:port"),
    ("apps-1:8000,apps-1:8000", "address twice"),
    (" , ", "names no address"),
])
def test_replica_lists_are_checked(servers: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        GatewaySettings(upstreams={"applications": servers})


# --- the generated file ----------------------------------------------------------------


def test_rendered_config_has_per_route_limits_and_problem_bodies(tmp_path: Path) -> None:
    text = nginx.render(GatewaySettings(runtime_dir=tmp_path))

    assert "location /v1/applications {\n            client_max_body_size 20m;" in text
    assert "location /v1/recommendations {\n            client_max_body_size 20m;" in text
    assert "location /v1/cases {\n            client_max_body_size 1m;" in text
    assert "location = /openapi.json {" in text
    assert text.count("keepalive 32;") == len(DEFAULT_UPSTREAMS)
    assert "limit_req zone=per_client burst=100 nodelay;" in text
    assert "rate=50r/s" in text
    for body in re.findall(r"return [45]\d\d '(.*)';", text):
        problem = json.loads(body)
        # A relative reference to the page that explains it (served by the identity app).
        assert problem["type"] == f"/problems/http-{problem['status']}"
        assert " / " in problem["title"]


def test_replicas_are_one_server_line_each_in_one_upstream(tmp_path: Path) -> None:
    settings = GatewaySettings(runtime_dir=tmp_path,
                               upstreams={"applications": "127.0.0.1:8001,127.0.0.1:8011"})

    text = nginx.render(settings)

    block = text[text.index("upstream applications {"):]
    block = block[:block.index("}")]
    assert block.splitlines()[1:3] == ["        server 127.0.0.1:8001;",
                                       "        server 127.0.0.1:8011;"]
    assert "keepalive 32;" in block
    assert text.count("server 127.0.0.1:") == len(DEFAULT_UPSTREAMS) + 1


def test_rate_limits_can_be_left_out_for_benchmarks(tmp_path: Path) -> None:
    text = nginx.render(GatewaySettings(runtime_dir=tmp_path, rate_limit_enabled=False))

    assert "limit_req " not in text


def test_generated_config_passes_nginx_t(gateway_nginx_binary: Path, tmp_path: Path) -> None:
    for settings in (
        GatewaySettings(runtime_dir=tmp_path),
        GatewaySettings(runtime_dir=tmp_path, rate_limit_enabled=False, listen_port=18080,
                        upstreams={"applications": "127.0.0.2:8000"}),
        GatewaySettings(runtime_dir=tmp_path,
                        upstreams={"applications": "127.0.0.2:8000,127.0.0.3:8000",
                                   "registry": "127.0.0.1:8003,127.0.0.1:8013,[::1]:8023"}),
    ):
        conf = nginx.write(settings, tmp_path / "nginx.conf")

        result = nginx_test(gateway_nginx_binary, conf)

        assert result.returncode == 0, result.stderr
        assert "test is successful" in result.stderr


def test_cli_writes_a_config_that_nginx_accepts(
    gateway_nginx_binary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conf = tmp_path / "conf" / "nginx.conf"

    code = gateway_cli(["nginx-config", "--out", str(conf), "--port", "18081",
                        "--runtime-dir", str(tmp_path / "run"), "--no-rate-limit"])

    assert code == 0
    assert "listen 127.0.0.1:18081;" in conf.read_text()
    assert "nginx -p" in capsys.readouterr().out
    assert nginx_test(gateway_nginx_binary, conf).returncode == 0


# --- nginx running in front of an echo service -----------------------------------------


async def echo(scope: Scope, receive: Receive, send: Send) -> None:
    """Answers with what nginx forwarded, and a request id of its own nginx must hide."""
    assert scope["type"] == "http"
    length = 0
    while True:
        message = await receive()
        length += len(message.get("body", b""))
        if not message.get("more_body"):
            break
    payload = {
        "path": scope["path"],
        "http_version": scope["http_version"],
        "headers": {k.decode(): v.decode() for k, v in scope["headers"]},
        "body_length": length,
    }
    await send({"type": "http.response.start", "status": 200, "headers": [
        (b"content-type", b"application/json"), (b"x-request-id", b"set-by-the-service")]})
    await send({"type": "http.response.body", "body": json.dumps(payload).encode()})


@contextmanager
def echo_upstream() -> Iterator[str]:
    """The echo app served by uvicorn in a thread on a free port; its address."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(echo, host="127.0.0.1", port=port, lifespan="off",
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert time.monotonic() < deadline, "echo upstream did not start"
            time.sleep(0.02)
        yield f"127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def gateway_echo_upstream() -> Iterator[str]:
    with echo_upstream() as address:
        yield address


@asynccontextmanager
async def running_nginx(binary: Path, settings: GatewaySettings) -> AsyncIterator[str]:
    conf = nginx.write(settings, settings.runtime_dir / "nginx.conf")
    process = await asyncio.create_subprocess_exec(
        str(binary), "-p", str(settings.runtime_dir), "-c", str(conf), "-e", "stderr",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    base_url = f"http://127.0.0.1:{settings.listen_port}"
    try:
        async with httpx.AsyncClient() as client:
            for _ in range(200):
                if process.returncode is not None:
                    assert process.stderr is not None
                    pytest.fail(f"nginx exited: {(await process.stderr.read()).decode()}")
                try:
                    if (await client.get(f"{base_url}/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.05)
        yield base_url
    finally:
        process.terminate()
        await process.wait()


def live_settings(runtime: Path, echo_address: str, **overrides: object) -> GatewaySettings:
    upstreams = dict.fromkeys(DEFAULT_UPSTREAMS, echo_address)
    upstreams["cpd"] = f"127.0.0.1:{free_port()}"  # nothing listens there
    values: dict[str, object] = {
        "runtime_dir": runtime,
        "listen_port": free_port(),
        "upstreams": upstreams,
        "rate_limit": "1r/m",
        "rate_limit_burst": 2,
        "sign_in_rate_limit": "1r/m",
        "sign_in_rate_limit_burst": 1,
    }
    return GatewaySettings.model_validate(values | overrides)


@pytest.fixture(scope="module")
async def gateway_nginx(
    gateway_nginx_binary: Path,
    gateway_echo_upstream: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[httpx.AsyncClient]:
    settings = live_settings(tmp_path_factory.mktemp("nginx"), gateway_echo_upstream)
    async with (
        running_nginx(gateway_nginx_binary, settings) as base_url,
        httpx.AsyncClient(base_url=base_url) as client,
    ):
        yield client


def caller(name: str) -> dict[str, str]:
    """Each test its own bearer value, so the per-client rate limit counts it separately."""
    return {"Authorization": f"Bearer {name}"}


async def test_proxies_with_request_id_and_forwarded_headers(
    gateway_nginx: httpx.AsyncClient,
) -> None:
    response = await gateway_nginx.get(
        "/v1/cases/42", headers=caller("forwarding") | {"X-Request-ID": "client-id-1"}
    )

    assert response.status_code == 200
    seen = response.json()
    assert seen["path"] == "/v1/cases/42"
    assert seen["http_version"] == "1.1"
    assert seen["headers"]["x-request-id"] == "client-id-1"
    assert seen["headers"]["x-forwarded-for"] == "127.0.0.1"
    assert seen["headers"]["x-forwarded-proto"] == "http"
    assert "connection" not in seen["headers"]  # keep-alive to the upstream
    assert response.headers.get_list("x-request-id") == ["client-id-1"]


async def test_makes_a_request_id_when_the_client_sends_none_or_junk(
    gateway_nginx: httpx.AsyncClient,
) -> None:
    bare = await gateway_nginx.get("/v1/members", headers=caller("rid-1"))
    junk = await gateway_nginx.get(
        "/v1/members", headers=caller("rid-2") | {"X-Request-ID": "two words"}
    )

    for response in (bare, junk):
        request_id = response.headers["x-request-id"]
        assert re.fullmatch(r"[0-9a-f]{32}", request_id)
        assert response.json()["headers"]["x-request-id"] == request_id


async def test_unknown_path_is_a_bilingual_problem_404(gateway_nginx: httpx.AsyncClient) -> None:
    response = await gateway_nginx.get("/v2/whatever", headers={"X-Request-ID": "lost-1"})

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.headers["x-request-id"] == "lost-1"
    body = response.json()
    assert body["status"] == 404
    assert body["title"] == "未找到 / Not found"


async def test_body_limit_is_per_route(gateway_nginx: httpx.AsyncClient) -> None:
    body = b"x" * (2 * MB)

    too_big = await gateway_nginx.post("/v1/cases", content=body, headers=caller("body-1"))
    upload = await gateway_nginx.post(
        "/v1/applications/1/evidence", content=body, headers=caller("body-2")
    )

    assert too_big.status_code == 413
    assert too_big.headers["content-type"] == PROBLEM_JSON
    assert too_big.json()["status"] == 413
    assert upload.status_code == 200
    assert upload.json()["body_length"] == 2 * MB


async def test_rate_limit_is_per_bearer_token(gateway_nginx: httpx.AsyncClient) -> None:
    statuses = [
        (await gateway_nginx.get("/v1/verify/1", headers=caller("busy"))).status_code
        for _ in range(3)
    ]
    limited = await gateway_nginx.get("/v1/verify/1", headers=caller("busy"))
    other = await gateway_nginx.get("/v1/verify/1", headers=caller("calm"))

    assert statuses == [200, 200, 200]  # one allowed plus a burst of two
    assert limited.status_code == 429
    assert limited.headers["content-type"] == PROBLEM_JSON
    assert limited.headers["retry-after"] == "1"
    assert limited.json()["status"] == 429
    assert other.status_code == 200


async def test_sign_in_is_limited_per_address_whatever_the_headers(
    gateway_nginx: httpx.AsyncClient,
) -> None:
    statuses = [
        (await gateway_nginx.post("/v1/auth/login", json={}, headers=caller(f"guess-{n}")))
        .status_code
        for n in range(3)
    ]

    assert statuses == [200, 200, 429]


async def test_unreachable_service_is_a_problem_502(gateway_nginx: httpx.AsyncClient) -> None:
    response = await gateway_nginx.get("/v1/cpd/ledger", headers=caller("cpd"))

    assert response.status_code == 502
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["title"] == "服务暂不可用 / Bad gateway"


async def test_access_log_is_json_with_the_request_id(
    gateway_nginx_binary: Path, gateway_echo_upstream: str, tmp_path: Path
) -> None:
    settings = live_settings(tmp_path, gateway_echo_upstream)
    async with running_nginx(gateway_nginx_binary, settings) as base_url:
        await httpx.AsyncClient().get(f"{base_url}/v1/batches",
                                      headers={"X-Request-ID": "log-me"})

    lines = (tmp_path / "logs" / "access.log").read_text().splitlines()
    entries = [json.loads(line) for line in lines]
    [entry] = [e for e in entries if e["request_id"] == "log-me"]
    assert entry["status"] == 200
    assert entry["uri"] == "/v1/batches"
    assert entry["upstream"] == gateway_echo_upstream


async def test_requests_are_spread_over_an_upstreams_replicas(
    gateway_nginx_binary: Path, gateway_echo_upstream: str, tmp_path: Path
) -> None:
    with echo_upstream() as second:
        replicas = [gateway_echo_upstream, second]
        upstreams = dict.fromkeys(DEFAULT_UPSTREAMS, gateway_echo_upstream)
        upstreams["applications"] = ",".join(replicas)
        settings = live_settings(tmp_path, gateway_echo_upstream, rate_limit_enabled=False,
                                 upstreams=upstreams)
        async with (running_nginx(gateway_nginx_binary, settings) as base_url,
                    httpx.AsyncClient(base_url=base_url) as client):
            statuses = [(await client.get(f"/v1/applications/{n}",
                                          headers={"X-Request-ID": f"spread-{n}"})).status_code
                        for n in range(10)]

    assert statuses == [200] * 10
    lines = (tmp_path / "logs" / "access.log").read_text().splitlines()
    served = [entry["upstream"] for entry in map(json.loads, lines)
              if entry["request_id"].startswith("spread-")]
    assert len(served) == 10
    assert {address: served.count(address) for address in replicas} == dict.fromkeys(replicas, 5)


# --- the public-lookup micro-cache ------------------------------------------------------


class CountingLookup:
    """An upstream that answers every request with a new number, to see what nginx cached."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        self.calls += 1
        body = json.dumps({"call": self.calls, "path": scope["path"]}).encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})


async def test_public_lookups_are_micro_cached_and_fresh_within_five_seconds(
    gateway_nginx_binary: Path, tmp_path: Path
) -> None:
    lookup = CountingLookup()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(lookup, host="127.0.0.1", port=port,
                                           lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "lookup upstream did not start"
        await asyncio.sleep(0.02)
    settings = live_settings(tmp_path, f"127.0.0.1:{port}", rate_limit_enabled=False)
    try:
        async with (running_nginx(gateway_nginx_binary, settings) as base_url,
                    httpx.AsyncClient(base_url=base_url) as client):
            first = await client.get("/verify/CSE-2026-P-000001")
            again = await client.get("/verify/CSE-2026-P-000001")
            assert first.json()["call"] == again.json()["call"]
            assert again.headers["x-cache-status"] == "HIT"
            assert again.headers["x-request-id"]
            english = await client.get("/verify/CSE-2026-P-000001",
                                       headers={"Accept-Language": "en-GB,en;q=0.8"})
            assert english.json()["call"] != first.json()["call"]  # cached per language
            signed_in = await client.get("/verify/CSE-2026-P-000001",
                                         headers={"Authorization": "Bearer someone"})
            assert signed_in.headers["x-cache-status"] == "BYPASS"
            search = await client.get("/v1/register?number=CSE-2026-P-000001")
            assert search.json()["call"] == (await client.get(
                "/v1/register?number=CSE-2026-P-000001")).json()["call"]
            private = await client.get("/v1/registrations")
            assert "x-cache-status" not in private.headers
            # A change behind the cache shows within 5 s.
            fresh_by = time.monotonic() + 5
            while True:
                now = await client.get("/verify/CSE-2026-P-000001")
                if now.json()["call"] != first.json()["call"]:
                    break
                assert time.monotonic() < fresh_by, "cached answer older than 5 s"
                await asyncio.sleep(0.2)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
