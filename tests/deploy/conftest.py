"""Fixtures of the deploy tests; shared constants and helpers are in deploy_support.py."""

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from deploy_support import ROOT


@pytest.fixture(scope="session")
def secrets_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The compose keys as `make compose-secrets` writes them, into a scratch folder."""
    folder = tmp_path_factory.mktemp("compose-secrets")
    subprocess.run(
        ["deploy/compose/make-secrets.sh"],
        cwd=ROOT,
        env={**os.environ, "CSE_SECRETS_DIR": str(folder)},
        check=True,
        capture_output=True,
    )
    return folder


@pytest.fixture(scope="session")
def resolved_compose(secrets_dir: Path) -> dict[str, Any]:
    """docker-compose.yml as Debian's docker-compose resolves it: anchors merged, env files
    read into each container's environment, secret files made absolute."""
    assert shutil.which("docker-compose"), "Debian's docker-compose is missing: run `make system`"
    result = subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", "config"],
        cwd=ROOT,
        env={**os.environ, "CSE_SECRETS_DIR": str(secrets_dir)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = yaml.safe_load(result.stdout)
    return document
