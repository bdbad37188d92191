"""Running a process's app: uvicorn, with the heap of a started process frozen.

A full collection of the garbage collector walks every tracked object. A started service or
worker holds several hundred thousand of them, almost all made at startup and alive for the
process's life: modules, classes, pydantic schemas, compiled statements, the routes. Each full
collection walked them all, 66-94 ms on the 2-core bench machine, and every request or event
in flight waited it out. Once started, the process collects once and moves what is left to the
permanent generation (`gc.freeze`), so later collections walk only what was made since (under
500 events/s no full collection ran in a frozen bench process, and none took over 5 ms).
"""

import contextlib
import gc
import sys
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE


def freeze_startup_objects() -> int:
    """Collect, then keep every object still alive out of later collections; how many."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


class FrozenStartServer(uvicorn.Server):
    """uvicorn's server, freezing the heap once the app has started and the port is bound."""

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            freeze_startup_objects()


def serve(factory: str, *, host: str, port: int) -> None:
    """`uvicorn.run(factory, factory=True, …)`, the same options for every service."""
    server = FrozenStartServer(uvicorn.Config(
        factory, factory=True, host=host, port=port, log_level="warning", access_log=False))
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: uvicorn has shut down already
        server.run()
    if not server.started:
        sys.exit(STARTUP_FAILURE)
