"""A service's worker process: the outbox relay and every consumer of the service."""

import asyncio
import signal

import aio_pika
import structlog
from aio_pika.abc import AbstractRobustConnection
from sqlalchemy.ext.asyncio import AsyncEngine

from kit import clock, jobs
from kit.broker import connect, declare_exchange
from kit.consumer import Consumer
from kit.crypto import configure_from_settings
from kit.db import create_engine, create_sessionmaker
from kit.observability import configure_logging
from kit.operations import WorkerHealth, monitor, pruning_job
from kit.relay import OutboxRelay
from kit.server import freeze_startup_objects
from kit.service import ServiceSpec
from kit.settings import ServiceSettings
from kit.tracing import configure_tracing

log = structlog.get_logger()


class Worker:
    """Relay and consumers sharing one robust connection; usable in-process by tests."""

    def __init__(self, spec: ServiceSpec, settings: ServiceSettings) -> None:
        self.spec = spec
        self.settings = settings
        # One connection for the relay, one for scheduled jobs, the rest for the consumers.
        self.engine: AsyncEngine = create_engine(settings.database_url, pool_size=6)
        self.sessionmaker = create_sessionmaker(self.engine)
        self.stop_event = asyncio.Event()
        self.connection: AbstractRobustConnection | None = None
        self.relay: OutboxRelay | None = None
        self.consumers = [
            Consumer(
                service=spec.name,
                subscription=subscription,
                sessionmaker=self.sessionmaker,
                inbox=spec.inbox,
                exchange_name=settings.exchange,
                max_attempts=settings.consumer_delivery_limit,
                prefetch=settings.consumer_prefetch,
                backoff_base=settings.consumer_backoff_base,
                backoff_max=settings.consumer_backoff_max,
                queue_prefix=settings.queue_prefix,
                concurrency=4,
                window=settings.consumer_window,
            )
            for subscription in spec.subscriptions
        ]
        self._relay_task: asyncio.Task[None] | None = None
        self._jobs_task: asyncio.Task[None] | None = None
        self._monitor_task: asyncio.Task[None] | None = None
        self.jobs = (*spec.jobs, pruning_job(spec.outbox, spec.inbox, settings.retention_days))
        configure_from_settings(settings)
        clock.configure_from_settings(settings.environment, settings.clock_offset_file)

    async def start(self) -> None:
        self.connection = await self._connect()
        channel = await self.connection.channel(publisher_confirms=True)
        exchange = await declare_exchange(channel, self.settings.exchange)
        for consumer in self.consumers:
            await consumer.start(self.connection)
        self.relay = OutboxRelay(
            service=self.spec.name,
            engine=self.engine,
            table=self.spec.outbox,
            exchange=exchange,
            batch_size=self.settings.relay_batch_size,
            confirm_timeout=self.settings.relay_confirm_timeout,
        )
        dsn = self.settings.database_url.replace("postgresql+asyncpg://", "postgresql://")
        self._relay_task = asyncio.create_task(
            self.relay.run(
                self.stop_event, database_dsn=dsn, poll_interval=self.settings.relay_poll_interval
            )
        )
        self._jobs_task = asyncio.create_task(jobs.run_forever(
            self.sessionmaker, self.jobs, self.settings.job_interval_seconds, self.stop_event,
        ))
        self._monitor_task = asyncio.create_task(monitor(
            service=self.spec.name, sessionmaker=self.sessionmaker, outbox=self.spec.outbox,
            queues=[c.queue for c in self.consumers], amqp_url=self.settings.amqp_url,
            interval=self.settings.monitor_interval_seconds, stop=self.stop_event,
        ))
        log.info("worker_started", queues=[c.queue for c in self.consumers])

    async def _connect(self) -> AbstractRobustConnection:
        delay = 0.5
        while True:
            try:
                return await connect(self.settings.amqp_url, self.settings.amqp_reconnect_interval)
            except (OSError, aio_pika.exceptions.AMQPError) as exc:
                log.warning("broker_unreachable", error=repr(exc), retry_in=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)

    async def stop(self) -> None:
        self.stop_event.set()
        for task in (self._relay_task, self._jobs_task, self._monitor_task):
            if task is not None:
                await task
        for consumer in self.consumers:
            consumer.cancel_retries()
        if self.connection is not None:
            await self.connection.close()
        await self.engine.dispose()


async def run_worker(spec: ServiceSpec) -> None:
    settings = spec.settings()
    configure_logging(f"{spec.name}-worker", settings.log_level, settings.log_json)
    configure_tracing(f"{spec.name}-worker", settings.otlp_endpoint)
    worker = Worker(spec, settings)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await worker.start()
    freeze_startup_objects()  # see kit.server
    server = None
    if settings.worker_port:
        import uvicorn

        def healthy() -> bool:
            return worker.connection is not None and not worker.connection.is_closed

        server = uvicorn.Server(uvicorn.Config(
            WorkerHealth(healthy), host=settings.worker_host, port=settings.worker_port,
            log_level="warning", access_log=False, lifespan="off",
        ))
        server_task = asyncio.create_task(server.serve())
    await stop.wait()
    if server is not None:
        server.should_exit = True
        await server_task
    await worker.stop()
