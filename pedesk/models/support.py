"""Post-course support and monitoring (курстан кейінгі қолдау, п.33-37) and annual planning (п.9-12)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pedesk.models.base import Base, Timestamped
from pedesk.models.courses import Programme
from pedesk.models.enums import CourseKind, MonitoringResult, PlanStage, SupportKind
from pedesk.models.organisations import School
from pedesk.models.reference import District
from pedesk.models.results import Certificate
from pedesk.models.types import str_enum


class PostCourseWork(Timestamped, Base):
    """п.36: an independent work, an exchange event, public recognition or a programme correction."""

    __tablename__ = "post_course_work"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id"), index=True)
    kind: Mapped[SupportKind] = mapped_column(str_enum(SupportKind))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(600))
    place: Mapped[str] = mapped_column(String(400), default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    remote: Mapped[bool] = mapped_column(Boolean, default=False)
    certificate: Mapped[Certificate] = relationship()


class MonitoringRecord(Timestamped, Base):
    """п.37: one monitoring a year for three years from the issue date; ``year_no`` 0 is the final analysis."""

    __tablename__ = "monitoring_record"
    __table_args__ = (UniqueConstraint("certificate_id", "year_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id"), index=True)
    year_no: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    done_on: Mapped[date | None] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(300), default="")
    done_by: Mapped[str] = mapped_column(String(300), default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[MonitoringResult | None] = mapped_column(str_enum(MonitoringResult))
    certificate: Mapped[Certificate] = relationship()


class PlanEntry(Timestamped, Base):
    """A line of the planning cycle: a school's application, the district's plan or the region's plan."""

    __tablename__ = "plan_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_year: Mapped[int] = mapped_column(Integer, index=True)
    stage: Mapped[PlanStage] = mapped_column(str_enum(PlanStage))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"))
    direction: Mapped[str] = mapped_column(String(300), default="")
    course_kind: Mapped[CourseKind] = mapped_column(str_enum(CourseKind))
    teachers_count: Mapped[int] = mapped_column(Integer, default=0)
    teacher_iins: Mapped[str] = mapped_column(Text, default="")
    received_on: Mapped[date | None] = mapped_column(Date)
    forwarded_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    school: Mapped[School | None] = relationship()
    district: Mapped[District | None] = relationship()
    programme: Mapped[Programme | None] = relationship()
