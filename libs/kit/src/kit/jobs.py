"""Scheduled jobs run by a service's worker, once across replicas, against a replaceable clock."""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

import structlog
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kit import clock

log = structlog.get_logger()


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
                if changed:
                    log.info("job_ran", job=job.name, changed=changed)
            except Exception as exc:
                log.warning("job_failed", job=job.name, error=repr(exc))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
