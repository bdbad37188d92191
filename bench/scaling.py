"""The scaling benchmarks: two API replicas of one service behind nginx against one, and two
consumer processes of one queue against one (bench/README.md, "Scaling").

On this machine's 2 shared cores a second replica or consumer competes with nginx, PostgreSQL,
RabbitMQ and the load generator for the same cores, so these figures show the overhead of
spreading the load, not a speed-up; the README says what a cluster would show.

`python -m bench.scaling consume ...` is one consumer process of the worker benchmark.
"""

import argparse
import asyncio
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import aio_pika
import asyncpg
from kit.broker import connect, dead_letter_queue_name
from kit.consumer import Consumer, Subscription
from kit.db import recreate_database
from kit.events import Envelope
from platform_launcher import Platform
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Column, DateTime, Integer, MetaData, Table, Uuid, func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from bench.backbone import DEFAULTS, Ping, inbox
from bench.backbone import metadata as backbone_metadata
from bench.stack import CONFIG, ROOT
from bench.wrk import WrkResult, run_wrk

SCALING_TARGET = 0.9
# Both replicas (or consumers) must have done a real part of the work for the figure to count.
MIN_SHARE = 0.2
# The second applications replica and the nginx that balances over both (the platform's own
# nginx on :29080 keeps the one replica on :29001).
SECOND_REPLICA_PORT = CONFIG.service_port("applications") + 10
TWO_REPLICA_GATEWAY_PORT = CONFIG.gateway_port + 1
READ_ROUTE = "/v1/applications/{application_id}"
# The worker benchmark's database: the inbox every service has, as in cse_bench_backbone, but
# a database of its own, so experiments on the backbone's database (which drop and recreate
# it) cannot cut this benchmark's connections mid-drain.
URL = CONFIG.database_url("scaling")
DSN = URL.replace("postgresql+asyncpg://", "postgresql://")
# The worker benchmark's consumers, as bench.backbone's latency consumer runs them.
CONSUMER_POOL = {"pool_size": 5, "max_overflow": 5}

# The effect each consumer applies: one row per event naming the process that applied it. No
# unique key on the event: a duplicate the inbox let through would show as an extra row.
metadata = MetaData()
worker_effects = Table(
    "worker_effects", metadata,
    Column("event_id", Uuid, nullable=False),
    Column("worker", Integer, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False,
           server_default=func.clock_timestamp()),
)


def _stop_group(process: subprocess.Popen[Any], how: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, how)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


# --- two API replicas behind nginx ----------------------------------------------------------

@dataclass
class TwoReplicas:
    """A second applications replica and a second nginx naming both, beside the platform."""

    gateway: str
    replicas: tuple[str, ...]
    # Requests each replica served during each measurement through the two-replica nginx.
    splits: list[dict[str, int]] = field(default_factory=list)

    def served(self) -> dict[str, int]:
        """Each replica's count of the read's requests, from its own /metrics."""
        counts: dict[str, int] = {}
        for address in self.replicas:
            with urllib.request.urlopen(f"http://{address}/metrics", timeout=10) as response:
                text = response.read().decode()
            counts[address] = round(sum(
                sample.value
                for family in text_string_to_metric_families(text)
                if family.name == "cse_http_requests"
                for sample in family.samples
                if sample.name == "cse_http_requests_total"
                and sample.labels.get("route") == READ_ROUTE
                and sample.labels.get("method") == "GET"))
        return counts

    def read(self, application_id: str, token: str) -> Callable[[float], WrkResult]:
        """The authenticated read through the two-replica nginx, noting who served it."""
        url = f"{self.gateway}/v1/applications/{application_id}"

        def run(duration: float) -> WrkResult:
            before = self.served()
            result = run_wrk(url, duration, headers={"Authorization": f"Bearer {token}"})
            after = self.served()
            self.splits.append({a: after[a] - before[a] for a in self.replicas})
            return result

        return run

    def judge(self, figure: dict[str, Any]) -> None:
        """Adds each round's split to the figure; a round where one replica idled fails it."""
        rounds = figure["rounds"]
        splits = self.splits[-len(rounds):]  # the first measurement was the warm-up
        shares: list[float] = []
        for record, split in zip(rounds, splits, strict=True):
            total = sum(split.values())
            record["served_by"] = split
            shares.append(min(split.values()) / total if total else 0.0)
        figure["replicas"] = list(self.replicas)
        figure["smallest_share"] = round(min(shares), 3)
        figure["target"] += f", each replica ≥ {MIN_SHARE:.0%} of requests"
        figure["pass"] = bool(figure["pass"]) and min(shares) >= MIN_SHARE


