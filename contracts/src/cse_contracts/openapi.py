"""The committed contract: the platform's merged OpenAPI document and the events' AsyncAPI.

`python -m cse_contracts.openapi` (`make contract`) builds the merged document in-process,
the same merge the gateway does over HTTP (identity first, then each service in route-table
order, each app's `create_app()`), and the AsyncAPI document of the events, and writes
`contracts/openapi/openapi.json` and `contracts/asyncapi/asyncapi.json`. Tests fail when the
code's documents differ from the committed ones, and name every breaking change against
`contracts/openapi/previous.json` (the last release); `--release` makes the current document
the new previous one and clears the list of accepted breaking changes.

The services and the gateway are imported here, at run time only: contracts is below them
in the dependency graph, and only this generator looks upward.
"""

import argparse
import base64
import importlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from cse_contracts import asyncapi, problems

ROOT = Path(__file__).resolve().parents[2]
OPENAPI_PATH = ROOT / "openapi" / "openapi.json"
PREVIOUS_PATH = ROOT / "openapi" / "previous.json"
ACCEPTED_PATH = ROOT / "openapi" / "accepted-breaking-changes.txt"
ASYNCAPI_PATH = ROOT / "asyncapi" / "asyncapi.json"
# The problem types' catalogue, package data: the gateway serves its pages from it.
PROBLEMS_PATH = ROOT / "src" / "cse_contracts" / problems.CATALOGUE_FILE
CONTRACT_VERSION = "1"

Document = dict[str, Any]


def _random_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def service_documents() -> dict[str, Document]:
    """Each app's own document, in the order the gateway merges them."""
    from gateway.app import SERVICE, create_app
    from gateway.config import GatewaySettings
    from gateway.routes import ROUTES

    with tempfile.TemporaryDirectory() as scratch:
        # Nothing is written or connected: the documents need no database, broker or key.
        identity = create_app(GatewaySettings(
            environment="dev", signing_key_path=Path(scratch) / "key.pem",
            runtime_dir=Path(scratch), log_json=False, log_level="WARNING",
        ))
        documents: dict[str, Document] = {SERVICE: identity.openapi()}
    for name in dict.fromkeys(r.upstream for r in ROUTES if r.upstream != SERVICE):
        config = importlib.import_module(f"{name}.config")
        app_module = importlib.import_module(f"{name}.app")
        settings = config.Settings(
            environment="dev", data_key=_random_key(), blind_index_key=_random_key(),
            log_json=False, log_level="WARNING",
        )
        documents[name] = app_module.create_app(settings).openapi()
    return documents


def build_openapi() -> Document:
    """The merged document, exactly as the gateway serves it when every service is up."""
    from gateway.openapi.merge import merge_documents

    return merge_documents(service_documents(), version=CONTRACT_VERSION)


def build_asyncapi() -> Document:
    return asyncapi.document(version=CONTRACT_VERSION)


def render(document: Document) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def accepted_breaking_changes() -> set[str]:
    """Breaking changes made on purpose since the last release, one per line."""
    if not ACCEPTED_PATH.exists():
        return set()
    lines = ACCEPTED_PATH.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cse_contracts.openapi", description=__doc__)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a committed document is stale")
    parser.add_argument("--release", action="store_true",
                        help="after writing, make openapi.json the new previous.json")
    args = parser.parse_args(argv)
    outputs = {OPENAPI_PATH: render(build_openapi()), ASYNCAPI_PATH: render(build_asyncapi()),
               PROBLEMS_PATH: problems.render(problems.build())}
    if args.check:
        stale = [p for p, text in outputs.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        for stale_path in stale:
            sys.stderr.write(f"stale: {stale_path} (run `make contract`)\n")
        return 1 if stale else 0
    for path, text in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {path}\n")
    if args.release:
        PREVIOUS_PATH.write_text(outputs[OPENAPI_PATH], encoding="utf-8")
        ACCEPTED_PATH.write_text(_ACCEPTED_HEADER, encoding="utf-8")
        sys.stdout.write(f"released: {PREVIOUS_PATH}\n")
    return 0


_ACCEPTED_HEADER = (
    "# Breaking changes to the API made on purpose since the last release (previous.json),\n"
    "# one per line exactly as tests/contract names them. Cleared by `--release`.\n"
)


if __name__ == "__main__":
    raise SystemExit(main())
