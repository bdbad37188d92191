"""Entry point of `make bench`: `python bench/run.py [--smoke] [--only NAME] [--rounds N]`."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT / "deploy" / "local", ROOT):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from bench.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
