"""The container deployment files agree with the code and with each other.

docker-compose.yml, the Dockerfiles and deploy/k8s/ are checked statically: every service
folder gets its images and containers, long-running containers have health checks, nothing
starts before its migration, settings point at the right hosts, and the Ingress routes the
gateway's route table. `docker compose config` and `kubectl kustomize` run when installed.
"""

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from gateway.config import GatewaySettings
from gateway.routes import DEFAULT_UPSTREAMS, ROUTES, RateLimit

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").is_file())
PACKAGES = [*SERVICES, "gateway"]
# The container that serves a package's HTTP API: the gateway image serves the identity app.
API = {**{name: name for name in SERVICES}, "gateway": "identity"}
API_PORT = {**dict.fromkeys(SERVICES, 8000), "gateway": 8090}
PREFIX = {**{name: f"{name.upper()}_" for name in SERVICES}, "gateway": "GATEWAY_"}
DATABASE = {**{name: f"cse_{name}" for name in SERVICES}, "gateway": "cse_identity"}
DOCKERFILE = {
    **{name: f"services/{name}/Dockerfile" for name in SERVICES},
    "gateway": "gateway/Dockerfile",
}
JWKS_URL = "http://identity:8090/.well-known/jwks.json"


def _load_compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))
    return document


COMPOSE = _load_compose()
CONTAINERS: dict[str, dict[str, Any]] = COMPOSE["services"]


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


def _k8s_documents() -> list[tuple[Path, dict[str, Any]]]:
    return [
        (path, document)
        for path in sorted(K8S.glob("*.yaml"))
        for document in yaml.safe_load_all(path.read_text("utf-8"))
        if document is not None
    ]


def _k8s_objects() -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (document["kind"], document["metadata"]["name"]): document
        for path, document in _k8s_documents()
        if document["kind"] != "Kustomization" and not path.name.endswith(".example.yaml")
    }


