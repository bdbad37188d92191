"""E-mail through a real SMTP server in-process (aiosmtpd): queue, send, retry, fail, log."""

import email
import email.policy
import socket
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.smtp import SMTP, Session
from aiosmtpd.smtp import Envelope as SmtpEnvelope
from cse_contracts.events import (
    ApplicationSubmitted,
    ComplaintAnswered,
    EvaluationDecided,
    EvaluationObjectionResolved,
)
from kit import clock
from kit.auth import Role
from kit.crypto import cipher
from kit.events import Envelope, EventData
from kit.testing import KEYS
from notifications.config import Settings
from notifications.inbox.handlers import on_any_event
from notifications.mail import repository, rules
from notifications.mail import service as mail
from notifications.mail.sink import MailSink, start
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen() -> Iterator[clock.FrozenClock]:
    with clock.use(clock.FrozenClock(NOW)) as frozen:
        assert isinstance(frozen, clock.FrozenClock)
        yield frozen


class FlakySink(MailSink):
    """The sink, answering with `fail_with` (e.g. "451 …") while it is set."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.fail_with: str | None = None

    async def handle_DATA(self, server: SMTP, session: Session, envelope: SmtpEnvelope) -> str:
        if self.fail_with:
            return self.fail_with
        return await super().handle_DATA(server, session, envelope)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[tuple[FlakySink, Settings]]:
    sink = FlakySink(tmp_path / "mail")
    port = free_port()
    controller = start(sink.directory, "127.0.0.1", port, sink)
    try:
        yield sink, Settings(smtp_port=port, mail_backoff_base_seconds=60, mail_max_attempts=3)
    finally:
        controller.stop()


def wrap(data: EventData) -> Envelope:
    return Envelope.wrap(data, source="/services/test", subject="x")


def submitted(applicant: str) -> Envelope:
    return wrap(ApplicationSubmitted(application_id=uuid.uuid4(), applicant_id=applicant,
                                     society_code="cces", level="professional",
                                     field_code="civil"))


async def prefer(client: httpx.AsyncClient, headers: dict[str, str], **body: Any) -> None:
    response = await client.put("/v1/notifications/preferences", headers=headers, json=body)
    assert response.status_code == 200, response.text


def read(path: Path) -> EmailMessage:
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def part(message: EmailMessage, kind: str) -> str:
    body = message.get_body(preferencelist=(kind,))
    assert body is not None
    content: str = body.get_content()
    return content


async def test_each_reader_gets_the_mail_in_their_language(
    session: AsyncSession, client: httpx.AsyncClient, smtp: tuple[FlakySink, Settings]
) -> None:
    sink, settings = smtp
    await prefer(client, KEYS.headers(Role.APPLICANT, "app-m1"), email="li.lei@example.com",
                 language="en")
    await prefer(client, KEYS.headers(Role.SOCIETY_ADMIN, "staff-1", society="cces"),
                 email="staff@cces.example.org")
    await prefer(client, KEYS.headers(Role.SOCIETY_ADMIN, "staff-2", society="cces"),
                 email="off@cces.example.org", email_enabled=False)
    await prefer(client, KEYS.headers(Role.SOCIETY_ADMIN, "staff-3", society="cmes"),
                 email="other@cmes.example.org")
    await on_any_event(session, submitted("app-m1"))
    assert await mail.send_due(session, NOW, settings) == 2
    received = {str(read(p)["To"]): read(p) for p in sink.received}
    assert set(received) == {"li.lei@example.com", "staff@cces.example.org"}
    english = received["li.lei@example.com"]
    assert english["Subject"] == "Your Professional Engineering Member application was submitted"
    assert "Hello," in part(english, "plain")
    assert "<html lang=\"en\">" in part(english, "html")
    assert "http://127.0.0.1:8080/v1/applications/" in part(english, "plain")
    chinese = received["staff@cces.example.org"]
    assert chinese["Subject"] == "新的专业工程会员申请待初审"
    assert "您好" in part(chinese, "plain")
    assert "Hello" not in part(chinese, "plain")
    # The sink keeps a readable copy beside the raw message.
    txt = sink.received[0].with_suffix(".txt").read_text(encoding="utf-8")
    assert "Subject:" in txt


async def test_a_fail_reaches_the_applicant_with_its_reasons(
    session: AsyncSession, client: httpx.AsyncClient, smtp: tuple[FlakySink, Settings]
) -> None:
    sink, settings = smtp
    await prefer(client, KEYS.headers(Role.APPLICANT, "app-m2"), email="wang@example.com")
    await on_any_event(session, wrap(EvaluationDecided(
        case_id=uuid.uuid4(), application_id=uuid.uuid4(), applicant_id="app-m2",
        society_code="cces", outcome="failed", reasons="面试总分52分，低于60分的及格线")))
    await mail.send_due(session, NOW, settings)
    [message] = [read(p) for p in sink.received]
    assert message["Subject"] == "综合审议结果：未通过"
    assert "面试总分52分，低于60分的及格线" in part(message, "plain")
    assert "面试总分52分，低于60分的及格线" in part(message, "html")


async def test_temporary_failures_are_retried_with_backoff_and_logged(
    session: AsyncSession, client: httpx.AsyncClient, smtp: tuple[FlakySink, Settings]
) -> None:
    sink, settings = smtp
    await prefer(client, KEYS.headers(Role.APPLICANT, "app-m3"), email="zhao@example.com")
    event = submitted("app-m3")
    await on_any_event(session, event)
    sink.fail_with = "451 4.3.0 Try again later"
    await mail.send_due(session, NOW, settings)
    [queued] = await repository.for_event(session, event.id)
    assert (queued.status, queued.attempts) == ("queued", 1)
    assert queued.next_attempt_at == NOW + timedelta(seconds=60)
    # Not due yet: nothing is tried.
    assert await mail.send_due(session, NOW + timedelta(seconds=30), settings) == 0
    sink.fail_with = None
    await mail.send_due(session, NOW + timedelta(seconds=61), settings)
    assert queued.status == "sent"
    assert len(sink.received) == 1
    log = await repository.attempts(session, queued.id)
    assert [(a.outcome, a.smtp_code) for a in log] == [("retry", 451), ("sent", 250)]


async def test_permanent_failures_and_exhausted_attempts_fail(
    session: AsyncSession, client: httpx.AsyncClient, smtp: tuple[FlakySink, Settings]
) -> None:
    sink, settings = smtp
    await prefer(client, KEYS.headers(Role.APPLICANT, "app-m4"), email="nobody@example.com")
    rejected = submitted("app-m4")
    await on_any_event(session, rejected)
    sink.fail_with = "550 5.1.1 No such user"
    await mail.send_due(session, NOW, settings)
    [message] = await repository.for_event(session, rejected.id)
    assert (message.status, message.attempts) == ("failed", 1)
    # No server at all: a temporary failure each time, failed after `mail_max_attempts`.
    unreachable = settings.model_copy(update={"smtp_port": free_port()})
    later = submitted("app-m4")
    await on_any_event(session, later)
    moment = NOW
    for _ in range(3):
        await mail.send_due(session, moment, unreachable)
        moment += timedelta(hours=7)
    [gone] = await repository.for_event(session, later.id)
    assert (gone.status, gone.attempts) == ("failed", 3)
    outcomes = [a.outcome for a in await repository.attempts(session, gone.id)]
    assert outcomes == ["retry", "retry", "failed"]


async def test_a_complaint_answer_reaches_a_sender_without_an_account(
    session: AsyncSession, smtp: tuple[FlakySink, Settings]
) -> None:
    sink, settings = smtp
    await on_any_event(session, wrap(ComplaintAnswered(
        complaint_id=uuid.uuid4(), tracking_code="TS-2026-0001", complainant_subject=None,
        contact_email="public@example.com", answer="经调查，评价程序符合规定。",
        answered_at=NOW)))
    await mail.send_due(session, NOW, settings)
    [message] = [read(p) for p in sink.received]
    assert str(message["To"]) == "public@example.com"
    assert "经调查，评价程序符合规定。" in part(message, "plain")


async def test_an_objection_outcome_reaches_the_objector_in_words(
    session: AsyncSession, smtp: tuple[FlakySink, Settings]
) -> None:
    sink, settings = smtp
    await on_any_event(session, wrap(EvaluationObjectionResolved(
        case_id=uuid.uuid4(), objection_id=uuid.uuid4(), society_code="cces",
        outcome="dismissed", reasons="经核实，申请人的工作经历属实。",
        contact_email="objector@example.com", resolved_at=NOW)))
    await mail.send_due(session, NOW, settings)
    [message] = [read(p) for p in sink.received]
    assert str(message["To"]) == "objector@example.com"
    body = part(message, "plain")
    assert "异议不成立" in body
    assert "dismissed" not in body  # the outcome in words, never the code
    assert "经核实，申请人的工作经历属实。" in body


async def test_addresses_and_bodies_are_encrypted_at_rest(
    session: AsyncSession, client: httpx.AsyncClient, smtp: tuple[FlakySink, Settings]
) -> None:
    await prefer(client, KEYS.headers(Role.APPLICANT, "app-m5"), email="secret@example.com")
    await on_any_event(session, submitted("app-m5"))
    stored = (await session.execute(text(
        "SELECT email FROM contact_preferences WHERE subject = 'app-m5'"))).scalar_one()
    assert "secret@example.com" not in stored
    assert cipher().decrypt(stored) == "secret@example.com"
    raw = (await session.execute(text(
        "SELECT to_address, text_body FROM mail_messages WHERE recipient_subject = 'app-m5'"
    ))).one()
    assert "secret@example.com" not in raw[0]
    assert cipher().decrypt(raw[0]) == "secret@example.com"
    assert "申请" not in raw[1]


async def test_preferences_default_validate_and_belong_to_the_caller(
    client: httpx.AsyncClient,
) -> None:
    me = KEYS.headers(Role.APPLICANT, "app-p1")
    assert (await client.get("/v1/notifications/preferences", headers=me)).json() == {
        "email": None, "language": "zh", "email_enabled": True}
    await prefer(client, me, email="p1@example.com", language="en")
    mine = (await client.get("/v1/notifications/preferences", headers=me)).json()
    assert mine == {"email": "p1@example.com", "language": "en", "email_enabled": True}
    other = KEYS.headers(Role.APPLICANT, "app-p2")
    assert (await client.get("/v1/notifications/preferences", headers=other)).json()[
        "email"] is None
    bad = await client.put("/v1/notifications/preferences", headers=me,
                           json={"email": "not an address", "language": "fr"})
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"
    assert (await client.get("/v1/notifications/preferences")).status_code == 401


def test_backoff_doubles_and_only_4xx_or_no_answer_is_retried() -> None:
    assert rules.retry_at(NOW, 1, 60) == NOW + timedelta(seconds=60)
    assert rules.retry_at(NOW, 3, 60) == NOW + timedelta(seconds=240)
    assert rules.retry_at(NOW, 30, 60) == NOW + timedelta(hours=6)
    assert rules.next_status(451, 1, 3) == "retry"
    assert rules.next_status(None, 1, 3) == "retry"
    assert rules.next_status(550, 1, 3) == "failed"
    assert rules.next_status(451, 3, 3) == "failed"


async def test_the_secretariat_reads_the_delivery_log_with_addresses_masked(
    session: AsyncSession, client: httpx.AsyncClient, smtp: tuple[FlakySink, Settings]
) -> None:
    sink, settings = smtp
    await prefer(client, KEYS.headers(Role.APPLICANT, "app-m6"), email="liu.yang@example.com")
    await on_any_event(session, submitted("app-m6"))
    sink.fail_with = "550 5.1.1 No such user"
    await mail.send_due(session, NOW, settings)
    secretariat = KEYS.headers(Role.SECRETARIAT, "sec-1")
    failed = await client.get("/v1/notifications/mail", headers=secretariat,
                              params={"status": "failed"})
    [entry] = [m for m in failed.json()["items"] if m["to"].endswith("@example.com")]
    assert entry["to"] == "l*******@example.com"
    assert [a["smtp_code"] for a in entry["log"]] == [550]
    refused = await client.get("/v1/notifications/mail", headers=KEYS.headers(
        Role.APPLICANT, "app-m6"))
    assert refused.status_code == 403


async def test_one_run_of_the_job_drains_several_batches(
    session: AsyncSession, client: httpx.AsyncClient, smtp: tuple[FlakySink, Settings],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from notifications import spec

    sink, settings = smtp
    monkeypatch.setattr(spec, "settings", lambda: settings.model_copy(
        update={"mail_batch_size": 1}))
    await prefer(client, KEYS.headers(Role.APPLICANT, "app-m7"), email="chen@example.com")
    for _ in range(3):
        await on_any_event(session, submitted("app-m7"))
    assert await spec.send_mail(session, NOW) == 3
    assert len(sink.received) == 3


async def test_mail_reaches_exactly_the_readers_of_the_inboxes_asked_for(
    session: AsyncSession,
) -> None:
    """Users by subject, shared inboxes by kind and id: a reader of the society inbox `ent-a`
    is not a reader of the enterprise `ent-a`, nor one who turned e-mail off or gave none."""
    from notifications.models import ContactPreference
    from notifications.preferences.repository import reachable_by_mail

    def reader(subject: str, kind: str | None, inbox_id: str | None, *,
               email: str | None = "reader@example.com", enabled: bool = True
               ) -> ContactPreference:
        return ContactPreference(subject=subject, role="enterprise", inbox_kind=kind,
                                 inbox_id=inbox_id, email=email, language="zh",
                                 email_enabled=enabled, updated_at=NOW)

    session.add_all([
        reader("hr-1", "enterprise", "ent-a"), reader("hr-2", "enterprise", "ent-a"),
        reader("sec-1", "society", "cces"), reader("u-1", None, None),
        reader("decoy-1", "society", "ent-a"), reader("decoy-2", "enterprise", "cces"),
        reader("off-1", "enterprise", "ent-a", enabled=False),
        reader("none-1", "enterprise", "ent-a", email=None),
    ])
    await session.flush()
    found = await reachable_by_mail(
        session, [("enterprise", "ent-a"), ("society", "cces"), ("user", "u-1"),
                  ("user", "nobody")])
    assert {r: [p.subject for p in people] for r, people in found.items()} == {
        ("enterprise", "ent-a"): ["hr-1", "hr-2"], ("society", "cces"): ["sec-1"],
        ("user", "u-1"): ["u-1"], ("user", "nobody"): []}
    assert await reachable_by_mail(session, []) == {}
