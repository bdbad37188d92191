"""docker-compose.yml runs every package as written, read as a society's IT team would.

The file is checked as written (YAML) and as Debian's docker-compose 1.29 resolves it
(`docker-compose config`, with keys from `make compose-secrets`): every package gets its
containers, nothing starts before its migration, every key is traced from its secret file
to each process that needs it, workers expose their metrics port, nothing writes into the
image.
"""

import base64
import importlib
import os
import re
import subprocess
import typing
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from deploy_support import (
    API,
    API_PORT,
    DATABASE,
    JWKS_URL,
    PACKAGES,
    PREFIX,
    ROOT,
    SERVICES,
    WORKER_PORT,
    package_settings,
)
from gateway.config import GatewaySettings
from gateway.routes import DEFAULT_UPSTREAMS
from prometheus_client import REGISTRY
from pydantic import SecretStr

COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))
CONTAINERS: dict[str, dict[str, Any]] = COMPOSE["services"]


def _containers_of(package: str) -> list[str]:
    """Every container that runs the package's image."""
    api = API[package]
    names = [api, f"{api}-migrate"]
    names += ["nginx-config"] if package == "gateway" else [f"{api}-worker"]
    return names


def _one_shot() -> set[str]:
    """Jobs are what others wait on to complete; everything else runs until stopped."""
    return {
        name
        for container in CONTAINERS.values()
        for name, dependency in (container.get("depends_on") or {}).items()
        if dependency.get("condition") == "service_completed_successfully"
    }


def _command(container: dict[str, Any]) -> str:
    command = container.get("command", "")
    return command if isinstance(command, str) else " ".join(command)


def _depends_on(name: str) -> dict[str, str]:
    return {
        dependency: condition["condition"]
        for dependency, condition in (CONTAINERS[name].get("depends_on") or {}).items()
    }


# Secrets a deployment sets only when it has them (a mail server's account, the older data
# keys after a rotation): the secrets file names them, commented out; nothing may set them
# in the compose file itself.
OPTIONAL_SECRETS = {("notifications", "smtp_password")} | {
    (package, "previous_data_keys") for package in PACKAGES
}


def _secret_fields(package: str) -> list[str]:
    """Settings the package holds as secrets (SecretStr): keys and passwords."""
    return [
        name
        for name, field in package_settings(package).model_fields.items()
        if SecretStr in (field.annotation, *typing.get_args(field.annotation))
    ]


def _mount_target(volume: str | dict[str, str]) -> str:
    """Where a volume is mounted: docker-compose 1.29 prints `source:target:mode`."""
    return volume["target"] if isinstance(volume, dict) else volume.split(":")[1]


