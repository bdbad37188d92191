"""Scheduled jobs run by a service's worker, once across replicas, against a replaceable clock."""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

import structlog
from prometheus_client import Counter, Gauge
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kit import clock

log = structlog.get_logger()

JOB_LAST_SUCCESS = Gauge(
    "cse_job_last_success_timestamp_seconds", "When each scheduled job last ran without error",
    ["job"],
)
JOB_FAILURES = Counter("cse_job_failures_total", "Scheduled job runs that failed", ["job"])


@dataclass(frozen=True)
class ScheduledJob:
    """`run(session, now)` does one pass and returns how many records it changed."""

    name: str
    run: Callable[[AsyncSession, datetime], Awaitable[int]]


async def run_once(sessionmaker: async_sessionmaker[AsyncSession], job: ScheduledJob) -> int | None:
    """One pass in one transaction; None when another replica holds the job's lock."""
    async with sessionmaker() as session, session.begin():
        locked = await session.scalar(
            select(func.pg_try_advisory_xact_lock(func.hashtext(job.name)))
        )
        if not locked:
            return None
        return await job.run(session, clock.now())


async def run_forever(
    sessionmaker: async_sessionmaker[AsyncSession],
    jobs: tuple[ScheduledJob, ...],
    interval: float,
    stop: asyncio.Event,
) -> None:
    while not stop.is_set():
        for job in jobs:
            try:
                changed = await run_once(sessionmaker, job)
                if changed is not None:
                    JOB_LAST_SUCCESS.labels(job.name).set_to_current_time()
                if changed:
                    log.info("job_ran", job=job.name, changed=changed)
            except Exception as exc:
                JOB_FAILURES.labels(job.name).inc()
                log.error("job_failed", job=job.name, error=repr(exc), exc_info=exc)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
