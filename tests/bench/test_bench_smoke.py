"""Every benchmark once in smoke mode (seconds, no targets), so they keep working; the full run
is `make bench` (see bench/README.md)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.bench
ROOT = Path(__file__).resolve().parents[2]
FIGURES = {"gateway_hop", "authenticated_read", "write_path", "verification_lookup",
           "bulk_push", "bulk_workbook", "relay", "event_latency", "memory"}


def test_every_benchmark_runs_in_smoke_mode(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--smoke", "--results-dir", str(tmp_path)],
        # Starting the platform dominates: under a minute on a quiet machine, several on a
        # shared one (seen: 4-7 minutes at load average 15-19 on 2 cores).
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    report = json.loads((tmp_path / "latest.json").read_text())
    assert set(report["figures"]) == FIGURES
    for name, figure in report["figures"].items():
        assert figure["value"] > 0, name
        assert figure["pass"] is None, name  # smoke mode judges no target
    assert report["machine"]["cores"] >= 1
    assert report["versions"]["postgresql"].startswith("PostgreSQL")
    assert "| benchmark |" in result.stdout
