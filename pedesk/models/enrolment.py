"""Applications and enrolments (өтініш, тыңдаушыны қабылдау / заявление, зачисление), п.7-8, 14, 16, 23."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pedesk.models.base import Base, Timestamped, utcnow
from pedesk.models.courses import Cohort
from pedesk.models.enums import EnrolmentStatus, Language, ReferralBy
from pedesk.models.people import Teacher
from pedesk.models.reference import DocumentKind
from pedesk.models.types import str_enum


class Enrolment(Timestamped, Base):
    """A teacher's application to a cohort and everything that follows it, up to the result."""

    __tablename__ = "enrolment"
    __table_args__ = (UniqueConstraint("cohort_id", "teacher_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    status: Mapped[EnrolmentStatus] = mapped_column(
        str_enum(EnrolmentStatus), default=EnrolmentStatus.APPLIED, index=True
    )
    applied_on: Mapped[date] = mapped_column(Date)
    group_language: Mapped[Language | None] = mapped_column(str_enum(Language))
    # Appendix 2 (abroad)
    abroad_country: Mapped[str] = mapped_column(String(100), default="")
    abroad_months: Mapped[int | None] = mapped_column(Integer)
    # п.7 eligibility, recorded as answers (None = not asked yet)
    elig_education: Mapped[bool | None] = mapped_column(Boolean)
    elig_employment: Mapped[bool | None] = mapped_column(Boolean)
    elig_legislation: Mapped[bool | None] = mapped_column(Boolean)
    elig_english: Mapped[bool | None] = mapped_column(Boolean)
    # п.14 referral order, п.16 administration's letter and the provider's enrolment order
    referral_by: Mapped[ReferralBy | None] = mapped_column(str_enum(ReferralBy))
    referral_order_no: Mapped[str] = mapped_column(String(60), default="")
    referral_order_date: Mapped[date | None] = mapped_column(Date)
    admin_letter_no: Mapped[str] = mapped_column(String(60), default="")
    admin_letter_date: Mapped[date | None] = mapped_column(Date)
    enrolment_order_no: Mapped[str] = mapped_column(String(60), default="")
    enrolment_order_date: Mapped[date | None] = mapped_column(Date)
    # п.23-24 the contract with the provider
    contract_no: Mapped[str] = mapped_column(String(60), default="")
    contract_date: Mapped[date | None] = mapped_column(Date)
    contract_amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    # п.12: added after the list was formed
    late_addition_reason: Mapped[str] = mapped_column(Text, default="")
    # п.30-31: transfer and expulsion
    transferred_to_id: Mapped[int | None] = mapped_column(ForeignKey("enrolment.id"))
    transfer_reason: Mapped[str] = mapped_column(Text, default="")
    expulsion_order_no: Mapped[str] = mapped_column(String(60), default="")
    expulsion_order_date: Mapped[date | None] = mapped_column(Date)
    commission_decision: Mapped[str] = mapped_column(Text, default="")
    repayment_amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    note: Mapped[str] = mapped_column(Text, default="")
    cohort: Mapped[Cohort] = relationship()
    teacher: Mapped[Teacher] = relationship()
    documents: Mapped[list[EnrolmentDocument]] = relationship(
        back_populates="enrolment", cascade="all, delete-orphan"
    )
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="enrolment", cascade="all, delete-orphan", order_by="StatusChange.at"
    )


class EnrolmentDocument(Base):
    """п.8 checklist: which document arrived, and when."""

    __tablename__ = "enrolment_document"
    __table_args__ = (UniqueConstraint("enrolment_id", "kind_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), index=True)
    kind_id: Mapped[int] = mapped_column(ForeignKey("document_kind.id"))
    received_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(300), default="")
    enrolment: Mapped[Enrolment] = relationship(back_populates="documents")
    kind: Mapped[DocumentKind] = relationship()


class StatusChange(Base):
    """Every change of an enrolment's status, with who and when."""

    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[EnrolmentStatus | None] = mapped_column(str_enum(EnrolmentStatus))
    to_status: Mapped[EnrolmentStatus] = mapped_column(str_enum(EnrolmentStatus))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    by: Mapped[str] = mapped_column(String(100), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    enrolment: Mapped[Enrolment] = relationship(back_populates="status_changes")