def _workspace_closure(package: str) -> set[str]:
    """Folders of the workspace members `package` needs, from uv.lock."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text("utf-8"))
    members = {
        entry["name"]: entry
        for entry in lock["package"]
        if "editable" in entry["source"] or "virtual" in entry["source"]
    }
    folders: set[str] = set()
    pending = [package]
    while pending:
        entry = members[pending.pop()]
        folder = entry["source"].get("editable") or entry["source"]["virtual"]
        if folder in folders:
            continue
        folders.add(folder)
        pending += [dep["name"] for dep in entry.get("dependencies", []) if dep["name"] in members]
    return folders


# --- docker-compose.yml ------------------------------------------------------------------


def test_compose_uses_the_compose_spec_without_version() -> None:
    assert "version" not in COMPOSE


@pytest.mark.parametrize("package", PACKAGES)
def test_every_package_has_its_containers(package: str) -> None:
    api = API[package]
    expected = {api, f"{api}-migrate"}
    expected |= {"nginx-config", "nginx"} if package == "gateway" else {f"{api}-worker"}
    assert expected <= CONTAINERS.keys()


def test_every_long_running_container_has_a_healthcheck() -> None:
    one_shot = _one_shot()
    assert one_shot, "no container waits for a job to complete"
    for name, container in CONTAINERS.items():
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
def test_migration_job_runs_createdb_migrate_and_seed(package: str) -> None:
    command = _command(CONTAINERS[f"{API[package]}-migrate"])
    steps = ["createdb", "migrate"] if package == "gateway" else ["createdb", "migrate", "seed"]
    assert command.startswith("sh -c ")
    assert " && ".join(f"python -m {package} {step}" for step in steps) in command


@pytest.mark.parametrize("package", PACKAGES)
def test_containers_run_their_package_image(package: str) -> None:
    api = API[package]
    names = [api, f"{api}-migrate"] + ([f"{api}-worker"] if package in SERVICES else [])
    if package == "gateway":
        names.append("nginx-config")
    images = {CONTAINERS[name]["image"] for name in names}
    assert len(images) == 1
    assert images.pop().startswith(f"cse/{package}:")
    for name in names:
        assert CONTAINERS[name]["build"] == {"context": ".", "dockerfile": DOCKERFILE[package]}
    serve = _command(CONTAINERS[api])
    if serve:  # else the image's CMD, checked with the Dockerfiles
        assert serve == f"python -m {package} serve --host 0.0.0.0 --port {API_PORT[package]}"
    if package in SERVICES:
        assert _command(CONTAINERS[f"{api}-worker"]) == f"python -m {package} worker"


@pytest.mark.parametrize("package", PACKAGES)
def test_settings_point_at_compose_hosts(package: str) -> None:
    prefix = PREFIX[package]
    environment: dict[str, str] = CONTAINERS[API[package]]["environment"]
    assert all(key.startswith(prefix) for key in environment)
    database = urlsplit(environment[f"{prefix}DATABASE_URL"])
    assert database.scheme == "postgresql+asyncpg"
    assert (database.hostname, database.port) == ("postgres", 5432)
    assert database.path == f"/{DATABASE[package]}"
    if package in SERVICES:
        broker = urlsplit(environment[f"{prefix}AMQP_URL"])
        assert (broker.scheme, broker.hostname, broker.port) == ("amqp", "rabbitmq", 5672)
        assert environment[f"{prefix}JWKS_URL"] == JWKS_URL


def test_postgres_init_creates_every_database() -> None:
    mounts = CONTAINERS["postgres"]["volumes"]
    init = next(m for m in mounts if "/docker-entrypoint-initdb.d/" in m).split(":")[0]
    sql = (ROOT / init).resolve().read_text("utf-8")
    assert set(re.findall(r"CREATE DATABASE (\w+);", sql)) == set(DATABASE.values())


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


def _compose_command() -> list[str] | None:
    if shutil.which("docker"):
        plugin = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
        if plugin.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        # Only the standalone v2 binary: v1 (e.g. Debian's docker-compose 1.29) is not the spec.
        standalone = subprocess.run(
            ["docker-compose", "version", "--short"], capture_output=True, text=True, check=False
        )
        if standalone.returncode == 0 and standalone.stdout.strip().lstrip("v").startswith("2"):
            return ["docker-compose"]
    return None


def test_docker_compose_config_is_valid() -> None:
    command = _compose_command()
    if command is None:
        pytest.skip("Docker Compose v2 is not installed (`docker compose version` fails)")
    result = subprocess.run(
        [*command, "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- Dockerfiles and .dockerignore --------------------------------------------------------


@pytest.mark.parametrize("package", PACKAGES)
def test_dockerfile_builds_only_its_package(package: str) -> None:
    text = (ROOT / DOCKERFILE[package]).read_text("utf-8").replace("\\\n", " ")
    instructions = [line.strip() for line in text.splitlines() if line.strip()[:1].isupper()]
    froms = [line.split()[1] for line in instructions if line.startswith("FROM ")]
    assert len(froms) >= 2
    assert all(image == "python:3.11-slim" for image in froms)
    assert re.search(r'pip install "uv==', text)
    sync = [line for line in instructions if line.startswith("RUN uv sync")]
    assert sync
    assert all(f"--frozen --no-dev --package {package} --no-editable" in line for line in sync)
    copied = {
        source
        for line in instructions
        if line.startswith("COPY ") and "--from=" not in line
        for source in line.split()[1:-1]
    }
    assert "." not in copied
    assert {"pyproject.toml", "uv.lock"} <= copied
    for folder in _workspace_closure(package) - {"."}:
        assert {f"{folder}/pyproject.toml", f"{folder}/src"} <= copied, folder
    others = {f"services/{name}/" for name in SERVICES if name != package}
    if package != "gateway":
        others.add("gateway/")
    assert not any(source.startswith(tuple(others)) for source in copied)


@pytest.mark.parametrize("package", PACKAGES)
def test_dockerfile_runs_its_module_as_a_user(package: str) -> None:
    lines = (ROOT / DOCKERFILE[package]).read_text("utf-8").replace("\\\n", " ").splitlines()
    cmd = json.loads(next(line for line in reversed(lines) if line.startswith("CMD "))[4:])
    assert cmd == [
        "python",
        "-m",
        package,
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        str(API_PORT[package]),
    ]
    user = next(line for line in reversed(lines) if line.startswith("USER ")).split()[1]
    assert user.split(":")[0] not in {"0", "root"}
    healthcheck = next(line for line in lines if line.startswith("HEALTHCHECK "))
    assert f"http://127.0.0.1:{API_PORT[package]}/healthz" in healthcheck
    assert "urllib.request" in healthcheck


def test_dockerignore_keeps_local_state_out_of_the_context() -> None:
    patterns = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", "var", "bench/results", "**/__pycache__", ".env"} <= patterns
    assert "**/.venv" in patterns or ".venv" in patterns


# --- deploy/k8s --------------------------------------------------------------------------


def test_k8s_manifests_parse() -> None:
    documents = _k8s_documents()
    assert documents
    for path, document in documents:
        assert isinstance(document, dict), path
        assert {"apiVersion", "kind"} <= document.keys(), path


def test_kustomization_lists_every_manifest() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text("utf-8"))
    listed = set(kustomization["resources"])
    present = {
        path.name
        for path in K8S.glob("*.yaml")
        if path.name != "kustomization.yaml" and not path.name.endswith(".example.yaml")
    }
    assert listed == present


def _container(workload: dict[str, Any]) -> dict[str, Any]:
    containers: list[dict[str, Any]] = workload["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return containers[0]


@pytest.mark.parametrize("package", PACKAGES)
def test_k8s_runs_every_package(package: str) -> None:
    objects = _k8s_objects()
    api = API[package]
    port = API_PORT[package]
    job = _container(objects[("Job", f"{api}-migrate")])
    assert f"python -m {package} migrate" in " ".join(job["command"])
    deployment = _container(objects[("Deployment", api)])
    assert deployment["image"].startswith(f"cse/{package}:")
    assert deployment["command"][:4] == ["python", "-m", package, "serve"]
    assert deployment["command"][-1] == str(port)
    assert deployment["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert deployment["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert deployment["ports"] == [{"name": "http", "containerPort": port}]
    service = objects[("Service", api)]
    assert service["spec"]["ports"][0]["port"] == port
    if package in SERVICES:
        worker = _container(objects[("Deployment", f"{api}-worker")])
        assert worker["command"] == ["python", "-m", package, "worker"]
        assert "livenessProbe" in worker
    for (kind, _), document in objects.items():
        if kind in {"Job", "Deployment"}:
            assert document["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"]


def test_ingress_routes_the_gateway_route_table() -> None:
    objects = _k8s_objects()
    routed: dict[str, tuple[str, str, int, str, bool]] = {}
    for (kind, _), ingress in objects.items():
        if kind != "Ingress":
            continue
        annotations = ingress["metadata"].get("annotations", {})
        body = annotations["nginx.ingress.kubernetes.io/proxy-body-size"]
        limited = "nginx.ingress.kubernetes.io/limit-rps" in annotations
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                assert path["path"] not in routed, f"{path['path']} routed twice"
                routed[path["path"]] = (
                    path["pathType"],
                    backend["name"],
                    backend["port"]["number"],
                    body,
                    limited,
                )
    expected = {
        route.path: (
            "Exact" if route.exact else "Prefix",
            route.upstream,
            API_PORT["gateway" if route.upstream == "identity" else route.upstream],
            route.max_body,
            route.rate_limit != RateLimit.NONE,
        )
        for route in ROUTES
    }
    assert routed == expected
    assert {("Service", name) for _, name, *_ in routed.values()} <= objects.keys()


def test_kustomize_builds() -> None:
    if shutil.which("kubectl") is None:
        pytest.skip("kubectl is not installed")
    result = subprocess.run(
        ["kubectl", "kustomize", str(K8S)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    kinds = [document["kind"] for document in yaml.safe_load_all(result.stdout) if document]
    assert kinds.count("Job") == len(PACKAGES)
