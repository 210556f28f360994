"""Final assessments (қорытынды аттестаттау, п.27-31) and certificates (сертификат, п.29, 32)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pedesk.models.base import Base, Timestamped, utcnow
from pedesk.models.enrolment import Enrolment
from pedesk.models.enums import AssessmentKind, CertificateStatus, RetakeMode, SignerCapacity
from pedesk.models.organisations import Office, Provider
from pedesk.models.people import Teacher
from pedesk.models.types import str_enum


class Assessment(Timestamped, Base):
    """One attempt at the final assessment: internal (short course) or external by experts (long course)."""

    __tablename__ = "assessment"
    __table_args__ = (UniqueConstraint("enrolment_id", "attempt"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id"), index=True)
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    kind: Mapped[AssessmentKind] = mapped_column(str_enum(AssessmentKind))
    mode: Mapped[RetakeMode] = mapped_column(str_enum(RetakeMode), default=RetakeMode.FIRST)
    assessor_provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id"))
    assessor_contract_no: Mapped[str] = mapped_column(String(60), default="")
    assessor_contract_date: Mapped[date | None] = mapped_column(Date)
    expert_name: Mapped[str] = mapped_column(String(300), default="")
    expert_certificate: Mapped[str] = mapped_column(String(100), default="")
    held_on: Mapped[date] = mapped_column(Date, index=True)
    score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    max_score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    passed: Mapped[bool] = mapped_column(Boolean)
    #: the cohort a retake was held with (п.30.2) when it is not the listener's own
    with_cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohort.id"))
    supporting_documents: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    enrolment: Mapped[Enrolment] = relationship()
    assessor: Mapped[Provider | None] = relationship()


class CertificateCounter(Base):
    """The last sequence number used per issuing office, numbering series and year: numbers are gap-free.

    ``series`` is "" for the office's own series; a provider that numbers its certificates in a series of its
    own (its ``numbering_pattern``) counts under ``provider-<id>`` (see :mod:`pedesk.services.certificates`).
    """

    __tablename__ = "certificate_counter"

    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), primary_key=True)
    series: Mapped[str] = mapped_column(String(40), primary_key=True, default="", server_default="")
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class Certificate(Timestamped, Base):
    """An issued certificate. Never deleted: annulled or superseded with reason and who.

    ``snapshot`` (JSON) freezes everything printed on it, so a reprint years later is identical.
    External certificates (a foreign organisation's, п.25) have ``external`` set and no number of ours.
    """

    __tablename__ = "certificate"
    __table_args__ = (
        UniqueConstraint("office_id", "number"),
        # one live certificate of ours per enrolment: two issuing runs can never both issue to a listener
        Index(
            "uq_certificate_live_enrolment",
            "enrolment_id",
            unique=True,
            sqlite_where=text("status = 'issued' AND external = 0"),
            postgresql_where=text("status = 'issued' AND external = false"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    number: Mapped[str] = mapped_column(String(60))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int | None] = mapped_column(Integer)
    verification_code: Mapped[str] = mapped_column(String(32), unique=True)
    enrolment_id: Mapped[int | None] = mapped_column(ForeignKey("enrolment.id"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    issue_date: Mapped[date] = mapped_column(Date, index=True)
    valid_until: Mapped[date] = mapped_column(Date, index=True)
    academic_hours: Mapped[int] = mapped_column(Integer)
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    signer_position_kk: Mapped[str] = mapped_column(String(300), default="")
    signer_position_ru: Mapped[str] = mapped_column(String(300), default="")
    signer_capacity: Mapped[SignerCapacity] = mapped_column(
        str_enum(SignerCapacity), default=SignerCapacity.HEAD
    )
    snapshot: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[CertificateStatus] = mapped_column(
        str_enum(CertificateStatus), default=CertificateStatus.ISSUED, index=True
    )
    external: Mapped[bool] = mapped_column(Boolean, default=False)
    external_issuer: Mapped[str] = mapped_column(String(400), default="")
    external_topic: Mapped[str] = mapped_column(String(600), default="")
    annulled_at: Mapped[datetime | None] = mapped_column(DateTime)
    annulled_by: Mapped[str] = mapped_column(String(100), default="")
    annul_reason: Mapped[str] = mapped_column(Text, default="")
    annul_order_no: Mapped[str] = mapped_column(String(60), default="")
    annul_order_date: Mapped[date | None] = mapped_column(Date)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))
    issued_by: Mapped[str] = mapped_column(String(100), default="")
    office: Mapped[Office] = relationship()
    teacher: Mapped[Teacher] = relationship()
    enrolment: Mapped[Enrolment | None] = relationship()
    duplicates: Mapped[list[CertificateDuplicate]] = relationship(
        back_populates="certificate", order_by="CertificateDuplicate.printed_at"
    )


class CertificateDuplicate(Base):
    """A duplicate (ТЕЛНҰСҚА / ДУБЛИКАТ) of a lost certificate: the same number, recorded each time."""

    __tablename__ = "certificate_duplicate"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id"), index=True)
    printed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")
    application_no: Mapped[str] = mapped_column(String(60), default="")
    by: Mapped[str] = mapped_column(String(100), default="")
    certificate: Mapped[Certificate] = relationship(back_populates="duplicates")


class PrinterOffset(Timestamped, Base):
    """How far a printer shifts the page, per printer: certificates on pre-printed blank forms land in place.

    Kept in the database (not on one workstation) because the printer is shared by the office.
    """

    __tablename__ = "printer_offset"

    printer: Mapped[str] = mapped_column(String(200), primary_key=True)
    x_mm: Mapped[float] = mapped_column(Float, default=0.0)
    y_mm: Mapped[float] = mapped_column(Float, default=0.0)
    blank_form: Mapped[bool] = mapped_column(Boolean, default=False)
