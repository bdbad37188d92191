"""Each API starts as its compose container would, and only so.

The process gets exactly the environment docker-compose resolves for the container (keys
from `make compose-secrets`, production mode), through the image's entrypoint, in an empty
working directory standing in for the read-only image: it must answer /healthz and leave
that directory empty. Without its keys it must refuse to start, naming the variable.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from deploy_support import API, PACKAGES, PREFIX, ROOT

# The interpreter running the tests: the workspace environment `make install` synced.
PYTHON = sys.executable


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _container_environment(resolved: dict[str, Any], name: str) -> dict[str, str]:
    """The container's environment, its /run/secrets/<name> paths mapped to the files
    compose would mount there."""
    secrets = {key: value["file"] for key, value in resolved.get("secrets", {}).items()}
    environment: dict[str, str] = {}
    for key, value in resolved["services"][name]["environment"].items():
        value = str(value)
        if value.startswith("/run/secrets/"):
            value = secrets[value.removeprefix("/run/secrets/")]
        environment[key] = value
    return environment


def _start(
    package: str, environment: dict[str, str], cwd: Path, port: int
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(ROOT / "deploy/docker-entrypoint.sh"), PYTHON, "-m", package, "serve",
         "--host", "127.0.0.1", "--port", str(port)],
        cwd=cwd,
        env={"PATH": os.environ["PATH"], "CSE_PACKAGE": package, **environment},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _healthy(port: int, process: subprocess.Popen[str], deadline: float) -> bool:
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as reply:
                return bool(reply.status == 200)
        except OSError:
            time.sleep(0.2)
    return False


@pytest.mark.parametrize("package", PACKAGES)
def test_the_api_starts_with_its_compose_environment_and_writes_nothing(
    package: str, resolved_compose: dict[str, Any], tmp_path: Path
) -> None:
    environment = _container_environment(resolved_compose, API[package])
    assert environment[f"{PREFIX[package]}ENVIRONMENT"] == "production"
    port = _free_port()
    process = _start(package, environment, tmp_path, port)
    try:
        healthy = _healthy(port, process, time.monotonic() + 60)
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert healthy, output[-3000:]
    assert list(tmp_path.iterdir()) == [], "the process wrote into its working directory"


# What each refuses to start without (the kit's data key, the packages' signing keys);
# a few packages suffice, the check itself is the kit's and the packages' own.
REQUIRED = [
    ("registry", "REGISTRY_DATA_KEY", "REGISTRY_DATA_KEY"),
    ("registry", "REGISTRY_CREDENTIAL_SIGNING_KEY_FILE", "REGISTRY_CREDENTIAL_SIGNING_KEY"),
    ("gateway", "GATEWAY_SIGNING_KEY_PEM_FILE", "GATEWAY_SIGNING_KEY_PEM"),
]


@pytest.mark.parametrize(("package", "removed", "named"), REQUIRED)
def test_the_api_refuses_to_start_without_its_keys(
    package: str, removed: str, named: str, resolved_compose: dict[str, Any], tmp_path: Path
) -> None:
    environment = _container_environment(resolved_compose, API[package])
    del environment[removed]
    process = _start(package, environment, tmp_path, _free_port())
    output, _ = process.communicate(timeout=90)
    assert process.returncode != 0
    line = next((line for line in output.splitlines() if "required outside dev mode" in line), "")
    assert named in line, output[-3000:]
    assert list(tmp_path.iterdir()) == []
