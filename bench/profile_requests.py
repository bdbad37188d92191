"""In-process CPU per request of the two HTTP figures that miss (issue 16): the applicant's
`GET /v1/applications/{id}` (authenticated_read) and a one-candidate
`POST /v1/recommendations` with a fresh Idempotency-Key (write_path).

The real applications app (its own sessions and unit of work, no test overrides) over
httpx's ASGITransport, against a freshly migrated and seeded database `cse_profile_applications`
(its own, so nothing else's tests are disturbed). CPU = `time.process_time()` of this process
(app + client + asyncpg; PostgreSQL's work is another process) over N requests, after a warm-up.

    uv run python -m bench.profile_requests              # both, 3 rounds of 400 / 150
    uv run python -m bench.profile_requests read --profile /tmp/read.prof   # cProfile, CPU clock
    uv run python -m bench.profile_requests --live 10    # uvicorn + wrk, CPU per request
"""

import argparse
import asyncio
import cProfile
import random
import time
import uuid
from typing import Any

import httpx
from applications.app import create_app
from applications.config import Settings
from applications.spec import SPEC
from kit.auth import Role
from kit.testing import KEYS, ServiceHarness, serving

from bench.wrk import run_wrk

URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/cse_profile_applications"
BODY = ('{"enterprise":{"name":"中国路桥工程有限责任公司","contact_name":"王五",'
        '"contact_mobile":"13700000000"},"candidates":[{"name":"张三","mobile":"138%08d",'
        '"field_code":"civil","location":"缅甸","level":"professional",'
        '"practice":"曾参与仰光大桥工程项目，负责主桥结构设计。"}]}')


async def push(client: httpx.AsyncClient, enterprise: dict[str, str]) -> None:
    """One one-candidate recommendation, a fresh mobile and Idempotency-Key: stored (201)."""
    response = await client.post(
        "/v1/recommendations", content=BODY % random.randrange(10**8),
        headers={**enterprise, "Content-Type": "application/json",
                 "Idempotency-Key": uuid.uuid4().hex})
    assert response.status_code == 201, response.text


async def _live(app: Any, path: str, applicant: dict[str, str], enterprise: dict[str, str],
                duration: float, which: list[str]) -> None:
    """The app behind a real uvicorn (this process, uvloop + httptools as `serve` runs it),
    wrk driving it as the bench does (1 thread, 32 connections); CPU of this process per
    request served, /ping first as the baseline."""
    async with serving(app) as base:
        for name, url, headers, script in (
                ("ping", f"{base}/ping", {}, None),
                ("read", f"{base}{path}", applicant, None),
                ("write", f"{base}/v1/recommendations", enterprise, "write.lua")):
            if name not in which:
                continue
            await asyncio.to_thread(run_wrk, url, 1, headers=headers, script=script)
            started = time.process_time()
            result = await asyncio.to_thread(run_wrk, url, duration, headers=headers,
                                             script=script)
            cpu = (time.process_time() - started) / max(result.requests, 1) * 1000
            print(f"live {name}: {result.rps:.0f} rps, CPU {cpu:.2f} ms per request, "
                  f"errors {result.errors}", flush=True)


async def main(which: list[str], rounds: int, reads: int, writes: int,
               profile: str | None, live: float | None = None) -> None:
    harness = ServiceHarness(SPEC, create_app, Settings)
    harness.url = URL
    async with harness.database():
        applicant = KEYS.headers(Role.APPLICANT, "bench-applicant", name="张三")
        enterprise = KEYS.headers(Role.ENTERPRISE, "client-bench", enterprise="bench-ent")
        async with harness.committing_client() as (app, client):
            draft = await client.post("/v1/applications", headers=applicant,
                                      json={"level": "professional", "field_code": "civil"})
            assert draft.status_code == 201, draft.text
            path = f"/v1/applications/{draft.json()['id']}"

            async def read() -> None:
                response = await client.get(path, headers=applicant)
                assert response.status_code == 200, response.text

            async def write() -> None:
                await push(client, enterprise)

            if live:
                await _live(app, path, applicant, enterprise, live, which)
                return
            cases: dict[str, tuple[Any, int]] = {"read": (read, reads), "write": (write, writes)}
            for name in which:
                if name not in cases:
                    continue
                call, n = cases[name]
                for _ in range(20):
                    await call()
                profiler = cProfile.Profile(time.process_time) if profile else None
                figures = []
                for _ in range(rounds):
                    if profiler:
                        profiler.enable()
                    started = time.process_time()
                    for _ in range(n):
                        await call()
                    figures.append((time.process_time() - started) / n * 1000)
                    if profiler:
                        profiler.disable()
                print(f"{name}: CPU per request " +
                      " / ".join(f"{f:.2f}" for f in figures) + " ms", flush=True)
                if profiler and profile:
                    profiler.dump_stats(f"{profile}.{name}" if len(which) > 1 else profile)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("which", nargs="*", help="read, write (and ping with --live); all")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reads", type=int, default=400)
    parser.add_argument("--writes", type=int, default=150)
    parser.add_argument("--profile")
    parser.add_argument("--live", type=float, metavar="SECONDS",
                        help="uvicorn + wrk instead of ASGITransport, SECONDS per endpoint")
    args = parser.parse_args()
    import uvloop

    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(main(args.which or ["ping", "read", "write"], args.rounds, args.reads,
                        args.writes, args.profile, args.live))
