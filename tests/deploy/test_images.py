"""deploy/Dockerfile builds every package's image, and nothing else builds one.

Read statically (the Dockerfile's instructions, the workspace closure from uv.lock); the
entrypoint script is run for real.
"""

import json
import os
import re
import subprocess
import sys
import threading
import tomllib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from deploy_support import PACKAGES, ROOT, SERVICES
from kit.documents import CJK_FONT_PATHS

DOCKERFILE = ROOT / "deploy" / "Dockerfile"
SOURCE = {**{name: f"services/{name}" for name in SERVICES}, "gateway": "gateway"}


def _instructions() -> list[str]:
    text = DOCKERFILE.read_text("utf-8").replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip()[:1].isupper()]


def _stages() -> list[list[str]]:
    stages: list[list[str]] = []
    for line in _instructions():
        if line.startswith("FROM "):
            stages.append([])
        stages[-1].append(line)
    return stages


def _copied(package: str) -> set[str]:
    """Sources the build stage copies for `package`, its build arguments filled in."""
    values = {"PACKAGE": package, "SOURCE": SOURCE[package]}
    return {
        re.sub(r"\$\{(\w+)\}", lambda m: values[m.group(1)], source)
        for line in _stages()[0]
        if line.startswith("COPY ")
        for source in line.split()[1:-1]
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


def test_one_dockerfile_for_every_package() -> None:
    """The per-package copies drifted apart; only deploy/Dockerfile may exist."""
    found = {
        path.relative_to(ROOT).as_posix()
        for path in ROOT.rglob("Dockerfile*")
        if not {".venv", "var", ".git"} & set(path.relative_to(ROOT).parts)
    }
    assert found == {"deploy/Dockerfile"}


def test_two_stages_from_the_same_python() -> None:
    froms = [stage[0].split()[1] for stage in _stages()]
    assert froms == ["python:3.11-slim", "python:3.11-slim"]
    build, runtime = _stages()
    assert any(re.search(r'pip install "uv==\$\{UV_VERSION\}"', line) for line in build)
    assert "ARG SOURCE=services/${PACKAGE}" in build
    sync = [line for line in build if line.startswith("RUN uv sync")]
    assert len(sync) == 2
    assert all("--frozen --no-dev --package ${PACKAGE} --no-editable" in line for line in sync)
    # The runtime stage gets the virtual environment and nothing of the source tree.
    copies = [line for line in runtime if line.startswith("COPY ")]
    assert "COPY --from=build /app/.venv /app/.venv" in copies
    assert not any("--chown" in line for line in copies), "the code stays root-owned, read-only"


@pytest.mark.parametrize("package", PACKAGES)
def test_the_build_copies_what_the_package_needs_and_no_other_package(package: str) -> None:
    copied = _copied(package)
    assert "." not in copied
    assert {"pyproject.toml", "uv.lock"} <= copied
    for folder in _workspace_closure(package) - {"."}:
        assert {f"{folder}/pyproject.toml", f"{folder}/src"} <= copied, folder
    others = {f"services/{name}/" for name in SERVICES if name != package}
    if package != "gateway":
        others.add("gateway/")
    assert not any(source.startswith(tuple(others)) for source in copied)


def test_the_runtime_has_the_cjk_font_every_pdf_embeds() -> None:
    runtime = _stages()[1]
    install = next(line for line in runtime if "apt-get install" in line)
    assert "fonts-wqy-zenhei" in install
    assert "rm -rf /var/lib/apt/lists/*" in install
    # The package puts the font where kit.documents looks for it.
    assert Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc") in CJK_FONT_PATHS


def test_the_image_runs_as_uid_10001_and_serves_its_package() -> None:
    runtime = _stages()[1]
    user = next(line for line in reversed(runtime) if line.startswith("USER ")).split()[1]
    assert user == "10001:10001"
    assert "ENV" in " ".join(runtime)
    env = " ".join(line for line in runtime if line.startswith("ENV "))
    assert "CSE_PACKAGE=${PACKAGE}" in env
    assert "CSE_PORT=${PORT}" in env
    assert "ARG PORT=8000" in runtime
    entrypoint = json.loads(next(line for line in runtime if line.startswith("ENTRYPOINT "))[11:])
    assert entrypoint == ["cse-entrypoint"]
    assert "COPY deploy/docker-entrypoint.sh /usr/local/bin/cse-entrypoint" in runtime
    cmd = json.loads(next(line for line in reversed(runtime) if line.startswith("CMD "))[4:])
    assert cmd == [
        "sh", "-c", 'exec python -m "$CSE_PACKAGE" serve --host 0.0.0.0 --port "$CSE_PORT"'
    ]


def _serve_healthz(status: int) -> tuple[ThreadingHTTPServer, int]:
    class Health(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status if self.path == "/healthz" else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


@pytest.mark.parametrize("status", [200, 503])
def test_the_healthcheck_asks_the_packages_port(status: int) -> None:
    """The image's HEALTHCHECK, run as Docker runs it: healthy only on a 200 from /healthz
    on CSE_PORT."""
    healthcheck = next(line for line in _stages()[1] if line.startswith("HEALTHCHECK "))
    command = json.loads(healthcheck[healthcheck.index("CMD [") + 4:])
    assert command[:2] == ["python", "-c"]
    server, port = _serve_healthz(status)
    try:
        result = subprocess.run(
            [sys.executable, "-c", command[2]],
            env={**os.environ, "CSE_PORT": str(port)},
            capture_output=True,
            timeout=30,
            check=False,
        )
    finally:
        server.shutdown()
    assert (result.returncode == 0) == (status == 200)


def test_dockerignore_keeps_local_state_and_keys_out_of_the_context() -> None:
    patterns = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", "var", "bench/results", "**/__pycache__", ".env"} <= patterns
    assert "deploy/compose/secrets" in patterns
    assert "**/.venv" in patterns or ".venv" in patterns


# --- the entrypoint: <VAR>_FILE secrets into the environment -----------------------------


def _entrypoint(env: dict[str, str], *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "deploy/docker-entrypoint.sh"), *command],
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_entrypoint_reads_a_key_file_into_the_packages_variable(tmp_path: Path) -> None:
    pem = tmp_path / "key.pem"
    pem.write_text("-----BEGIN PRIVATE KEY-----\nMC4CAQAw\n-----END PRIVATE KEY-----\n")
    show = "import json, os; print(json.dumps(dict(os.environ)))"
    result = _entrypoint(
        {
            "CSE_PACKAGE": "registry",
            "REGISTRY_CREDENTIAL_SIGNING_KEY_FILE": str(pem),
            # Another program's convention: left alone.
            "SSL_CERT_FILE": str(pem),
        },
        sys.executable, "-c", show,
    )
    assert result.returncode == 0, result.stderr
    environment = json.loads(result.stdout)
    assert environment["REGISTRY_CREDENTIAL_SIGNING_KEY"] == pem.read_text().rstrip("\n")
    assert "REGISTRY_CREDENTIAL_SIGNING_KEY_FILE" not in environment
    assert environment["SSL_CERT_FILE"] == str(pem)
    assert "SSL_CERT" not in environment


def test_entrypoint_refuses_to_start_without_its_key_file(tmp_path: Path) -> None:
    result = _entrypoint(
        {"CSE_PACKAGE": "gateway", "GATEWAY_SIGNING_KEY_PEM_FILE": str(tmp_path / "missing")},
        "true",
    )
    assert result.returncode == 78
    assert result.stderr.strip() == (
        f"GATEWAY_SIGNING_KEY_PEM: cannot read GATEWAY_SIGNING_KEY_PEM_FILE={tmp_path}/missing"
    )
