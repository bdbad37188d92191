"""Where evidence bytes live, behind one small interface; callers hand it ciphertext only
(encryption happens in the evidence service).

The default is the service's own PostgreSQL: the bytes are written in the same transaction as
their metadata (no orphaned or missing files), every replica sees them, and they are backed up
with the service's data. A local folder remains for development; an object store (S3, OSS,
MinIO) would implement the same three calls.
"""

import asyncio
import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from fastapi import Request
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import EvidenceBlob

KEY = re.compile(r"^[0-9a-f-]{36}/[0-9a-f-]{36}$")


class StoredFileMissing(LookupError):
    """The metadata names bytes the storage does not hold."""


class Storage(Protocol):
    async def put(self, session: AsyncSession, key: str, data: bytes) -> None: ...

    async def get(self, session: AsyncSession, key: str) -> bytes: ...

    async def delete(self, session: AsyncSession, key: str) -> None: ...


def _check(key: str) -> str:
    # Keys are "<application id>/<file id>"; anything else could escape a folder root.
    if not KEY.match(key):
        raise ValueError(f"invalid storage key {key!r}")
    return key


class DatabaseStorage:
    """Rows of `evidence_blobs` (bytea) in the caller's transaction: committed or rolled back
    with the evidence row that names them."""

    async def put(self, session: AsyncSession, key: str, data: bytes) -> None:
        session.add(EvidenceBlob(storage_key=_check(key), data=data))
        await session.flush()

    async def get(self, session: AsyncSession, key: str) -> bytes:
        data = await session.scalar(
            select(EvidenceBlob.data).where(EvidenceBlob.storage_key == _check(key))
        )
        if data is None:
            raise StoredFileMissing(key)
        return bytes(data)

    async def delete(self, session: AsyncSession, key: str) -> None:
        await session.execute(delete(EvidenceBlob).where(EvidenceBlob.storage_key == _check(key)))


class LocalDiskStorage:
    """Files under one directory, written atomically (temp file + rename), mode 0600. For
    development only: one replica's folder is not another's, and a failed commit after the
    write leaves an unreferenced ciphertext behind."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / _check(key)

    def _put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    async def put(self, session: AsyncSession, key: str, data: bytes) -> None:
        await asyncio.to_thread(self._put, key, data)

    async def get(self, session: AsyncSession, key: str) -> bytes:
        try:
            return await asyncio.to_thread(self._path(key).read_bytes)
        except FileNotFoundError as exc:
            raise StoredFileMissing(key) from exc

    async def delete(self, session: AsyncSession, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, missing_ok=True)


def storage_of(request: Request) -> Storage:
    """The app's storage (a dependency, so tests and deployments may replace it)."""
    existing: Storage | None = getattr(request.app.state, "evidence_storage", None)
    if existing is None:
        settings = request.app.state.settings
        if settings.evidence_storage == "local":
            existing = LocalDiskStorage(Path(settings.evidence_dir))
        else:
            existing = DatabaseStorage()
        request.app.state.evidence_storage = existing
    return existing
