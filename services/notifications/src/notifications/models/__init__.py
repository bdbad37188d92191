"""All ORM models of the notifications service."""

import uuid
from datetime import date, datetime
from typing import Any

from kit.crypto import EncryptedString
from kit.db import new_metadata
from kit.outbox import inbox_table, outbox_table
from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = outbox_table(Base.metadata)
inbox = inbox_table(Base.metadata)


class Notification(Base):
    """One message in one recipient's in-app inbox, caused by one event."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("event_id", "recipient_kind", "recipient_id"),
        # The inbox reads one recipient's messages newest first, often only the unread.
        Index("ix_notifications_recipient", "recipient_kind", "recipient_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    event_id: Mapped[uuid.UUID] = mapped_column(index=True)
    event_type: Mapped[str] = mapped_column(String(120))
    # The event type, or `reminder.<kind>`: what the inbox filters on.
    kind: Mapped[str] = mapped_column(String(120))
    subject: Mapped[str | None] = mapped_column(String(200))
    recipient_kind: Mapped[str] = mapped_column(String(20))
    recipient_id: Mapped[str] = mapped_column(String(100))
    title_zh: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text)
    body_zh: Mapped[str] = mapped_column(Text)
    body_en: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(500))
    due_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ContactPreference(Base):
    """How one person wants to be reached: their own data, given by them, the address encrypted."""

    __tablename__ = "contact_preferences"
    __table_args__ = (Index("ix_contact_preferences_inbox", "inbox_kind", "inbox_id"),)

    subject: Mapped[str] = mapped_column(String(200), primary_key=True)
    role: Mapped[str] = mapped_column(String(30))
    # The shared inbox the person reads besides their own (their society's, enterprise's…), so
    # e-mail for a society reaches every member of its staff who gave an address.
    inbox_kind: Mapped[str | None] = mapped_column(String(20))
    inbox_id: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(EncryptedString)
    language: Mapped[str] = mapped_column(String(2), default="zh")
    email_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MailMessage(Base):
    """One e-mail to one address: queued with the event that caused it, sent by the worker."""

    __tablename__ = "mail_messages"
    __table_args__ = (
        # The sender claims what is due, oldest first.
        Index("ix_mail_messages_due", "next_attempt_at",
              postgresql_where=text("status = 'queued'")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    event_id: Mapped[uuid.UUID] = mapped_column(index=True)
    notification_id: Mapped[uuid.UUID | None]
    kind: Mapped[str] = mapped_column(String(120))
    # Whose address it is; None for an address given without an account (a complaint's answer).
    recipient_subject: Mapped[str | None] = mapped_column(String(200))
    to_address: Mapped[str] = mapped_column(EncryptedString)
    language: Mapped[str] = mapped_column(String(2))
    # Subject and bodies name people and carry reasons: encrypted like the address.
    subject_line: Mapped[str] = mapped_column(EncryptedString)
    text_body: Mapped[str] = mapped_column(EncryptedString)
    html_body: Mapped[str] = mapped_column(EncryptedString)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MailAttempt(Base):
    """The delivery log of one e-mail: every try, with the server's answer."""

    __tablename__ = "mail_attempts"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mail_messages.id"), index=True)
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # sent, retry (a temporary failure), failed (permanent, or the last attempt).
    outcome: Mapped[str] = mapped_column(String(10))
    smtp_code: Mapped[int | None]
    detail: Mapped[str | None] = mapped_column(Text)


class WebhookSubscription(Base):
    """An API client's endpoint for the events that concern it (Standard Webhooks 1.0)."""

    __tablename__ = "webhook_subscriptions"
    __table_args__ = (UniqueConstraint("owner_subject", "idempotency_key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    # The API client that manages it; only that client sees or changes it.
    owner_subject: Mapped[str] = mapped_column(String(200), index=True)
    owner_role: Mapped[str] = mapped_column(String(30))
    # Whose events it may receive: an enterprise, a partner organisation or a society.
    scope_kind: Mapped[str] = mapped_column(String(20))
    scope_id: Mapped[str] = mapped_column(String(100))
    url: Mapped[str] = mapped_column(String(2000))
    event_types: Mapped[list[str]] = mapped_column(ARRAY(String(120)))
    description: Mapped[str | None] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(EncryptedString)
    # After a rotation the old secret keeps signing too, until the receiver has switched.
    previous_secret: Mapped[str | None] = mapped_column(EncryptedString)
    previous_secret_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # active, paused (by the client), disabled (by the platform after a day of failures).
    status: Mapped[str] = mapped_column(String(10), default="active")
    failing_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    # A retried POST with the same Idempotency-Key answers with this subscription again.
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WebhookDelivery(Base):
    """One event for one subscription; its id is the `webhook-id`, the same on every retry."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("subscription_id", "event_id"),
        Index("ix_webhook_deliveries_due", "next_attempt_at",
              postgresql_where=text("status = 'pending'")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    subscription_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[uuid.UUID]
    event_type: Mapped[str] = mapped_column(String(120))
    # The CloudEvents envelope, as received from the bus.
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # pending, delivered, failed.
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_status_code: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebhookAttempt(Base):
    """The delivery log: every POST to the endpoint, its response code and how long it took."""

    __tablename__ = "webhook_attempts"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    delivery_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True)
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status_code: Mapped[int | None]
    duration_ms: Mapped[int]
    error: Mapped[str | None] = mapped_column(Text)


class TrackedApplication(Base):
    """Which enterprise recommended an application, so its HR system hears of its progress
    (later events carry the application or the applicant, not the enterprise)."""

    __tablename__ = "tracked_applications"

    application_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    applicant_id: Mapped[str] = mapped_column(String(200), index=True)
    enterprise_id: Mapped[str] = mapped_column(String(100))


class ReminderOccasion(Base):
    """A reminder occasion already turned into messages by one consumer: the owner of the
    deadline may emit it twice (two replicas of its job, a retry), people hear of it once."""

    __tablename__ = "reminder_occasions"

    consumer: Mapped[str] = mapped_column(String(40), primary_key=True)
    occasion: Mapped[str] = mapped_column(String(300), primary_key=True)
    event_id: Mapped[uuid.UUID]
    kind: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True),
                                                  server_default=func.now())


class TrackedCandidate(Base):
    """Which enterprise recommended a candidate, from the committee's pre-screening."""

    __tablename__ = "tracked_candidates"

    candidate_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(String(100))


class TrackedPanel(Base):
    """A case's announced examiner panel, so its examiners hear when new material arrives."""

    __tablename__ = "tracked_panels"

    case_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    examiner_ids: Mapped[list[str]] = mapped_column(ARRAY(String(200)))
