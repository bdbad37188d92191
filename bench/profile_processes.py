"""Where the write path's CPU goes, process by process (issue 16): the bench platform started as
`make bench` starts it, the write benchmark's load (wrk, `lua/write.lua`: one-candidate pushes
through nginx) for D seconds, and then a wait until every worker has drained what the pushes
left. Each process's CPU over that span (`/proc/<pid>/stat`, user + system) divided by the
pushes: the API, each worker, RabbitMQ, the PostgreSQL backends grouped by database, nginx and
the kernel threads, with their total. On 2 cores, pushes/s ≈ 2000 ms ÷ (total ms per push).

    uv run python -m bench.profile_processes              # 15 s of pushes
    uv run python -m bench.profile_processes --seconds 20
"""

import argparse
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT / "deploy" / "local", ROOT):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from bench.stack import GATEWAY, create_accounts, running_platform, wait_until_quiet  # noqa: E402
from bench.wrk import run_wrk  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
_BACKEND = re.compile(r"^postgres: \S+ \S+ (\S+) ")


def cpu_seconds() -> dict[int, tuple[str, float]]:
    """Every process's name (its command line, or its kernel name) and CPU seconds so far."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue  # ended meanwhile
        name, rest = stat.split("(", 1)[1].rsplit(")", 1)
        fields = rest.split()
        found[int(entry.name)] = (command or f"[{name}]",
                                  (int(fields[11]) + int(fields[12])) / TICKS)
    return found


def group(command: str) -> str:
    """A readable name: `applications serve`, `oversight worker`, `postgres (cse_bench_x)`."""
    backend = _BACKEND.match(command)
    if backend:
        return f"postgres ({backend.group(1)})"
    if " -m " in command:
        return " ".join(command.split(" -m ", 1)[1].split()[:2])
    if "beam.smp" in command:
        return "rabbitmq"
    if command.startswith("nginx"):
        return "nginx"
    if command.startswith("postgres"):
        return "postgres (other)"
    if command.startswith("["):
        return command  # a kernel thread
    return command.split()[0].rsplit("/", 1)[-1][:40]


def main(seconds: float) -> None:
    with running_platform() as platform:
        accounts = create_accounts(platform)
        headers = {"Authorization": f"Bearer {accounts.enterprise_token}"}
        url = f"{GATEWAY}/v1/recommendations"
        run_wrk(url, 3, headers=headers, script="write.lua")  # warm-up
        wait_until_quiet()
        before = cpu_seconds()
        started = time.monotonic()
        result = run_wrk(url, seconds, headers=headers, script="write.lua")
        drained = wait_until_quiet()
        after = cpu_seconds()
        span = time.monotonic() - started
    pushes = max(result.requests, 1)
    per_group: dict[str, float] = defaultdict(float)
    for pid, (command, total) in after.items():
        per_group[group(command)] += total - before.get(pid, (command, 0.0))[1]
    print(f"{result.requests} pushes in {seconds:g} s ({result.rps:.0f}/s, errors "
          f"{result.errors}); CPU over {span:.0f} s, {drained:.1f} s of it draining after wrk")
    shown = 0.0
    for name, used in sorted(per_group.items(), key=lambda item: -item[1]):
        if used * 1000 / pushes >= 0.05:
            shown += used
            print(f"{used * 1000 / pushes:7.2f} ms/push  {used:6.2f} s  {name}")
    total = sum(per_group.values())
    print(f"{total * 1000 / pushes:7.2f} ms/push  {total:6.2f} s  in all "
          f"({(total - shown) * 1000 / pushes:.2f} in processes under 0.05 each)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    main(args.seconds)
