"""Every benchmark once in smoke mode (seconds, no targets), so they keep working; the full run
is `make bench` (see bench/README.md)."""

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.bench
ROOT = Path(__file__).resolve().parents[2]
FIGURES = {"gateway_hop", "authenticated_read", "write_path", "verification_lookup",
           "api_scaling", "bulk_push", "bulk_workbook", "relay", "event_latency",
           "worker_scaling", "memory"}


def test_every_benchmark_runs_in_smoke_mode(tmp_path: Path) -> None:
    # A session of its own: on a timeout the whole platform it started is stopped with it.
    process = subprocess.Popen(
        [sys.executable, "bench/run.py", "--smoke", "--results-dir", str(tmp_path)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    try:
        # Starting the platform dominates: under a minute on a quiet machine, several on a
        # shared one (seen: 4-7 minutes at load average 15-19 on 2 cores).
        stdout, stderr = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):  # the bench stops its platform on SIGINT
            os.killpg(process.pid, signal.SIGINT)
        try:
            process.communicate(timeout=60)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        raise
    result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    # The platform's processes write to the same stderr: their errors (a process that exited
    # early says why only there) come first, then the bench's own last words.
    errors = "\n".join(line for line in stderr.splitlines() if "rror" in line)
    assert result.returncode == 0, f"{stdout}\n{errors[-4000:]}\n{stderr[-4000:]}"
    report = json.loads((tmp_path / "latest.json").read_text())
    assert set(report["figures"]) == FIGURES
    for name, figure in report["figures"].items():
        assert figure["value"] > 0, name
        assert figure["pass"] is None, name  # smoke mode judges no target
    assert report["machine"]["cores"] >= 1
    assert report["versions"]["postgresql"].startswith("PostgreSQL")
    assert "| benchmark |" in result.stdout
