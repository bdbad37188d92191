"""All ORM models of the notifications service."""

import uuid
from datetime import date, datetime

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
