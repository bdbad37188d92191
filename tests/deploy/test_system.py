"""`make run`, `make test` and `make bench` install the Debian packages they need.

`make system` is run for real: with everything present it must not touch apt-get; with a
package missing it must update the lists and install exactly what is missing. apt-get is
replaced by a recorder on PATH for this, so the machine's packages are never changed.
"""

import ast
import os
import re
import subprocess
import time
from pathlib import Path

from deploy_support import ROOT

MAKEFILE = (ROOT / "Makefile").read_text("utf-8")
REQUIRED = {
    "nginx-light", "wrk", "docker-compose", "fonts-wqy-zenhei", "poppler-utils", "chromium",
    "openssl",  # deploy/compose/make-secrets.sh, run by the compose tests
    "postgresql-client",  # pg_dump
    "valgrind",  # callgrind, bench.count_instructions
}
# Which package of the list provides each command the tests, the benchmarks and the
# launcher run; a command missing here is one `make system` would not install.
PROVIDED_BY = {
    "nginx": "nginx-light",
    "wrk": "wrk",
    "docker-compose": "docker-compose",
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "chromium": "chromium",
    "openssl": "openssl",
    "pg_dump": "postgresql-client",
    "psql": "postgresql-client",
    "valgrind": "valgrind",
    "callgrind_control": "valgrind",
}
# Every Debian system has these; kubectl is optional (its one test skips without it).
BASE = {"sh", "bash", "env", "make", "git", "true", "false", "kill", "cat", "tar", "gzip"}
OPTIONAL = {"kubectl"}
CODE = [
    ROOT / "tests", ROOT / "bench", ROOT / "deploy" / "local", ROOT / "libs" / "kit" / "tests",
    ROOT / "contracts" / "tests", ROOT / "gateway" / "tests",
    *sorted((ROOT / "services").glob("*/tests")),
]
_SPAWN = {"run", "Popen", "check_output", "check_call", "call", "create_subprocess_exec", "which"}


def _system_packages() -> dict[str, str]:
    match = re.search(r"^SYSTEM_PACKAGES \?= (.*?)(?<!\\)\n", MAKEFILE, re.M | re.S)
    assert match
    entries = match.group(1).replace("\\\n", " ").split()
    return dict(entry.split(":", 1) for entry in entries)


def _recording_apt_get(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A PATH whose apt-get (and sudo) only write their arguments to a log."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    for name in ("apt-get", "sudo"):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\necho "{name} $*" >> {log}\n')
        script.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}, log


def test_the_list_names_every_tool_the_commands_need() -> None:
    assert set(_system_packages()) == REQUIRED
    # The font is probed by the file kit.documents embeds.
    assert _system_packages()["fonts-wqy-zenhei"] == "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


def test_run_test_and_bench_install_the_system_packages_first() -> None:
    for target in ("run", "test", "bench"):
        prerequisites = re.search(rf"^{target}: (.*)$", MAKEFILE, re.M)
        assert prerequisites, target
        assert "system" in prerequisites.group(1).split(), target


def test_nothing_is_installed_when_everything_is_present(tmp_path: Path) -> None:
    env, log = _recording_apt_get(tmp_path)
    started = time.monotonic()
    result = subprocess.run(
        ["make", "-s", "system"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert not log.exists(), log.read_text() if log.exists() else ""
    assert result.stdout == ""
    assert time.monotonic() - started < 5


def test_only_what_is_missing_is_installed(tmp_path: Path) -> None:
    env, log = _recording_apt_get(tmp_path)
    # Present: by dpkg (wrk), by a command (sh) or by a file (/etc/hostname) though dpkg does
    # not know the package, as when nginx came from elsewhere.
    packages = (
        "wrk:wrk cse-absent-package:cse-absent-command fonts-absent:/nonexistent/font.ttc "
        "cse-unknown-shell:sh cse-unknown-file:/etc/hostname"
    )
    result = subprocess.run(
        ["make", "-s", "system", f"SYSTEM_PACKAGES={packages}"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "installing from Debian: cse-absent-package fonts-absent\n"
    calls = log.read_text().splitlines()
    prefix = "" if os.geteuid() == 0 else "sudo "
    assert calls == [
        f"{prefix}apt-get update -qq",
        f"{prefix}apt-get install -y -qq --no-install-recommends cse-absent-package fonts-absent",
    ]


def _commands_run() -> dict[str, set[str]]:
    """Programs the code starts by name: the first item of a literal argument list given to
    subprocess/asyncio, or a name looked up with shutil.which."""
    found: dict[str, set[str]] = {}
    for folder in CODE:
        for path in folder.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                function = node.func
                name = function.attr if isinstance(function, ast.Attribute) else ""
                name = name or (function.id if isinstance(function, ast.Name) else "")
                if name not in _SPAWN:
                    continue
                first = node.args[0]
                if isinstance(first, ast.List) and first.elts:
                    first = first.elts[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.setdefault(first.value, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_program_the_tests_run_is_installed_by_make() -> None:
    """No test depends on something installed by hand."""
    packages = set(_system_packages())
    for command, users in sorted(_commands_run().items()):
        if command in BASE | OPTIONAL or (ROOT / command).exists() or "/" in command:
            continue
        assert command in PROVIDED_BY, (
            f"{sorted(users)} run {command!r}: add its Debian package to SYSTEM_PACKAGES in the "
            "Makefile and to PROVIDED_BY here"
        )
        assert PROVIDED_BY[command] in packages, command
