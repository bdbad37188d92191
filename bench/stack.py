"""The platform under test: started as `make run` starts it, on ports and names of its own."""

import asyncio
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from platform_launcher import Platform, PlatformConfig, reset

ROOT = Path(__file__).resolve().parents[1]
CONFIG = PlatformConfig(
    gateway_port=38080, identity_port=38090, first_service_port=38001,
    database_prefix="cse_bench_", exchange="cse.bench.events", queue_prefix="bench.",
    runtime_dir=ROOT / "var" / "bench", rate_limit=False,
)
GATEWAY = f"http://127.0.0.1:{CONFIG.gateway_port}"


def direct(service: str) -> str:
    return f"http://127.0.0.1:{CONFIG.service_port(service)}"


@contextmanager
def running_platform() -> Iterator[Platform]:
    """Fresh bench databases and broker names, the whole platform, and a clean-up after."""

    asyncio.run(reset(CONFIG))
    platform = Platform(CONFIG, log_dir=CONFIG.runtime_dir / "logs")
    try:
        with platform.running():
            yield platform
    finally:
        asyncio.run(reset(CONFIG, databases=False))


@dataclass(frozen=True)
class Accounts:
    applicant_token: str
    application_id: str
    enterprise_token: str


def create_accounts(platform: Platform) -> Accounts:
    """An applicant with one draft application, and an enterprise API client with a token."""
    run = f"{os.getpid()}{int(time.time())}"
    secret = "bench-enterprise-secret-0123456789"
    platform.gateway_cli("create-client", "--client-id", f"bench-hr-{run}", "--name", "Bench HR",
                "--role", "enterprise", "--enterprise", f"bench-ent-{run}", "--secret", secret)
    with httpx.Client(base_url=GATEWAY, timeout=30) as http:
        password = "bench-applicant-pass-1"
        registered = http.post("/v1/auth/register", json={
            "username": f"bench-applicant-{run}", "password": password,
            "display_name": "张三",
        })
        _check(registered, "registering the applicant")
        for _attempt in range(5):  # the account is usable once registration has committed
            login = http.post("/v1/auth/login", json={
                "username": f"bench-applicant-{run}", "password": password,
            })
            if login.status_code != 401:
                break
            time.sleep(0.5)
        _check(login, "the applicant's login")
        applicant = login.json()["access_token"]
        draft = http.post("/v1/applications", json={"level": "professional", "field_code": "civil"},
                          headers={"Authorization": f"Bearer {applicant}"})
        _check(draft, "creating the application")
        token = http.post("/v1/auth/token", data={
            "grant_type": "client_credentials", "client_id": f"bench-hr-{run}",
            "client_secret": secret,
        })
        _check(token, "the enterprise client's token")
        return Accounts(applicant, str(draft.json()["id"]), token.json()["access_token"])


def _check(response: httpx.Response, what: str) -> None:
    if not response.is_success:
        raise RuntimeError(f"{what} failed: {response.status_code} {response.text[:500]}")
