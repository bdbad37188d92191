"""Support for the end-to-end tests: the platform's test configuration and the gateway CLI."""

import subprocess
import sys
from pathlib import Path

from platform_launcher import Platform, PlatformConfig

ROOT = Path(__file__).resolve().parents[2]
CONFIG = PlatformConfig(
    gateway_port=28080, identity_port=28090, first_service_port=28001,
    database_prefix="cse_e2e_", exchange="cse.e2e.events", queue_prefix="e2e.",
    runtime_dir=ROOT / "var" / "e2e", rate_limit=False,
)
QUEUES = ("evaluation.intake", "registry.registration", "cpd.ledgers", "notifications.inbox")


def gateway_cli(platform: Platform, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "gateway", *args], env=platform.env, cwd=ROOT,
        capture_output=True, text=True, check=True,
    )
    return result.stdout
