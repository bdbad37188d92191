"""E-mail: queued in the same transaction as the inbox message, sent later by the worker."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from email.utils import make_msgid
from typing import cast

import aiosmtplib
import structlog
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.config import Settings
from notifications.mail import repository, rules
from notifications.mail.compose import compose, mime
from notifications.messages.catalogue import CATALOGUE
from notifications.messages.render import RenderedMessage, render_copy
from notifications.messages.words import Language
from notifications.models import MailAttempt, MailMessage
from notifications.preferences import repository as preferences

log = structlog.get_logger()


def _queue(envelope: Envelope, notification_id: uuid.UUID | None, message: RenderedMessage,
           subject: str | None, address: str, language: Language, settings: Settings,
           now: datetime) -> MailMessage:
    mail = compose(message, language, settings.public_base_url)
    return MailMessage(
        id=uuid.uuid4(), event_id=envelope.id, notification_id=notification_id,
        kind=message.kind, recipient_subject=subject, to_address=address, language=language,
        subject_line=mail.subject, text_body=mail.text, html_body=mail.html, status="queued",
        attempts=0, next_attempt_at=now,
    )


async def enqueue(
    session: AsyncSession, envelope: Envelope,
    filed: Sequence[tuple[uuid.UUID, RenderedMessage]], settings: Settings, now: datetime,
) -> int:
    """An e-mail for everyone who reads a new message's inbox and wants e-mail, in their
    language; plus what reaches people without an account at the address they left: the
    answer to a complaint, and the outcome of an objection to a public notice."""
    queued = 0
    reachable = await preferences.reachable_by_mail(session, [m.recipient for _, m in filed])
    for notification_id, message in filed:
        for person in reachable[message.recipient]:
            language = cast(Language, person.language)
            repository.add(session, _queue(envelope, notification_id, message, person.subject,
                                           str(person.email), language, settings, now))
            queued += 1
    address = envelope.data.get("contact_email")
    direct = envelope.type == "evaluation.objection_resolved" or (
        envelope.type == "complaint.answered" and not envelope.data.get("complainant_subject"))
    if direct and address:
        [answer] = CATALOGUE[envelope.type]
        message = render_copy(answer.copy, envelope.data, ("email", "-"), envelope.type)
        repository.add(session, _queue(envelope, None, message, None, str(address), "zh",
                                       settings, now))
        queued += 1
    await session.flush()
    return queued


async def _deliver(message: MailMessage, settings: Settings) -> None:
    domain = settings.mail_from.rsplit("@", 1)[-1].rstrip(">") or "cse.example.org"
    mail = mime(settings.mail_from, message.to_address, message.subject_line, message.text_body,
                message.html_body, message.language, make_msgid(str(message.id), domain))
    await aiosmtplib.send(
        mail, hostname=settings.smtp_host, port=settings.smtp_port,
        username=settings.smtp_username,
        password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
        use_tls=settings.smtp_use_tls, start_tls=settings.smtp_start_tls or None,
        timeout=settings.smtp_timeout_seconds,
    )


async def send_due(session: AsyncSession, now: datetime, settings: Settings) -> int:
    """One pass of the sender: every due message tried once, each try logged."""
    handled = 0
    for message in await repository.claim_due(session, now, settings.mail_batch_size):
        message.attempts += 1
        code: int | None = None
        try:
            await _deliver(message, settings)
        except aiosmtplib.SMTPResponseException as exc:
            code, error = exc.code, f"{exc.code} {exc.message}"
        except (TimeoutError, aiosmtplib.SMTPException, OSError) as exc:
            error = f"{type(exc).__name__}: {exc}"
        else:
            message.status, message.sent_at, message.last_error = "sent", now, None
            repository.log_attempt(session, MailAttempt(
                message_id=message.id, attempted_at=now, outcome="sent", smtp_code=250))
            handled += 1
            continue
        outcome = rules.next_status(code, message.attempts, settings.mail_max_attempts)
        message.last_error = error[:1000]
        if outcome == "retry":
            message.next_attempt_at = rules.retry_at(
                now, message.attempts, settings.mail_backoff_base_seconds)
        else:
            message.status = "failed"
        repository.log_attempt(session, MailAttempt(
            message_id=message.id, attempted_at=now, outcome=outcome, smtp_code=code,
            detail=error[:1000]))
        log.warning("mail_failed", message_id=str(message.id), attempt=message.attempts,
                    outcome=outcome, error=error[:200])
        handled += 1
    await session.flush()
    return handled
