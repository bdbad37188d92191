"""Running Debian's wrk and reading its summary."""

import re
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

LUA = Path(__file__).resolve().parent / "lua"
# One wrk thread: wrk shares the 2 cores with nginx, the service and PostgreSQL, and one thread
# drives ~40k small requests/s, far above any service here. 32 connections keep the single
# uvicorn worker saturated (its latency stays in the single milliseconds) and match the
# 32 keepalive connections nginx keeps to each upstream.
THREADS = 1
CONNECTIONS = 32


@dataclass(frozen=True)
class WrkResult:
    url: str
    duration_s: float
    requests: int
    errors: int  # non-2xx/3xx responses and timeouts
    socket_errors: int  # connect/read/write errors, e.g. connections cut when wrk stops
    rps: float  # successful responses per second
    latency_p50_ms: float
    latency_p99_ms: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise RuntimeError("wrk is not installed — install it: apt-get install -y wrk")
    return found


def wrk_version() -> str:
    out = subprocess.run([wrk_binary(), "-v"], capture_output=True, text=True, check=False)
    return (out.stdout + out.stderr).splitlines()[0].strip()


def run_wrk(url: str, duration: float, *, headers: dict[str, str] | None = None,
            script: str | None = None, threads: int = THREADS,
            connections: int = CONNECTIONS) -> WrkResult:
    command = [wrk_binary(), f"-t{threads}", f"-c{connections}", f"-d{duration:g}s",
               "--latency", "--timeout", "5s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(LUA / script)]
    command.append(url)
    out = subprocess.run(command, capture_output=True, text=True, check=True,
                         timeout=duration + 30)
    return parse(url, out.stdout)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if match is None:
        raise ValueError(f"not a wrk duration: {value!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse(url: str, text: str) -> WrkResult:
    done = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m),", text)
    if done is None:
        raise RuntimeError(f"unexpected wrk output:\n{text}")
    requests = int(done.group(1))
    duration = _ms(done.group(2) + done.group(3)) / 1000
    errors = socket_errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non_2xx:
        errors += int(non_2xx.group(1))
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if sockets:
        connect, read, write, timeout = (int(n) for n in sockets.groups())
        errors += timeout
        socket_errors = connect + read + write
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+([\d.]+(?:us|ms|s|m))\s*$", text, re.M))
    return WrkResult(
        url=url, duration_s=round(duration, 3), requests=requests, errors=errors,
        socket_errors=socket_errors,
        rps=round(max(requests - errors, 0) / duration, 1),
        latency_p50_ms=round(_ms(percentiles["50"]), 3),
        latency_p99_ms=round(_ms(percentiles["99"]), 3),
    )
