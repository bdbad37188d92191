"""The end-to-end tests' platform: its own ports, databases, exchange and queue names."""

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import jwt
from kit.testing import eventually
from platform_launcher import PlatformConfig

ROOT = Path(__file__).resolve().parents[2]
CONFIG = PlatformConfig(
    gateway_port=28080, identity_port=28090, first_service_port=28001,
    database_prefix="cse_e2e_", exchange="cse.e2e.events", queue_prefix="e2e.",
    runtime_dir=ROOT / "var" / "e2e", rate_limit=False, job_interval_seconds=1.0,
)

GATEWAY = f"http://127.0.0.1:{CONFIG.gateway_port}"


async def until(fetch: Callable[[], Awaitable[Any]], *, within: float = 60.0,
                what: str = "result") -> Any:
    """Poll the API until it answers with something truthy (events and jobs are
    asynchronous), within a bounded time; the e2e face of kit.testing.eventually."""
    return await eventually(fetch, within=within, interval=0.2, what=what)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def login(http: httpx.AsyncClient, username: str, password: str) -> dict[str, str]:
    """Sign in through the gateway; the Authorization header of that account."""
    response = await http.post("/v1/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return bearer(response.json()["access_token"])


def subject_of(headers: dict[str, str]) -> str:
    """The token's subject (a user's id) from an Authorization header."""
    token = headers["Authorization"].split()[1]
    return str(jwt.decode(token, options={"verify_signature": False})["sub"])


def engineer(run: str) -> dict[str, str]:
    """A mobile and a valid resident ID number of this run's own: the platform links the same
    engineer across recommendations and applications, so tests never share one."""
    from datetime import date, timedelta

    from stdnum.cn import ric

    seed = int(run[:8], 16)
    born = date(1975, 1, 1) + timedelta(days=seed % 9000)
    first = f"110105{born:%Y%m%d}{seed % 1000:03d}"
    # calc_check_digit takes the number with a (placeholder) check digit on the end.
    return {"mobile": f"139{seed % 10**8:08d}",
            "id_number": first + ric.calc_check_digit(first + "0")}
