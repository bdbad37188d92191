"""kit.server: a started app's heap is out of the garbage collector's full collections."""

import gc

import httpx
from fastapi import FastAPI
from kit.server import FrozenStartServer
from kit.testing import serving


async def test_once_started_a_full_collection_walks_only_what_was_made_since() -> None:
    app = FastAPI()

    @app.get("/ping")
    async def ping() -> dict[str, str]:
        return {"ping": "pong"}

    gc.unfreeze()
    walked_before = len(gc.get_objects())
    try:
        async with serving(app, FrozenStartServer) as url, httpx.AsyncClient() as client:
            assert gc.get_freeze_count() >= walked_before // 2
            # A full collection now walks a small fraction of the heap it walked before.
            assert len(gc.get_objects()) < walked_before // 10
            assert (await client.get(f"{url}/ping")).json() == {"ping": "pong"}
    finally:
        gc.unfreeze()
