"""Where evidence bytes live: outside the database, behind a small interface.

The default is the local disk; an object store (S3, OSS, MinIO) implements the same three
calls. Callers hand it ciphertext only; encryption happens in the evidence service.
"""

import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from fastapi import Request

KEY = re.compile(r"^[0-9a-f-]{36}/[0-9a-f-]{36}$")


class Storage(Protocol):
    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


class LocalDiskStorage:
    """Files under one directory, written atomically (temp file + rename), mode 0600."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        # Keys are "<application id>/<file id>"; anything else could escape the root.
        if not KEY.match(key):
            raise ValueError(f"invalid storage key {key!r}")
        return self.root / key

    def put(self, key: str, data: bytes) -> None:
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

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def storage_of(request: Request) -> Storage:
    """The app's storage (a dependency, so tests and deployments may replace it)."""
    existing: Storage | None = getattr(request.app.state, "evidence_storage", None)
    if existing is None:
        existing = LocalDiskStorage(Path(request.app.state.settings.evidence_dir))
        request.app.state.evidence_storage = existing
    return existing
