"""Fetches every service's OpenAPI document and keeps the merged result for a short while."""

import asyncio
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx
import structlog

from gateway.openapi.merge import Document, merge_documents
from gateway.routes import ROUTES

log = structlog.get_logger()
INCOMPLETE_TTL = 1.0


class OpenApiAggregator:
    def __init__(
        self,
        *,
        own_name: str,
        own_document: Callable[[], dict[str, Any]],
        upstreams: Mapping[str, str],
        client: httpx.AsyncClient,
        cache_seconds: float,
    ) -> None:
        self.own_name = own_name
        self.own_document = own_document
        # Route-table order, so the merged document reads the same way as nginx.conf.
        names = dict.fromkeys(route.upstream for route in ROUTES if route.upstream != own_name)
        self.upstreams = {name: upstreams[name] for name in names}
        self.client = client
        self.cache_seconds = cache_seconds
        self._cached: Document | None = None
        self._cached_at = 0.0
        self._complete = False
        self._lock = asyncio.Lock()

    async def document(self) -> Document:
        if self._fresh():
            assert self._cached is not None
            return self._cached
        # One refresh at a time: a burst of /docs visits must not fan out to every service.
        async with self._lock:
            if not self._fresh():
                self._cached, self._complete = await self._build()
                self._cached_at = time.monotonic()
            assert self._cached is not None
            return self._cached

    def _fresh(self) -> bool:
        # A document with a service missing is never kept as if complete: the next request
        # (after a short pause, so a burst does not fan out) tries every service again.
        ttl = self.cache_seconds if self._complete else min(self.cache_seconds, INCOMPLETE_TTL)
        return self._cached is not None and time.monotonic() - self._cached_at < ttl

    async def _build(self) -> tuple[Document, bool]:
        fetched = await asyncio.gather(*(self._fetch(a) for a in self.upstreams.values()))
        documents: dict[str, Document] = {self.own_name: self.own_document()}
        unavailable: list[str] = []
        for name, document in zip(self.upstreams, fetched, strict=True):
            if document is None:
                unavailable.append(name)
            else:
                documents[name] = document
        return merge_documents(documents, unavailable=unavailable), not unavailable

    async def _fetch(self, address: str) -> Document | None:
        url = f"http://{address}/openapi.json"
        try:
            response = await self.client.get(url)
            response.raise_for_status()
            document = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("openapi_fetch_failed", url=url, error=type(exc).__name__)
            return None
        if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
            log.warning("openapi_fetch_failed", url=url, error="not an OpenAPI document")
            return None
        return document
