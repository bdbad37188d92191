"""Runs the benchmarks against the platform started as `make run` starts it, prints one table
and writes the results as JSON into bench/results/ (see bench/README.md)."""

import argparse
import asyncio
import contextlib
import json
import os
import shlex
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platform_launcher import SERVICES

from bench import backbone, intake, machine, scaling
from bench.http_bench import HTTP_BENCHMARKS, run_http
from bench.stack import CONFIG, ROOT, create_accounts, running_platform, wait_until_quiet
from bench.wrk import CONNECTIONS, THREADS, WrkResult, wrk_binary, wrk_version

BENCHMARKS = ("gateway_hop", "authenticated_read", "write_path", "verification_lookup",
              "api_scaling", "bulk_intake", "relay", "event_latency", "worker_scaling",
              "memory")
RESULTS = ROOT / "bench" / "results"
MEMORY_TARGET_MB = 100.0
# How many of each process a benchmark ran; every other one ran the platform as `make run`
# does (ONE_EACH).
ONE_EACH = {"api_replicas_per_service": 1, "worker_processes_per_service": 1}
REPLICAS: dict[str, dict[str, Any]] = {
    "api_scaling": {
        "applications_api_replicas": [1, 2],
        "gateways": {str(CONFIG.gateway_port): 1,
                     str(scaling.TWO_REPLICA_GATEWAY_PORT): 2},
        "replica_ports": [CONFIG.service_port("applications"), scaling.SECOND_REPLICA_PORT],
    },
    "relay": {"relay_processes": 1},
    "event_latency": {"relay_processes": 1, "consumer_processes": 1},
    "worker_scaling": {"consumer_processes": [1, 2]},
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc/<pid>/status (VmRSS)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def pss_mb(pid: int) -> float:
    """Proportional set size: shared library pages divided among the processes sharing them."""
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found.append(int(child))
            found.extend(children(int(child)))
    return found


def memory_figure(processes: dict[str, int]) -> dict[str, Any]:
    """PSS of every Python process of the platform, the figure the issue holds (≤ 100 MB):
    shared library pages are split between the processes sharing them, so it is what each
    process adds. RSS (counting every shared page in full) is reported beside it; nginx apart,
    with no target."""
    python = {name: round(pss_mb(pid), 1) for name, pid in processes.items() if name != "nginx"}
    nginx_pids = [processes["nginx"], *children(processes["nginx"])] if "nginx" in processes else []
    worst = max(python.values())
    return {
        "description": "PSS of each process, idle after start",
        "value": worst,
        "unit": "MB PSS (largest)",
        "target": f"PSS ≤ {MEMORY_TARGET_MB:g} MB each",
        "pass": worst <= MEMORY_TARGET_MB,
        "processes": python,
        "rss_mb": {name: round(rss_mb(pid), 1) for name, pid in processes.items()
                   if name != "nginx"},
        "nginx_total_mb": round(sum(rss_mb(pid) for pid in nginx_pids), 1),
    }


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmarks of the gateway and the backbone")
    parser.add_argument("--smoke", action="store_true",
                        help="every benchmark once, for seconds, no targets (CI)")
    parser.add_argument("--only", action="append", choices=BENCHMARKS, metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}")
    parser.add_argument("--rounds", type=int, help="interleaved rounds (3; smoke 1)")
    parser.add_argument("--duration", type=float, help="seconds per wrk run (10; smoke 1)")
    parser.add_argument("--results-dir", type=Path,
                        help="where to write the JSON (bench/results; smoke var/bench/smoke)")
    parser.add_argument("--latency-rate", type=float, default=500.0,
                        help="events per second of the latency benchmark (500)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    selected = [name for name in BENCHMARKS if not args.only or name in args.only]
    smoke = bool(args.smoke)
    rounds = args.rounds or (1 if smoke else 3)
    duration = args.duration or (1.0 if smoke else 8.0)
    warmup = 1.0 if smoke else 2.0
    relay_rows = 2_000 if smoke else 20_000
    batch_sizes = [500] if smoke else [500, 2000]
    latency_seconds = 2.0 if smoke else 10.0
    backlog = 500 if smoke else 5_000
    results_dir = args.results_dir or (CONFIG.runtime_dir / "smoke" if smoke else RESULTS)
    started = time.monotonic()
    date = datetime.now(UTC)
    # Other work on the shared cores moves every figure: the JSON says how busy they were.
    load_at_start = os.getloadavg()
    figures: dict[str, dict[str, Any]] = {}
    http = [name for name in selected if name in HTTP_BENCHMARKS]
    # A smoke run checks that each benchmark runs, not its figure: no waiting for rest.
    settle = None if smoke else wait_until_quiet
    if http:
        wrk_binary()  # fail before starting anything when wrk is missing
    if http or "memory" in selected or "bulk_intake" in selected:
        log(f"starting the platform (bench ports {CONFIG.gateway_port}/{CONFIG.identity_port}/"
            f"{CONFIG.first_service_port}-{CONFIG.service_port(SERVICES[-1])})…")
        with running_platform() as platform:
            log(f"platform ready after {time.monotonic() - started:.0f} s")
            if "memory" in selected:
                time.sleep(1.0 if smoke else 3.0)
                figures["memory"] = memory_figure(
                    {name: p.pid for name, p in platform.processes.items()})
                log(f"memory: largest {figures['memory']['value']} MB")
            if http or "bulk_intake" in selected:
                accounts = create_accounts(platform)
            if http:
                with contextlib.ExitStack() as stack:
                    extra: dict[str, Callable[[float], WrkResult]] = {}
                    replicas = None
                    if "api_scaling" in http:
                        log(f"api scaling: a second applications replica on "
                            f":{scaling.SECOND_REPLICA_PORT} and an nginx over both on "
                            f":{scaling.TWO_REPLICA_GATEWAY_PORT}…")
                        replicas = stack.enter_context(scaling.two_replicas(platform))
                        extra["read_two_replicas"] = replicas.read(
                            accounts.application_id, accounts.applicant_token)
                    log(f"http: {', '.join(http)}; {rounds} round(s) of {duration:g} s per "
                        "endpoint")
                    figures.update(run_http(http, accounts, rounds=rounds, duration=duration,
                                            warmup=warmup, log=log, extra=extra,
                                            settle=settle))
                    if replicas is not None:
                        replicas.judge(figures["api_scaling"])
            if "bulk_intake" in selected:
                log(f"bulk intake: {rounds} round(s)")
                figures.update(intake.run_intake(accounts.enterprise_token, rounds, log,
                                                 settle=settle))
    if "relay" in selected:
        log(f"relay: {relay_rows} rows, batch sizes {batch_sizes}, {rounds} round(s)")
        figures["relay"] = asyncio.run(backbone.relay_benchmark(
            relay_rows, batch_sizes, rounds, log))
    if "event_latency" in selected:
        rate = args.latency_rate
        log(f"event latency: {rate:g} events/s for {latency_seconds:g} s, {rounds} round(s)")
        figures["event_latency"] = asyncio.run(
            backbone.latency_rounds(rate, latency_seconds, rounds, log=log, settle=settle))
    if "worker_scaling" in selected:
        log(f"worker scaling: a backlog of {backlog} events, 1 vs 2 consumers, {rounds} round(s)")
        figures["worker_scaling"] = asyncio.run(
            scaling.worker_scaling_benchmark(backlog, rounds, log))
    report = {
        "date": date.isoformat(timespec="seconds"),
        "command": "uv run python bench/run.py" + "".join(f" {shlex.quote(a)}" for a in argv),
        "mode": "smoke" if smoke else "full",
        "rounds": rounds,
        "elapsed_s": round(time.monotonic() - started, 1),
        "load_average_1_5_15_min": {"start": [round(v, 2) for v in load_at_start],
                                    "end": [round(v, 2) for v in os.getloadavg()]},
        **machine.describe(),
        "load_generator": {
            "tool": "wrk", "version": wrk_version() if http else None,
            "threads": THREADS, "connections": CONNECTIONS, "duration_s": duration,
            "warmup_s": warmup, "keepalive": True,
        },
        "platform": {
            "gateway_port": CONFIG.gateway_port, "first_service_port": CONFIG.first_service_port,
            "uvicorn_workers_per_service": 1, "nginx_rate_limit": CONFIG.rate_limit,
            "replicas": {name: REPLICAS.get(name, ONE_EACH) for name in selected},
        },
        "figures": figures,
    }
    if smoke:
        for figure in figures.values():
            figure["pass"] = None  # smoke mode checks that benchmarks run, not their targets
    path = write(report, results_dir)
    print(table(report, format_rounds))
    log(f"results: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


def write(report: dict[str, Any], directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = report["date"].replace(":", "").replace("-", "").replace("+0000", "Z")
    path = directory / f"{stamp}.json"
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text)
    (directory / "latest.json").write_text(text)
    return path


def format_rounds(name: str, figure: dict[str, Any]) -> str:
    if name == "api_scaling":
        numerator, denominator = HTTP_BENCHMARKS[name]
        return ", ".join(
            f"{r[numerator]['rps']:.0f}/{r[denominator]['rps']:.0f}"
            + (" (served " + "/".join(str(n) for n in r["served_by"].values()) + ")"
               if "served_by" in r else "")
            for r in figure["rounds"])
    if name == "worker_scaling":
        return ", ".join(f"{r['two']['events_per_s']:,.0f}/{r['one']['events_per_s']:,.0f}/s"
                         for r in figure["rounds"]) + (
            "; each event applied once" if figure["exactly_once"] else "; NOT exactly once")
    if name in HTTP_BENCHMARKS:
        numerator, denominator = HTTP_BENCHMARKS[name]
        return ", ".join(
            f"{r[numerator]['rps']:.0f}/{r[denominator]['rps']:.0f}" for r in figure["rounds"])
    if name.startswith("relay"):
        return ", ".join(f"batch {size}: {v['median']:,}/s"
                         for size, v in figure["by_batch_size"].items())
    if name == "memory":
        return " ".join(f"{p}={mb:.0f}" for p, mb in figure["processes"].items())
    if name.startswith("event_latency"):
        runs = figure["rounds"]
        return (f"p50 {' / '.join(str(r['p50_ms']) for r in runs)} ms, "
                f"p99 {' / '.join(str(r['p99_ms']) for r in runs)} ms "
                f"at {figure['rate_achieved']:.0f}/s")
    if name.startswith("bulk_"):
        return ", ".join(f"{r['stored_s']:.2f} s (+{r['stored_candidates']}) / bad row "
                         f"{r['rejected_s']:.2f} s (+{r['stored_by_rejected']})"
                         for r in figure["rounds"])
    return ""


def table(report: dict[str, Any], details: Callable[[str, dict[str, Any]], str]) -> str:
    """The Markdown table of README.md and bench/README.md."""
    lines = [
        "| benchmark | figure | target | result | rounds / details |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, figure in report["figures"].items():
        verdict = {True: "pass", False: "**miss**", None: "—"}[figure["pass"]]
        value = figure["value"]
        shown = f"{value:,.3f}" if figure["unit"] == "ratio" else f"{value:,} {figure['unit']}"
        if name.startswith("event_latency"):
            shown = f"p50 {figure['p50_ms']} ms, p99 {figure['p99_ms']} ms"
        lines.append(f"| {name} | {shown} | {figure['target']} | {verdict} | "
                     f"{details(name, figure)} |")
    return "\n".join(lines)
