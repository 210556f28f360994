"""The data-package log and the audit log (who, when, what, before and after)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pedesk.models.base import Base, utcnow
from pedesk.models.enums import PackageDirection
from pedesk.models.types import str_enum


class PackageLog(Base):
    """A semi-annual data package sent or received (п.17)."""

    __tablename__ = "package_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[PackageDirection] = mapped_column(str_enum(PackageDirection))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    by: Mapped[str] = mapped_column(String(100), default="")
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), default="")
    office_code: Mapped[str] = mapped_column(String(20), default="")
    period_from: Mapped[date | None] = mapped_column(Date)
    period_to: Mapped[date | None] = mapped_column(Date)
    format_version: Mapped[int] = mapped_column(Integer, default=1)
    outcome: Mapped[str] = mapped_column(String(40), default="")
    summary: Mapped[str] = mapped_column(Text, default="{}")
    receipt_path: Mapped[str] = mapped_column(String(500), default="")


class AuditEntry(Base):
    """One change of one record: written by the session hook in pedesk.models.audit."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    #: the signed-in user (the operating-system account where the database has no users)
    by: Mapped[str] = mapped_column(String(100), default="")
    os_account: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(10))
    entity: Mapped[str] = mapped_column(String(60), index=True)
    entity_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
