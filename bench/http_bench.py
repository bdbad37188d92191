"""The HTTP benchmarks: gateway hop, authenticated read and write path, measured with wrk in
interleaved rounds; every figure is the median of per-round ratios."""

import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from bench.stack import GATEWAY, Accounts, direct
from bench.wrk import WrkResult, run_wrk

# Each benchmark is a ratio of two measurements taken in the same round.
HTTP_BENCHMARKS: dict[str, tuple[str, str]] = {
    "gateway_hop": ("societies_gateway", "societies_direct"),
    "authenticated_read": ("read_gateway", "ping_direct"),
    "write_path": ("write_gateway", "ping_direct"),
    "verification_lookup": ("verify_gateway", "registry_ping_direct"),
    # Its numerator is measured through a second nginx (bench/scaling.py), given as `extra`.
    "api_scaling": ("read_two_replicas", "read_gateway"),
}
TARGETS = {"gateway_hop": 0.9, "authenticated_read": 0.2, "write_path": 0.08,
           "verification_lookup": 1.0, "api_scaling": 0.9}
# Latency targets on the numerator (the worst round's p99), where the issue sets one.
P99_TARGETS_MS = {"verification_lookup": 20.0}
DESCRIPTIONS = {
    "gateway_hop": "GET /v1/reference/societies via nginx ÷ direct",
    "authenticated_read": "applicant GET /v1/applications/{id} via nginx ÷ /ping direct",
    "write_path": "enterprise POST /v1/recommendations (Idempotency-Key) via nginx ÷ /ping direct",
    "verification_lookup": "GET /verify/{number} (the QR page, nginx micro-cache) via nginx ÷ "
                           "/ping direct on registry",
    "api_scaling": "applicant GET /v1/applications/{id} via an nginx over 2 applications "
                   "replicas ÷ via nginx over 1",
}


@dataclass(frozen=True)
class Measurement:
    name: str
    run: Callable[[float], WrkResult]


def _cached_then_wrk(url: str, duration: float) -> WrkResult:
    """The page as a scanned certificate's is: in nginx's cache. An entry nobody asked for in
    60 s (`inactive`) is dropped, and the first burst on it waits on the cache lock, which
    nginx re-checks every 500 ms: 31 of wrk's 32 connections then take 0.5 s once, which is
    p99 ≈ 400 ms after wrk's coordinated-omission correction. Rounds of the other endpoints
    take longer than 60 s, so one request first puts the page in the cache, as the traffic of
    a page being scanned keeps it there (bench/README.md, "verification_lookup")."""
    httpx.get(url, timeout=10).raise_for_status()
    return run_wrk(url, duration)


def measurements(accounts: Accounts) -> dict[str, Measurement]:
    apps = direct("applications")
    registry = direct("registry")
    read = {"Authorization": f"Bearer {accounts.applicant_token}"}
    write = {"Authorization": f"Bearer {accounts.enterprise_token}"}
    url = f"{GATEWAY}/v1/applications/{accounts.application_id}"
    table: dict[str, Callable[[float], WrkResult]] = {
        "societies_direct": lambda d: run_wrk(f"{apps}/v1/reference/societies", d),
        "societies_gateway": lambda d: run_wrk(f"{GATEWAY}/v1/reference/societies", d),
        "ping_direct": lambda d: run_wrk(f"{apps}/ping", d),
        "read_gateway": lambda d: run_wrk(url, d, headers=read),
        "write_gateway": lambda d: run_wrk(f"{GATEWAY}/v1/recommendations", d, headers=write,
                                           script="write.lua"),
        "registry_ping_direct": lambda d: run_wrk(f"{registry}/ping", d),
        "verify_gateway": lambda d: _cached_then_wrk(
            f"{GATEWAY}/verify/{accounts.certificate_number}", d),
    }
    return {name: Measurement(name, run) for name, run in table.items()}


def run_http(benchmarks: list[str], accounts: Accounts, *, rounds: int, duration: float,
             warmup: float, log: Callable[[str], None],
             extra: Mapping[str, Callable[[float], WrkResult]] | None = None,
             settle: Callable[[], float] | None = None,
             ) -> dict[str, dict[str, Any]]:
    """Warm every endpoint once, then per round measure each endpoint once (the order reversed
    every other round so drift does not favour one side), and take each round's ratios.
    `extra` adds measurements that need more than the platform (a second replica); `settle`
    waits, before each measurement, until the machine is at rest again (the write path's
    events done), so no measurement pays for another's."""
    needed: list[str] = []
    for name in benchmarks:
        for part in HTTP_BENCHMARKS[name]:
            if part not in needed:
                needed.append(part)
    table = measurements(accounts)
    table.update({name: Measurement(name, run) for name, run in (extra or {}).items()})
    missing = [part for part in needed if part not in table]
    if missing:
        raise ValueError(f"no measurement for {', '.join(missing)}")
    for part in needed:
        result = table[part].run(warmup)
        if result.errors:
            raise RuntimeError(f"warm-up of {part}: {result.errors} errors of {result.requests}")
    raw: list[dict[str, WrkResult]] = []
    for round_no in range(rounds):
        order = needed if round_no % 2 == 0 else list(reversed(needed))
        results: dict[str, WrkResult] = {}
        for part in order:
            waited = settle() if settle is not None else 0.0
            results[part] = table[part].run(duration)
            log(f"  round {round_no + 1}: {part:<18} {results[part].rps:>9.1f} rps "
                f"(p50 {results[part].latency_p50_ms} ms, errors {results[part].errors}"
                + (f", after {waited:.1f} s for the machine to settle)" if waited >= 1 else ")"))
        raw.append(results)
    figures: dict[str, dict[str, Any]] = {}
    for name in benchmarks:
        numerator, denominator = HTTP_BENCHMARKS[name]
        ratios = [r[numerator].rps / r[denominator].rps for r in raw]
        value = statistics.median(ratios)
        errors = sum(r[numerator].errors + r[denominator].errors for r in raw)
        p99 = max(r[numerator].latency_p99_ms for r in raw)
        p99_target = P99_TARGETS_MS.get(name)
        figures[name] = {
            "description": DESCRIPTIONS[name],
            "value": round(value, 3),
            "unit": "ratio",
            "target": f"≥ {TARGETS[name]}" + (f", p99 ≤ {p99_target:g} ms" if p99_target else ""),
            "pass": (value >= TARGETS[name] and errors == 0
                     and (p99_target is None or p99 <= p99_target)),
            "p99_ms": p99,
            "errors": errors,
            "rounds": [
                {"ratio": round(ratio, 3), numerator: r[numerator].as_dict(),
                 denominator: r[denominator].as_dict()}
                for ratio, r in zip(ratios, raw, strict=True)
            ],
        }
    return figures
