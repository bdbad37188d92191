"""What a service is made of, so one app factory, one worker and one CLI serve all five."""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import MetaData, Table
from sqlalchemy.ext.asyncio import AsyncSession

from kit.consumer import Subscription
from kit.jobs import ScheduledJob
from kit.settings import ServiceSettings

Seeder = Callable[[AsyncSession], Awaitable[None]]


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    title: str
    description: str
    settings: Callable[[], ServiceSettings]
    metadata: MetaData
    outbox: Table
    inbox: Table
    subscriptions: Sequence[Subscription] = field(default_factory=tuple)
    seed: Seeder | None = None
    jobs: Sequence[ScheduledJob] = field(default_factory=tuple)
    version: str = "0.1.0"

    @property
    def package(self) -> str:
        return self.name
