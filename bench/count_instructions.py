"""Instructions per one-candidate push, counted by callgrind: a figure this machine's speed does
not move (issue 16). CPU seconds per push drifted by a factor of two between minutes on the
2-core bench machine; callgrind counts the instructions the process executes, within about
1 % from one run to the next on the same code (seen: 8.6365 / 8.6355, 7.842 / 7.912 M).

The applications app in this process (its own sessions and unit of work, no test overrides)
over httpx's ASGITransport, on the database of `bench.profile_requests`; 30 pushes to warm
up, then callgrind's instrumentation is switched on (`callgrind_control -i on`) for N pushes
and off again. The count is this process's user-space instructions: the app and its
in-process client; PostgreSQL's work and the kernel's are not in it. Compare two versions of
the code by running each from its own checkout (`git worktree add /tmp/old <rev>`):

    uv run python -m bench.count_instructions                   # this checkout, 40 pushes
    uv run python -m bench.count_instructions --root /tmp/old   # another checkout's code

Needs Debian's valgrind (`apt-get install -y valgrind`); ~1 minute a run.
"""

import argparse
import asyncio
import os
import random
import re
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


async def _push(count: int) -> None:
    """The measured process: warm up, then `count` pushes between two lines read on stdin."""
    import httpx
    from applications.app import create_app
    from applications.config import Settings
    from applications.spec import SPEC
    from kit.accounts import KnownAccounts
    from kit.auth import Role
    from kit.testing import KEYS, TEST_DATA_KEY, ServiceHarness

    from bench.profile_requests import URL, push

    harness = ServiceHarness(SPEC, create_app, Settings)
    harness.url = URL
    async with harness.database():
        # Built here rather than with `harness.committing_client()`: `--root` runs an older
        # checkout's kit, which may not have it.
        app = create_app(Settings(database_url=URL, data_key=TEST_DATA_KEY, environment="dev"),
                         verifier=KEYS.verifier())
        app.state.accounts = KnownAccounts()
        enterprise = KEYS.headers(Role.ENTERPRISE, "client-bench", enterprise="bench-ent")
        random.seed(1)
        transport = httpx.ASGITransport(app=app)
        async with app.router.lifespan_context(app), httpx.AsyncClient(
                transport=transport, base_url="http://test") as client:
            for _ in range(30):
                await push(client, enterprise)
            print("ready", flush=True)
            await asyncio.to_thread(sys.stdin.readline)
            for _ in range(count):
                await push(client, enterprise)
            print("done", flush=True)
            await asyncio.to_thread(sys.stdin.readline)


def count_instructions(root: Path, pushes: int) -> float:
    """Instructions per push of the code in `root` (a checkout of this repository)."""
    # The app and the kit from `root`, this harness (bench) from this checkout.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        str(path) for path in (root / "services" / "applications" / "src",
                               root / "libs" / "kit" / "src", ROOT))}
    out = ROOT / "var" / "bench" / f"callgrind.{uuid.uuid4().hex[:8]}.out"
    out.parent.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
         # This file, whichever checkout's code it measures (an older one may not have it).
         sys.executable, str(Path(__file__).resolve()), "--child", str(pushes)],
        cwd=root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True)
    stdin, stdout = process.stdin, process.stdout
    assert stdin is not None
    assert stdout is not None

    def step(expected: str, switch: str) -> None:
        for line in stdout:
            if line.strip() == expected:
                subprocess.run(["callgrind_control", "-i", switch, str(process.pid)],
                               check=True, capture_output=True, timeout=60)
                stdin.write("\n")
                stdin.flush()
                return
        raise RuntimeError(f"the measured process ended before {expected!r}")

    try:
        step("ready", "on")
        step("done", "off")
        if process.wait(timeout=300) != 0:
            raise RuntimeError("the measured process failed")
        text = out.read_text()
        found = (re.search(r"^totals:\s+(\d+)", text, re.MULTILINE)
                 or re.search(r"^summary:\s+(\d+)", text, re.MULTILINE))
        if found is None:
            raise RuntimeError(f"no instruction count in {out}")
        return int(found.group(1)) / pushes
    finally:
        if process.poll() is None:
            process.kill()
        out.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pushes", type=int, default=40)
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the checkout whose code is measured (default: this one)")
    parser.add_argument("--child", type=int, metavar="PUSHES", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        asyncio.run(_push(args.child))
        return
    per_push = count_instructions(args.root.resolve(), args.pushes)
    print(f"{args.root}: {per_push / 1e6:.3f} M instructions per push "
          f"({args.pushes} pushes after 30 to warm up)")


if __name__ == "__main__":
    main()
