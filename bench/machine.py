"""What the figures were measured on: the machine and the versions of what serves the requests."""

import asyncio
import os
import platform
import re
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import aiormq
import asyncpg

from bench.stack import CONFIG


def _command(*args: str) -> str:
    if shutil.which(args[0]) is None and not os.path.exists(args[0]):
        return "not installed"
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc})"
    return (out.stdout + out.stderr).strip().splitlines()[0] if (out.stdout + out.stderr) else ""


def _meminfo_total_kb() -> int:
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                return int(line.split()[1])
    return 0


def _cpu_model() -> str:
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


async def _server_versions() -> dict[str, str]:
    versions: dict[str, str] = {}
    try:
        conn = await asyncpg.connect(CONFIG.database_url("identity").replace(
            "postgresql+asyncpg://", "postgresql://").rsplit("/", 1)[0] + "/postgres")
        try:
            versions["postgresql"] = str(await conn.fetchval("SELECT version()"))
        finally:
            await conn.close()
    except (OSError, asyncpg.PostgresError) as exc:
        versions["postgresql"] = f"unknown ({exc!r})"
    try:
        amqp = await aiormq.connect(CONFIG.amqp_url)
        props = amqp.server_properties
        versions["rabbitmq"] = f"{_text(props.get('product'))} {_text(props.get('version'))}"
        await amqp.close()
    except Exception as exc:
        versions["rabbitmq"] = f"unknown ({exc!r})"
    return versions


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def describe() -> dict[str, Any]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    versions = asyncio.run(_server_versions())
    versions["psql"] = _command("psql", "--version")
    versions["nginx"] = re.sub(r"^nginx version: ", "", _command(nginx, "-v"))
    versions["python"] = sys.version.split()[0]
    for package in ("uvicorn", "uvloop", "httptools", "fastapi", "sqlalchemy", "asyncpg",
                    "aio-pika"):
        versions[package] = _package(package)
    return {
        "machine": {
            "cores": os.cpu_count(),
            "cpu": _cpu_model(),
            "memory_gib": round(_meminfo_total_kb() / 1024 / 1024, 1),
            "kernel": platform.release(),
            "os": platform.platform(),
        },
        "versions": versions,
    }
