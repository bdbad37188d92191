"""Schemathesis against every service, as an integrator would run it: each app served over real
HTTP on a freshly migrated PostgreSQL database of its own, called with a valid token of a role
that reaches most of its operations, every default phase and check of schemathesis, bounded
examples so all seven services fit in about two minutes.

Each service's failures (operation, check, a curl that reproduces it) are written to
`$SCHEMATHESIS_REPORT_DIR/<service>.txt` (default /tmp/schemathesis) on every run; the test
asserts there are none."""

import asyncio
import importlib
import json
import os
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from kit.accounts import KnownAccounts
from kit.auth import Role
from kit.testing import KEYS, TEST_DATA_KEY, database_url_for, migrated_database, serving
from schemathesis.engine import Status, from_schema
from schemathesis.engine.events import (
    EngineEvent,
    FatalError,
    NonFatalError,
    PhaseFinished,
    PhaseStarted,
    ScenarioFinished,
)
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

REPORT_DIR = Path(os.environ.get("SCHEMATHESIS_REPORT_DIR", "/tmp/schemathesis"))
# The bound: examples per operation in the fuzzing phase. No `max-time`: with one, schemathesis
# repeats fuzzing and stateful cycles until the time is up, and a slow machine would test fewer
# operations instead of taking longer. The seed makes a run repeatable, so a failure seen once
# can be rerun and its fix confirmed.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "3"))
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "14"))


@dataclass(frozen=True)
class Caller:
    """The role schemathesis calls a service as: the one its operations admit most often."""

    role: Role
    subject: str
    society: str | None = None


CALLERS: dict[str, Caller] = {
    "identity": Caller(Role.SECRETARIAT, "schemathesis-secretariat"),
    "applications": Caller(Role.SECRETARIAT, "schemathesis-secretariat"),
    "evaluation": Caller(Role.SOCIETY_ADMIN, "schemathesis-staff-cces", society="cces"),
    "registry": Caller(Role.SECRETARIAT, "schemathesis-secretariat"),
    "cpd": Caller(Role.SOCIETY_ADMIN, "schemathesis-staff-cces", society="cces"),
    "notifications": Caller(Role.SECRETARIAT, "schemathesis-secretariat"),
    "oversight": Caller(Role.SECRETARIAT, "schemathesis-secretariat"),
}


# Rules between two fields that JSON Schema cannot state: a body valid field by field that breaks
# one is refused with its own problem type (422), which schemathesis's positive_data_acceptance
# reads as a valid request refused. Only these (operation, problem type) pairs are set apart, each
# named in the report; any other refusal of schema-valid data still fails the test.
RULES_BETWEEN_FIELDS: dict[tuple[str, str], str] = {
    ("PUT /v1/cases/policy/rubrics/{level}", "/problems/invalid-rubric"):
        "the pass total is at most the sum of the competencies' maxima, and each minimum at "
        "most its maximum",
    ("PUT /v1/cases/policy/rubrics/{level}", "/problems/looser-than-cse-rule"):
        "the CSE's floors depend on the level in the path (knowledge at least 21 points for "
        "professional members, 18 for senior; ethics 12; a pass total of 60)",
    ("PATCH /v1/cases/policy", "/problems/invalid-rubric"):
        "the written test's pass mark is at most its maximum",
    ("POST /v1/cpd/courses", "/problems/cpd-course-invalid"):
        "a course ends on or after the day it starts",
}


def _between_fields(operation: str, check: str, status: object, body: str) -> str | None:
    """The rule a refused schema-valid body broke, when it is one of RULES_BETWEEN_FIELDS."""
    if check != "positive_data_acceptance" or status != 422:
        return None
    try:
        problem_type = json.loads(body).get("type")
    except (ValueError, AttributeError):
        return None
    return RULES_BETWEEN_FIELDS.get((operation, problem_type))


def _url(service: str) -> str:
    # Not the service's own test database: its tests may recreate that one meanwhile.
    return database_url_for(f"schemathesis_{service}")


@asynccontextmanager
async def _service_app(service: str, scratch: Path) -> AsyncIterator[tuple[FastAPI, str]]:
    """The service's real app on its own migrated (and seeded) database, and a bearer token."""
    caller = CALLERS[service]
    url = _url(service)
    config = importlib.import_module(f"{service}.config")
    app_module = importlib.import_module(f"{service}.app")
    spec = importlib.import_module(f"{service}.spec").SPEC
    await migrated_database(spec.package, url)
    if spec.seed is not None:
        engine = create_async_engine(url)
        try:
            async with AsyncSession(engine) as session, session.begin():
                await spec.seed(session)
        finally:
            await engine.dispose()
    fields = config.Settings.model_fields
    paths = {name: scratch / name for name in ("evidence_dir", "mail_dir") if name in fields}
    settings = config.Settings(
        database_url=url, data_key=TEST_DATA_KEY, environment="dev",
        log_json=False, log_level="WARNING", **paths,
    )
    app: FastAPI = app_module.create_app(settings, verifier=KEYS.verifier())
    # The one live read across services (does this account exist?) answers from a stand-in.
    app.state.accounts = KnownAccounts()
    token = KEYS.token(caller.role, caller.subject, name="契约测试 / schemathesis",
                       society=caller.society)
    yield app, token


