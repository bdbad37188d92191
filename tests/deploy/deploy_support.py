"""What the deploy tests share: the packages of the workspace and their settings."""

import importlib
from pathlib import Path

from kit.settings import ServiceSettings

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").is_file())
PACKAGES = [*SERVICES, "gateway"]
# The workload that serves a package's HTTP API: the gateway image serves the identity app.
API = {**{name: name for name in SERVICES}, "gateway": "identity"}
API_PORT = {**dict.fromkeys(SERVICES, 8000), "gateway": 8090}
# Workers serve /metrics and /healthz here (<SERVICE>_WORKER_PORT).
WORKER_PORT = 9100
PREFIX = {**{name: f"{name.upper()}_" for name in SERVICES}, "gateway": "GATEWAY_"}
DATABASE = {**{name: f"cse_{name}" for name in SERVICES}, "gateway": "cse_identity"}
JWKS_URL = "http://identity:8090/.well-known/jwks.json"


def package_settings(package: str) -> type[ServiceSettings]:
    """The settings class of a package: the ServiceSettings subclass in its config module."""
    module = importlib.import_module(f"{package}.config")
    classes = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, ServiceSettings)
        and value is not ServiceSettings
        and value.__module__ == module.__name__
    ]
    assert len(classes) == 1, f"{package}.config defines {classes}"
    return classes[0]