def _await_ready(url: str, process: subprocess.Popen[bytes], what: str, log: str,
                 deadline: float) -> None:
    """Poll `url` until it answers 200; fail at once if `process` exits, or at `deadline`."""
    while not _ok(url):
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited: see {log}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not ready in time")
        time.sleep(0.2)


@contextlib.contextmanager
def two_replicas(platform: Platform, timeout: float = 300.0) -> Iterator[TwoReplicas]:
    """`python -m applications serve` on a second port and an nginx of its own (runtime dir
    var/bench/nginx-two/, port 29081) whose applications upstream names both replicas."""
    first = f"127.0.0.1:{CONFIG.service_port('applications')}"
    second = f"127.0.0.1:{SECOND_REPLICA_PORT}"
    runtime = CONFIG.runtime_dir / "nginx-two"
    conf = runtime / "nginx.conf"
    env = {**platform.env, "GATEWAY_UPSTREAMS__APPLICATIONS": f"{first},{second}"}
    subprocess.run(
        [platform.python, "-m", "gateway", "nginx-config", "--out", str(conf),
         "--port", str(TWO_REPLICA_GATEWAY_PORT), "--runtime-dir", str(runtime),
         "--no-rate-limit"],
        env=env, cwd=ROOT, check=True, capture_output=True)
    logs = CONFIG.runtime_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    started: list[subprocess.Popen[bytes]] = []
    try:
        with (logs / "applications-2.log").open("ab") as output:
            started.append(subprocess.Popen(
                [platform.python, "-m", "applications", "serve", "--port",
                 str(SECOND_REPLICA_PORT)],
                env=platform.env, cwd=ROOT, stdout=output, stderr=output,
                start_new_session=True))
        deadline = time.monotonic() + timeout
        _await_ready(f"http://{second}/readyz", started[0], "the second applications replica",
                     output.name, deadline)
        with (logs / "nginx-two.log").open("ab") as output:
            started.append(subprocess.Popen(
                [platform.commands()["nginx"][0], "-p", str(runtime), "-c", str(conf),
                 "-e", "stderr"],
                env=env, cwd=ROOT, stdout=output, stderr=output, start_new_session=True))
        gateway = f"http://127.0.0.1:{TWO_REPLICA_GATEWAY_PORT}"
        _await_ready(f"{gateway}/v1/reference/societies", started[1], "the two-replica nginx",
                     output.name, deadline)
        yield TwoReplicas(gateway=gateway, replicas=(first, second))
    finally:
        for process in reversed(started):
            _stop_group(process)


# --- two consumers of one queue -------------------------------------------------------------

RECORD_EFFECT = insert(worker_effects)  # built once, as in bench.backbone


def _subscription(queue: str, worker: int) -> Subscription:
    async def apply(session: AsyncSession, envelope: Envelope) -> None:
        await session.execute(RECORD_EFFECT, {"event_id": envelope.id, "worker": worker})

    return Subscription(queue, {Ping.event_type: apply})


