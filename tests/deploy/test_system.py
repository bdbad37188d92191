"""`make run`, `make test` and `make bench` install the Debian packages they need.

`make system` is run for real: with everything present it must not touch apt-get; with a
package missing it must update the lists and install exactly what is missing. apt-get is
replaced by a recorder on PATH for this, so the machine's packages are never changed.
"""

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
}


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