def _env_file(path: Path) -> dict[str, str]:
    pairs = (
        line.split("=", 1)
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    return dict(pairs)


# --- the file as a whole ------------------------------------------------------------------


def test_compose_uses_the_compose_spec_without_version() -> None:
    assert "version" not in COMPOSE


def test_debian_docker_compose_accepts_the_file(secrets_dir: Path) -> None:
    """`docker-compose config -q` with Debian's 1.29, installed by `make system`: no skip."""
    result = subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        env={**os.environ, "CSE_SECRETS_DIR": str(secrets_dir)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("package", PACKAGES)
def test_every_package_has_its_containers(package: str) -> None:
    assert set(_containers_of(package)) <= CONTAINERS.keys()
    if package == "gateway":
        assert "nginx" in CONTAINERS


def test_every_long_running_container_has_a_healthcheck() -> None:
    one_shot = _one_shot()
    assert one_shot, "no container waits for a job to complete"
    for name, container in CONTAINERS.items():
        if "profiles" in container:  # optional extras (monitoring)
            continue
        if name in one_shot:
            assert container.get("restart", "no") == "no", name
            continue
        healthcheck = container.get("healthcheck") or {}
        assert healthcheck.get("test"), name
        assert not healthcheck.get("disable"), name
        assert container.get("restart") == "unless-stopped", name


@pytest.mark.parametrize("package", PACKAGES)
def test_containers_wait_for_their_migration(package: str) -> None:
    api = API[package]
    assert _depends_on(f"{api}-migrate") == {"postgres": "service_healthy"}
    waiting = [api] if package == "gateway" else [api, f"{api}-worker"]
    for name in waiting:
        depends_on = _depends_on(name)
        assert depends_on[f"{api}-migrate"] == "service_completed_successfully", name
        if package != "gateway":
            assert depends_on["rabbitmq"] == "service_healthy", name


@pytest.mark.parametrize("package", PACKAGES)
def test_migration_job_migrates_an_existing_database_and_seeds(package: str) -> None:
    """Like a managed PostgreSQL: the database exists (postgres-init.sql), the job never
    creates one."""
    command = _command(CONTAINERS[f"{API[package]}-migrate"])
    assert "createdb" not in command
    if package == "gateway":
        assert command == "python -m gateway migrate"
    else:
        assert command == f"sh -c python -m {package} migrate && python -m {package} seed"


def test_postgres_init_creates_every_database() -> None:
    mounts = CONTAINERS["postgres"]["volumes"]
    init = next(m for m in mounts if "/docker-entrypoint-initdb.d/" in m).split(":")[0]
    sql = (ROOT / init).resolve().read_text("utf-8")
    assert set(re.findall(r"CREATE DATABASE (\w+);", sql)) == set(DATABASE.values())


@pytest.mark.parametrize("package", PACKAGES)
def test_containers_run_their_package_image(package: str) -> None:
    names = _containers_of(package)
    images = {CONTAINERS[name]["image"] for name in names}
    assert len(images) == 1
    assert images.pop().startswith(f"cse/{package}:")
    args = {"PACKAGE": package}
    if package == "gateway":
        args |= {"SOURCE": "gateway", "PORT": "8090"}
    for name in names:
        build = CONTAINERS[name]["build"]
        assert build == {"context": ".", "dockerfile": "deploy/Dockerfile", "args": args}, name
    api = API[package]
    port = API_PORT[package]
    assert _command(CONTAINERS[api]) == f"python -m {package} serve --host 0.0.0.0 --port {port}"
    if package in SERVICES:
        assert _command(CONTAINERS[f"{api}-worker"]) == f"python -m {package} worker"


@pytest.mark.parametrize("package", PACKAGES)
def test_settings_point_at_compose_hosts(package: str, resolved_compose: dict[str, Any]) -> None:
    prefix = PREFIX[package]
    for name in _containers_of(package):
        environment: dict[str, str] = resolved_compose["services"][name]["environment"]
        assert all(key.startswith(prefix) for key in environment), name
        # Containers are production: keys required, no movable clock, no generated files.
        assert environment[f"{prefix}ENVIRONMENT"] == "production", name
        assert environment[f"{prefix}LOG_JSON"] == "true", name
        database = urlsplit(environment[f"{prefix}DATABASE_URL"])
        assert database.scheme == "postgresql+asyncpg"
        assert (database.hostname, database.port) == ("postgres", 5432)
        assert database.path == f"/{DATABASE[package]}"
        if package in SERVICES:
            broker = urlsplit(environment[f"{prefix}AMQP_URL"])
            assert (broker.scheme, broker.hostname, broker.port) == ("amqp", "rabbitmq", 5672)
            assert environment[f"{prefix}JWKS_URL"] == JWKS_URL
        # Every setting the container passes is one the package reads.
        fields = {f"{prefix}{field}".upper() for field in package_settings(package).model_fields}
        known = {key.split("__")[0].removesuffix("_FILE") for key in environment}
        assert known <= fields, f"{name}: {known - fields} are not settings of {package}"


# --- keys: from one secret per package to every process of it --------------------------


@pytest.mark.parametrize("package", PACKAGES)
def test_every_key_comes_from_the_packages_secret(
    package: str, secrets_dir: Path, resolved_compose: dict[str, Any]
) -> None:
    """Each secret setting reaches the API, the worker and the jobs of the package with the
    value `make compose-secrets` wrote, the same in all of them: one key per package."""
    prefix = PREFIX[package]
    secret_file = secrets_dir / f"{package}.env"
    written = _env_file(secret_file)
    fields = _secret_fields(package)
    assert {f"{prefix}DATA_KEY", f"{prefix}BLIND_INDEX_KEY"} <= {
        f"{prefix}{field}".upper() for field in fields
    }
    for name in _containers_of(package):
        assert CONTAINERS[name]["env_file"] == [
            f"${{CSE_SECRETS_DIR:-./deploy/compose/secrets}}/{package}.env"
        ], name
        container = resolved_compose["services"][name]
        environment = container["environment"]
        for field in fields:
            variable = f"{prefix}{field}".upper()
            if (package, field) in OPTIONAL_SECRETS:
                assert variable not in environment, (name, variable)
                assert f"# {variable}=" in secret_file.read_text("utf-8")
                continue
            if variable in written:
                assert environment[variable] == written[variable], (name, variable)
                continue
            # A PEM (multi-line, not for an env file): a compose secret file, which the image's
            # entrypoint reads into the variable (<VAR>_FILE).
            path = environment.get(f"{variable}_FILE", "")
            secret = path.removeprefix("/run/secrets/")
            assert path.startswith("/run/secrets/"), f"{name}: nothing sets {variable}"
            assert {"source": secret} in container["secrets"], name
            secret_path = Path(resolved_compose["secrets"][secret]["file"])
            assert secret_path.parent == secrets_dir, name
            assert secret_path.read_text("utf-8").startswith("-----BEGIN PRIVATE KEY-----")
    data_key = base64.b64decode(written[f"{prefix}DATA_KEY"], validate=True)
    index_key = base64.b64decode(written[f"{prefix}BLIND_INDEX_KEY"], validate=True)
    assert len(data_key) == len(index_key) == 32
    assert data_key != index_key
    assert written[f"{prefix}DATA_KEY_ID"] == "k1"


def test_every_package_has_its_own_data_key(secrets_dir: Path) -> None:
    keys = [_env_file(secrets_dir / f"{p}.env")[f"{PREFIX[p]}DATA_KEY"] for p in PACKAGES]
    assert len(set(keys)) == len(PACKAGES)


def test_secret_generation_never_replaces_a_key(secrets_dir: Path) -> None:
    """Replacing a data key would make everything it encrypted unreadable."""
    before = {path.name: path.read_bytes() for path in secrets_dir.iterdir()}
    subprocess.run(
        ["deploy/compose/make-secrets.sh"],
        cwd=ROOT,
        env={**os.environ, "CSE_SECRETS_DIR": str(secrets_dir)},
        check=True,
        capture_output=True,
    )
    assert {path.name: path.read_bytes() for path in secrets_dir.iterdir()} == before
    for path in secrets_dir.glob("*.env"):
        assert path.stat().st_mode & 0o077 == 0, path
    assert secrets_dir.stat().st_mode & 0o077 == 0
    ignored = (ROOT / "deploy/compose/secrets/.gitignore").read_text("utf-8").splitlines()
    assert "*" in ignored


# --- metrics and health -------------------------------------------------------------------


@pytest.mark.parametrize("package", SERVICES)
def test_workers_serve_metrics_and_health_on_their_own_port(
    package: str, resolved_compose: dict[str, Any]
) -> None:
    worker = resolved_compose["services"][f"{package}-worker"]
    assert worker["environment"][f"{PREFIX[package]}WORKER_PORT"] == str(WORKER_PORT)
    probe = " ".join(worker["healthcheck"]["test"])
    assert f"http://127.0.0.1:{WORKER_PORT}/healthz" in probe
    assert worker["labels"] == {
        "prometheus.io/scrape": "true",
        "prometheus.io/port": str(WORKER_PORT),
        "prometheus.io/path": "/metrics",
    }


@pytest.mark.parametrize("package", PACKAGES)
def test_apis_are_scraped(package: str, resolved_compose: dict[str, Any]) -> None:
    api = resolved_compose["services"][API[package]]
    assert api["labels"]["prometheus.io/port"] == str(API_PORT[package])
    assert f"http://127.0.0.1:{API_PORT[package]}/healthz" in " ".join(api["healthcheck"]["test"])


def test_the_monitoring_profile_scrapes_every_api_and_worker() -> None:
    prometheus = CONTAINERS["prometheus"]
    assert prometheus["profiles"] == ["monitoring"]
    config = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text("utf-8"))
    targets = {
        target
        for job in config["scrape_configs"]
        for static in job["static_configs"]
        for target in static["targets"]
    }
    expected = {f"{API[p]}:{API_PORT[p]}" for p in PACKAGES}
    expected |= {f"{s}-worker:{WORKER_PORT}" for s in SERVICES}
    assert targets == expected
    assert config["rule_files"] == ["/etc/prometheus/alerts.yml"]


def _kit_metric_names() -> set[str]:
    """Every series name the kit's metrics produce (a counter's _total, a histogram's
    _bucket/_sum/_count)."""
    importlib.import_module("kit.jobs")
    importlib.import_module("kit.operations")
    importlib.import_module("kit.observability")
    suffixes = {"counter": ["_total"], "histogram": ["_bucket", "_sum", "_count"], "gauge": [""]}
    return {
        family.name + suffix
        for family in REGISTRY.collect()
        if family.name.startswith("cse_")
        for suffix in suffixes.get(family.type, [""])
    }


def test_alerts_name_only_metrics_the_kit_exports() -> None:
    rules = yaml.safe_load((ROOT / "deploy/prometheus/alerts.yml").read_text("utf-8"))
    alerts = [rule for group in rules["groups"] for rule in group["rules"]]
    exported = _kit_metric_names()
    watched = {
        "cse_outbox_oldest_pending_seconds", "cse_dead_letter_queue_depth",
        "cse_events_consumed_total", "cse_job_last_success_timestamp_seconds",
        "cse_job_failures_total", "cse_http_requests_total", "cse_http_request_seconds_bucket",
    }
    named: set[str] = set()
    for alert in alerts:
        assert alert["labels"]["severity"] in {"warning", "critical"}, alert["alert"]
        assert alert["annotations"]["summary"], alert["alert"]
        assert alert["annotations"]["description"], alert["alert"]
        named |= set(re.findall(r"\bcse_[a-z_]+", alert["expr"]))
    assert named <= exported, named - exported
    assert watched <= named
    readme = (ROOT / "README.md").read_text("utf-8")
    for alert in alerts:
        assert f"`{alert['alert']}`" in readme, f"README's Operations section explains {alert}"


# --- nothing writes into the image --------------------------------------------------------


@pytest.mark.parametrize("package", PACKAGES)
def test_containers_never_write_into_the_image(
    package: str, resolved_compose: dict[str, Any]
) -> None:
    """Read-only root filesystem and /tmp in memory; every folder a package writes to is a
    volume, and no setting points into the image (/app)."""
    settings = package_settings(package)
    for name in _containers_of(package):
        container = resolved_compose["services"][name]
        assert container["read_only"] is True, name
        assert container["tmpfs"] == ["/tmp"], name
        assert "no-new-privileges:true" in container["security_opt"], name
        assert container.get("user") is None, f"{name}: the image's uid 10001 applies"
        mounts = [_mount_target(volume) for volume in container.get("volumes", [])]
        environment = container["environment"]
        for variable, value in environment.items():
            assert not str(value).startswith("/app"), (name, variable)
        for field in settings.model_fields:
            variable = f"{PREFIX[package]}{field}".upper()
            # runtime_dir: nginx-config's --runtime-dir, checked below; mail_dir: where the
            # dev mail sink (make run) writes, not a production process.
            if not field.endswith("_dir") or field in {"runtime_dir", "mail_dir"}:
                continue
            # Files kept in the service's PostgreSQL (e.g. evidence): no folder at all.
            storage = f"{field.removesuffix('_dir')}_storage"
            if storage in settings.model_fields:
                assert environment[f"{PREFIX[package]}{storage}".upper()] == "database", name
                continue
            value = environment.get(variable)
            assert value, f"{name}: {variable} would default into the read-only image"
            assert any(value.startswith(mount) for mount in [*mounts, "/tmp"]), (name, variable)
    if package == "gateway":
        job = resolved_compose["services"]["nginx-config"]
        command = job["command"]
        written = [command[command.index(flag) + 1] for flag in ("--out", "--runtime-dir")]
        targets = [_mount_target(volume) for volume in job["volumes"]]
        assert all(any(path.startswith(t) for t in targets) for path in written)


def test_nginx_upstreams_cover_the_route_table(monkeypatch: pytest.MonkeyPatch) -> None:
    job = CONTAINERS["nginx-config"]
    for key, value in job["environment"].items():
        monkeypatch.setenv(key, str(value))
    addresses = GatewaySettings().upstream_addresses
    assert set(addresses) == set(DEFAULT_UPSTREAMS)
    api_ports = {API[package]: API_PORT[package] for package in PACKAGES}
    for name, address in addresses.items():
        assert address == f"{name}:{api_ports[name]}", name
        assert name in CONTAINERS
    # The job writes the file the nginx container reads, through a shared volume.
    out = job["command"][job["command"].index("--out") + 1]
    nginx = CONTAINERS["nginx"]
    assert nginx["command"][nginx["command"].index("-c") + 1] == out
    shared = {m.split(":")[0] for m in job["volumes"]} & {m.split(":")[0] for m in nginx["volumes"]}
    assert shared
    assert nginx["ports"] == ["8080:8080"]
    assert _depends_on("nginx")["nginx-config"] == "service_completed_successfully"
    assert all(_depends_on("nginx")[name] == "service_healthy" for name in addresses)