async def _consume(args: argparse.Namespace) -> None:
    """One consumer process: connected and its pool warm, it says "ready", then starts
    consuming when told "go" on stdin (so the timed part is the drain, not the start-up)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    engine = create_async_engine(URL, **CONSUMER_POOL)
    sessions = async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
    connection = await connect(CONFIG.amqp_url)
    try:
        async with contextlib.AsyncExitStack() as warm:
            for _ in range(CONSUMER_POOL["pool_size"]):
                await warm.enter_async_context(engine.connect())
        consumer = Consumer(
            service="bench", subscription=_subscription(args.queue, args.worker),
            sessionmaker=sessions, inbox=inbox, exchange_name=args.exchange,
            prefetch=DEFAULTS.consumer_prefetch, window=DEFAULTS.consumer_window)
        print("ready", flush=True)
        await loop.run_in_executor(None, sys.stdin.readline)
        await consumer.start(connection)
        await stop.wait()
    finally:
        await connection.close()
        await engine.dispose()


def _spawn_consumer(exchange: str, queue: str, worker: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    logs = CONFIG.runtime_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    # Its log: stopping it mid-window cancels the transactions it had started, which aio_pika
    # reports on stderr; that is expected once every effect has committed, and not the table's.
    with (logs / f"scaling-consumer-{worker}.log").open("a") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.scaling", "consume", "--exchange", exchange,
             "--queue", queue, "--worker", str(worker)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
            env=env, start_new_session=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    if line.strip() != "ready":
        _stop_group(process, signal.SIGKILL)
        raise RuntimeError(f"bench.scaling consume did not start: {line!r}")
    return process


async def _publish_backlog(channel: aio_pika.abc.AbstractChannel, exchange_name: str,
                           events: int) -> list[uuid.UUID]:
    """`events` pings published with confirms to the exchange the queue is bound to."""
    exchange = await channel.get_exchange(exchange_name)
    ids: list[uuid.UUID] = []
    for start in range(0, events, 500):
        envelopes = [Envelope.wrap(Ping(n=n), source="bench", subject=f"pings/{n}")
                     for n in range(start, min(start + 500, events))]
        await asyncio.gather(*(exchange.publish(
            aio_pika.Message(body=e.model_dump_json().encode(),
                             content_type="application/cloudevents+json",
                             message_id=str(e.id), type=e.type,
                             delivery_mode=aio_pika.DeliveryMode.PERSISTENT),
            routing_key=e.type) for e in envelopes))
        ids.extend(e.id for e in envelopes)
    return ids


async def _drain(events: int, workers: int, exchange_name: str, queue: str,
                 channel: aio_pika.abc.AbstractChannel,
                 conn: asyncpg.Connection) -> dict[str, Any]:
    """A backlog of `events` in a fresh quorum queue, drained by `workers` consumer processes:
    seconds from "go" to the last effect committed, and whether each event took effect once."""
    await conn.execute("TRUNCATE inbox, worker_effects")
    declaring = Consumer(service="bench", subscription=_subscription(queue, 0),
                         sessionmaker=async_sessionmaker(), inbox=inbox,
                         exchange_name=exchange_name)
    try:
        await declaring.declare(channel)
        return await _time_drain(events, workers, exchange_name, queue, conn,
                                 await _publish_backlog(channel, exchange_name, events))
    finally:
        with contextlib.suppress(aio_pika.exceptions.AMQPError):
            await channel.queue_delete(queue)
            await channel.queue_delete(dead_letter_queue_name(queue))


async def _time_drain(events: int, workers: int, exchange_name: str, queue: str,
                      conn: asyncpg.Connection, published: list[uuid.UUID]) -> dict[str, Any]:
    processes: list[subprocess.Popen[str]] = []
    try:
        for n in range(workers):
            processes.append(_spawn_consumer(exchange_name, queue, n + 1))
        started = time.perf_counter()
        for process in processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        deadline = time.monotonic() + 300
        while await conn.fetchval("SELECT count(*) FROM worker_effects") < events:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{workers} consumer(s) did not drain {events} events in 300 s")
            if any(p.poll() is not None for p in processes):
                raise RuntimeError("a consumer process exited during the drain")
            await asyncio.sleep(0.01)
        elapsed = time.perf_counter() - started
    finally:
        for process in processes:
            _stop_group(process)
    row = await conn.fetchrow(
        "SELECT count(*) AS effects, count(DISTINCT event_id) AS distinct_events, "
        "count(*) FILTER (WHERE event_id = ANY($1::uuid[])) AS published_events, "
        "(SELECT count(*) FROM inbox) AS inbox_rows FROM worker_effects", published)
    assert row is not None
    split = {str(r["worker"]): int(r["n"]) for r in await conn.fetch(
        "SELECT worker, count(*) AS n FROM worker_effects GROUP BY worker ORDER BY worker")}
    counts = {key: int(row[key]) for key in
              ("effects", "distinct_events", "published_events", "inbox_rows")}
    return {
        "workers": workers,
        "seconds": round(elapsed, 3),
        "events_per_s": round(events / elapsed, 1),
        **counts,
        "exactly_once": all(value == events for value in counts.values()),
        "applied_by": split,
    }


async def worker_scaling_benchmark(events: int, rounds: int,
                                   log: Callable[[str], None]) -> dict[str, Any]:
    """Per round (the order reversed every other round): one consumer process drains a backlog
    of `events`, then two drain another; the figure is the median of throughput(2) ÷ (1)."""
    await recreate_database(URL)
    engine = create_async_engine(URL)
    async with engine.begin() as ddl:
        await ddl.run_sync(backbone_metadata.create_all, tables=[inbox])
        await ddl.run_sync(metadata.create_all)
    await engine.dispose()
    tag = uuid.uuid4().hex[:8]
    exchange_name = f"cse.bench.scaling.{tag}"
    connection = await connect(CONFIG.amqp_url)
    conn = await asyncpg.connect(DSN)
    per_round: list[dict[str, Any]] = []
    try:
        channel = await connection.channel(publisher_confirms=True)
        for round_no in range(rounds):
            order = (1, 2) if round_no % 2 == 0 else (2, 1)
            drains: dict[int, dict[str, Any]] = {}
            for workers in order:
                queue = f"bench.scaling.{tag}.{round_no + 1}.{workers}"
                drains[workers] = await _drain(events, workers, exchange_name, queue,
                                               channel, conn)
                log(f"  round {round_no + 1}: {workers} consumer(s): "
                    f"{drains[workers]['events_per_s']:>7.0f} events/s, applied by "
                    f"{drains[workers]['applied_by']}, exactly once: "
                    f"{drains[workers]['exactly_once']}")
            ratio = drains[2]["events_per_s"] / drains[1]["events_per_s"]
            per_round.append({"ratio": round(ratio, 3), "one": drains[1], "two": drains[2]})
    finally:
        with contextlib.suppress(aio_pika.exceptions.AMQPError):
            cleanup = await connection.channel()
            await cleanup.exchange_delete(exchange_name)
        await conn.close()
        await connection.close()
    value = statistics.median(r["ratio"] for r in per_round)
    exactly_once = all(r[side]["exactly_once"] for r in per_round for side in ("one", "two"))
    shares = [min(r["two"]["applied_by"].values(), default=0) / events for r in per_round]
    return {
        "description": f"a backlog of {events} events drained by 2 consumer processes ÷ by 1 "
                       "(events/s to the last effect committed)",
        "value": round(value, 3),
        "unit": "ratio",
        "target": f"≥ {SCALING_TARGET}, every event applied exactly once, "
                  f"each consumer ≥ {MIN_SHARE:.0%} of events",
        "pass": (value >= SCALING_TARGET and exactly_once
                 and all(len(r["two"]["applied_by"]) == 2 for r in per_round)
                 and min(shares) >= MIN_SHARE),
        "events": events,
        "exactly_once": exactly_once,
        "smallest_share": round(min(shares), 3),
        "consumer": {"prefetch": DEFAULTS.consumer_prefetch, **CONSUMER_POOL},
        "rounds": per_round,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="a consumer process of the worker benchmark")
    parser.add_argument("role", choices=["consume"])
    parser.add_argument("--exchange", required=True)
    parser.add_argument("--queue", required=True)
    parser.add_argument("--worker", type=int, required=True)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_consume(args))


if __name__ == "__main__":
    main()
