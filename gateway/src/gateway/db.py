"""The request's database session: one transaction per request, committed on success."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, Request
from kit.db import unit_of_work
from sqlalchemy.ext.asyncio import AsyncSession

_unit_of_work = asynccontextmanager(unit_of_work)


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    # Not kit.app.SessionDep: it drives unit_of_work with `async for`, which never throws the
    # endpoint's exception into it, so the rollback runs later from the garbage collector.
    # A context manager hands the exception over and rolls back before the response is sent.
    async with _unit_of_work(request.app.state.sessionmaker) as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(_session)]
