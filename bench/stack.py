"""The platform under test: started as `make run` starts it, on ports and names of its own."""

import asyncio
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import aio_pika
import httpx
import jwt
from cse_contracts.events import EvaluationApproved
from kit.events import Envelope
from platform_launcher import Platform, PlatformConfig, reset

ROOT = Path(__file__).resolve().parents[1]
# Ports below Linux's ephemeral range (32768-60999): a port in it can be any outgoing
# connection's local port at the moment a listener wants it (seen: the evaluation worker's
# health port taken, the worker exiting with uvicorn's startup failure).
CONFIG = PlatformConfig(
    gateway_port=29080, identity_port=29090, first_service_port=29001,
    database_prefix="cse_bench_", exchange="cse.bench.events", queue_prefix="bench.",
    runtime_dir=ROOT / "var" / "bench", rate_limit=False,
)
GATEWAY = f"http://127.0.0.1:{CONFIG.gateway_port}"


def direct(service: str) -> str:
    return f"http://127.0.0.1:{CONFIG.service_port(service)}"


@contextmanager
def running_platform() -> Iterator[Platform]:
    """Fresh bench databases and broker names, the whole platform, and a clean-up after."""

    asyncio.run(reset(CONFIG))
    # Each run's logs on their own (nginx's access log and the processes' logs append): they
    # explain that run's figures, and ten runs of them were 800 MB.
    for log_file in CONFIG.runtime_dir.glob("**/logs/*.log"):
        log_file.unlink()
    platform = Platform(CONFIG, log_dir=CONFIG.runtime_dir / "logs")
    try:
        with platform.running():
            yield platform
    finally:
        asyncio.run(reset(CONFIG, databases=False))


def wait_until_quiet(*, busy_share: float = 0.25, window: float = 0.5,
                     timeout: float = 60.0) -> float:
    """Until the machine's cores together are busy less than `busy_share` of one core over one
    `window` (idle, with the platform idle, they use a few percent): what the last measurement
    left behind (the events of 400 pushes, their e-mails, autovacuum) is done and does not
    load the next one. Returns the seconds waited; gives up after `timeout`."""

    def busy_seconds() -> float:
        # The first line of /proc/stat: user nice system idle iowait irq softirq steal …
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
        return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")

    started = time.monotonic()
    while True:
        before = busy_seconds()
        time.sleep(window)
        if busy_seconds() - before < busy_share * window:
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            return time.monotonic() - started


@dataclass(frozen=True)
class Accounts:
    applicant_token: str
    application_id: str
    enterprise_token: str
    # A certificate on the register, for the verification page's lookup.
    certificate_number: str


def create_accounts(platform: Platform) -> Accounts:
    """An applicant with one draft application, and an enterprise API client with a token."""
    run = f"{os.getpid()}{int(time.time())}"
    secret = "bench-enterprise-secret-0123456789"
    platform.gateway_cli("create-client", "--client-id", f"bench-hr-{run}", "--name", "Bench HR",
                "--role", "enterprise", "--enterprise", f"bench-ent-{run}", "--secret", secret)
    with httpx.Client(base_url=GATEWAY, timeout=30) as http:
        password = "bench-applicant-pass-1"
        registered = http.post("/v1/auth/register", json={
            "username": f"bench-applicant-{run}", "password": password,
            "display_name": "张三",
        })
        _check(registered, "registering the applicant")
        for _attempt in range(5):  # the account is usable once registration has committed
            login = http.post("/v1/auth/login", json={
                "username": f"bench-applicant-{run}", "password": password,
            })
            if login.status_code != 401:
                break
            time.sleep(0.5)
        _check(login, "the applicant's login")
        applicant = login.json()["access_token"]
        draft = http.post("/v1/applications", json={"level": "professional", "field_code": "civil"},
                          headers={"Authorization": f"Bearer {applicant}"})
        _check(draft, "creating the application")
        token = http.post("/v1/auth/token", data={
            "grant_type": "client_credentials", "client_id": f"bench-hr-{run}",
            "client_secret": secret,
        })
        _check(token, "the enterprise client's token")
        number = _certificate(platform, http, run, applicant)
        return Accounts(applicant, str(draft.json()["id"]), token.json()["access_token"],
                        number)


def _certificate(platform: Platform, http: httpx.Client, run: str, applicant: str) -> str:
    """The applicant registered: registration made automatic for the society by the
    secretariat, then evaluation's `evaluation.approved` published as its relay would."""
    password = "bench-secretariat-pass-1"
    platform.gateway_cli("create-user", "--username", f"bench-cse-{run}", "--password",
                         password, "--role", "secretariat", "--name", "Bench CSE")
    login = http.post("/v1/auth/login", json={"username": f"bench-cse-{run}",
                                              "password": password})
    _check(login, "the secretariat's login")
    automatic = http.patch("/v1/registrations/settings", params={"society": "cces"},
                           json={"registration_mode": "automatic"},
                           headers={"Authorization": f"Bearer {login.json()['access_token']}"})
    _check(automatic, "making registration automatic")
    subject = jwt.decode(applicant, options={"verify_signature": False})["sub"]
    approval = EvaluationApproved(
        case_id=uuid.uuid4(), application_id=uuid.uuid4(), applicant_id=subject,
        applicant_name="张三", society_code="cces", level="professional", field_code="civil",
        approved_at=datetime.now(UTC))
    asyncio.run(_publish(Envelope.wrap(approval, source="/services/evaluation",
                                       subject="cases/bench")))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        mine = http.get("/v1/members/me/certificates",
                        headers={"Authorization": f"Bearer {applicant}"})
        body = mine.json() if mine.is_success else None
        # A list, or a page of them ({"items": [...], "next_cursor": ...}).
        items = body.get("items", []) if isinstance(body, dict) else body
        if items:
            return str(items[0]["number"])
        time.sleep(0.2)
    raise RuntimeError("no certificate was issued for the bench applicant within 60 s")


async def _publish(envelope: Envelope) -> None:
    connection = await aio_pika.connect(CONFIG.amqp_url)
    try:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await channel.get_exchange(CONFIG.exchange)
        await exchange.publish(
            aio_pika.Message(body=envelope.model_dump_json().encode(),
                             content_type="application/cloudevents+json",
                             message_id=str(envelope.id), type=envelope.type,
                             delivery_mode=aio_pika.DeliveryMode.PERSISTENT),
            routing_key=envelope.type)
    finally:
        await connection.close()


def _check(response: httpx.Response, what: str) -> None:
    if not response.is_success:
        raise RuntimeError(f"{what} failed: {response.status_code} {response.text[:500]}")