@asynccontextmanager
async def _identity_app(scratch: Path) -> AsyncIterator[tuple[FastAPI, str]]:
    from gateway.app import create_app
    from gateway.config import GatewaySettings

    url = _url("identity")
    await migrated_database("gateway", url)
    settings = GatewaySettings(
        environment="dev", database_url=url, signing_key_path=scratch / "identity-ed25519.pem",
        runtime_dir=scratch, log_json=False, log_level="WARNING",
    )
    app = create_app(settings)
    yield app, ""  # its token is minted once the app has loaded its key (see _identity_token)


def _config(base_url: str, token: str) -> Any:
    return schemathesis.Config.from_dict({
        "base-url": base_url,
        "seed": SEED,
        "headers": {"Authorization": f"Bearer {token}"},
        "generation": {"max-examples": MAX_EXAMPLES, "database": "none"},
        "warnings": False,
        # Nothing written into the working tree between runs: each run is the seed's alone.
        "cache": {"enabled": False},
    })


def _describe(event: ScenarioFinished, expected: list[str]) -> list[str]:
    lines: list[str] = []
    recorder = event.recorder
    for case_id, checks in recorder.checks.items():
        for check in checks:
            info = check.failure_info
            if info is None:
                continue
            failure = info.failure
            operation = failure.operation or recorder.label
            message = " ".join(str(failure.message).split())[:600]
            case = recorder.cases.get(case_id)
            interaction = recorder.interactions.get(case_id)
            response = interaction.response if interaction is not None else None
            status = response.status_code if response is not None else "-"
            body = " ".join(_text(response.content).split())[:400] if response is not None \
                else ""
            curl = info.steps[-1].curl if info.steps else (
                case.value.as_curl_command() if case is not None else "")
            rule = _between_fields(str(operation), check.name, status,
                                   _text(response.content) if response is not None else "")
            if rule is not None:
                expected.append(f"{operation} | {check.name} | refused by the rule: {rule}\n")
                continue
            lines.append(
                f"{operation} | {check.name} | {failure.title} | status {status}\n"
                f"    {message}\n    answer: {body}\n    {curl}\n"
            )
    return lines


def _text(content: bytes | None) -> str:
    return (content or b"").decode("utf-8", errors="replace")


def _run(schema: Any) -> tuple[list[str], list[str], list[str], list[str]]:
    """Failures, errors, refusals by a rule between fields, and per phase its seconds,
    scenarios run and skipped."""
    failures: list[str] = []
    expected: list[str] = []
    errors: list[str] = []
    phases: list[str] = []
    started: dict[str, float] = {}
    counts: dict[str, list[int]] = {}
    event: EngineEvent
    for event in from_schema(schema).execute():
        if isinstance(event, PhaseStarted):
            started[event.phase.name] = event.timestamp
        elif isinstance(event, PhaseFinished):
            name = event.phase.name
            ran, skipped = counts.get(name, [0, 0])
            seconds = event.timestamp - started.get(name, event.timestamp)
            phases.append(f"{name}: {seconds:.1f}s, {ran} scenarios, {skipped} skipped"
                          + (f" ({event.phase.skip_reason})" if event.phase.skip_reason else ""))
        elif isinstance(event, ScenarioFinished):
            tally = counts.setdefault(event.phase, [0, 0])
            tally[1 if event.status == Status.SKIP else 0] += 1
            failures.extend(_describe(event, expected))
        elif isinstance(event, NonFatalError):
            errors.append(f"{event.label} | error | {' '.join(str(event.value).split())[:600]}\n")
        elif isinstance(event, FatalError):
            errors.append(f"fatal | {event.exception!r}\n")
    return sorted(set(failures)), errors, sorted(set(expected)), phases


def _write(service: str, failures: list[str], errors: list[str], expected: list[str],
           phases: list[str]) -> Path:
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    path = REPORT_DIR / f"{service}.txt"
    head = (f"# schemathesis {schemathesis.__version__} against {service} "
            f"(seed {SEED}, max-examples {MAX_EXAMPLES}): {len(failures)} failures, "
            f"{len(errors)} errors\n# operation | check | failure | status, then the message "
            f"and a curl that reproduces it\n"
            + "".join(f"# {line}\n" for line in phases)
            + "".join(f"# expected, a rule between fields: {line}" for line in expected) + "\n")
    path.write_text(head + "\n".join(failures + errors), encoding="utf-8")
    return path


@pytest.mark.parametrize("service", list(CALLERS))
async def test_schemathesis_finds_nothing(service: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        scratch = Path(directory)
        factory: Callable[[], Any] = (
            (lambda: _identity_app(scratch)) if service == "identity"
            else (lambda: _service_app(service, scratch)))
        async with factory() as (app, token), serving(app) as base_url:
            if service == "identity":
                token = _identity_token(app)
            document = app.openapi()
            schema = schemathesis.openapi.from_dict(document, config=_config(base_url, token))
            failures, errors, expected, phases = await asyncio.to_thread(_run, schema)
    path = _write(service, failures, errors, expected, phases)
    assert not errors, f"{service}: {len(errors)} schemathesis errors; see {path}"
    assert not failures, f"{service}: {len(failures)} schemathesis failures; see {path}"


def _identity_token(app: FastAPI) -> str:
    """The identity app verifies only tokens signed with its own key."""
    from gateway.tokens import Subject

    caller = CALLERS["identity"]
    subject = Subject(id=caller.subject, role=caller.role, name="契约测试 / schemathesis",
                      society=caller.society, enterprise=None)
    token: str = app.state.token_issuer.issue(subject).access_token
    return token
