import uuid
from datetime import datetime

from kit.auth import Role
from sqlalchemy import DateTime, String, true
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, created_at_column, role_column


class User(Base):
    """A person who signs in with a username and password."""

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = role_column()
    society_code: Mapped[str | None] = mapped_column(String(64))
    enterprise_id: Mapped[str | None] = mapped_column(String(64))
    # Partner bodies abroad and CPD providers: the organisation the account acts for.
    organisation_code: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Tokens issued at or before this moment are void: set when the account is disabled, its
    # password reset or its secret rotated; published at /.well-known/revocations.json.
    tokens_valid_after: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
