"""The end-to-end tests' platform: its own ports, databases, exchange and queue names."""

from pathlib import Path

from platform_launcher import PlatformConfig

ROOT = Path(__file__).resolve().parents[2]
CONFIG = PlatformConfig(
    gateway_port=28080, identity_port=28090, first_service_port=28001,
    database_prefix="cse_e2e_", exchange="cse.e2e.events", queue_prefix="e2e.",
    runtime_dir=ROOT / "var" / "e2e", rate_limit=False, job_interval_seconds=1.0,
)
