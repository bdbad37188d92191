import enum
from datetime import datetime

from kit.auth import Role
from kit.db import new_metadata
from sqlalchemy import DateTime, Enum, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

metadata = new_metadata()


class Base(DeclarativeBase):
    metadata = metadata
    # Server defaults (created_at) come back with the INSERT (RETURNING): async sessions
    # cannot lazy-load them afterwards.
    __mapper_args__ = {"eager_defaults": True}  # noqa: RUF012


def role_column() -> Mapped[Role]:
    # Stored as the role's value behind a CHECK constraint: adding a role is a migration,
    # not an ALTER TYPE on a PostgreSQL enum.
    return mapped_column(
        Enum(
            Role,
            name="role",
            native_enum=False,
            create_constraint=True,
            length=32,
            values_callable=_values,
        )
    )


def created_at_column() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now())


def _values(enum_class: type[enum.Enum]) -> list[str]:
    return [str(member.value) for member in enum_class]
