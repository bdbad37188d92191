"""The full bench waits for the machine to be at rest before each measurement
(`bench.stack.wait_until_quiet`): it must wait while a core is busy, and give up at its
timeout when the machine never rests."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.bench
ROOT = Path(__file__).resolve().parents[2]
# A core kept busy for SECONDS, then the waiting measured in this (other) process.
BUSY = ("import sys, time\nend = time.monotonic() + float(sys.argv[1])\n"
        "while time.monotonic() < end: pass\n")
WAIT = ("import sys\nfrom bench.stack import wait_until_quiet\n"
        "print(wait_until_quiet(timeout=float(sys.argv[1])))\n")


def _waited_while_busy(busy_seconds: float, timeout: float) -> float:
    env = {**os.environ,
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "deploy" / "local")])}
    busy = subprocess.Popen([sys.executable, "-c", BUSY, str(busy_seconds)])
    try:
        out = subprocess.run([sys.executable, "-c", WAIT, str(timeout)], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=True, timeout=60)
    finally:
        busy.kill()
        busy.wait()
    return float(out.stdout.strip())


def test_it_waits_while_a_core_is_busy() -> None:
    # The busy loop runs 5 s from before the waiter starts (which itself imports for 1-3 s):
    # the waiter must still see it and wait.
    assert _waited_while_busy(5.0, timeout=30.0) >= 1.0


def test_it_gives_up_at_its_timeout() -> None:
    waited = _waited_while_busy(20.0, timeout=1.0)
    assert 1.0 <= waited < 10.0
