"""The people who sign in to pedesk and what they printed: a user with roles and a password hash, never
deleted (the audit trail keeps pointing at them), and each printing of a certificate."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pedesk.models.base import Base, Timestamped, utcnow


class User(Timestamped, Base):
    """A person who signs in. ``roles`` holds role names separated by spaces (see
    :mod:`pedesk.services.access.table`); ``password_hash`` an argon2id hash with its own salt."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(200), default="")
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime)


class PrintRecord(Base):
    """One printing of a certificate (on paper or into a PDF for the printer): when, who, on which printer."""

    __tablename__ = "certificate_print"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id"), index=True)
    printed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    by: Mapped[str] = mapped_column(String(100), default="")
    os_account: Mapped[str] = mapped_column(String(100), default="")
    printer: Mapped[str] = mapped_column(String(300), default="")
