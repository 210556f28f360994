"""Programmes, trainers, cohorts and their timetable (Кесте)."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from pedesk.models.base import Base, Timestamped
from pedesk.models.enums import CourseKind, Language, ScheduleStatus
from pedesk.models.organisations import Office, Provider
from pedesk.models.reference import CourseFormat, EducationLevel, TrainerKind
from pedesk.models.types import str_enum


class OfficeCoded:
    """A record of one office known there by its code (a programme, a cohort): the code is the office's own,
    unique within the office. Its columns come first in the table (``sort_order``), as they always stood."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-3)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True, sort_order=-2)
    code: Mapped[str] = mapped_column(String(40), sort_order=-1)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[UniqueConstraint]:
        return (UniqueConstraint("office_id", "code"),)

    @declared_attr
    def office(cls) -> Mapped[Office]:
        return relationship()


class Programme(OfficeCoded, Timestamped, Base):
    """Білім беру бағдарламасы / образовательная программа ПК (п.3-4, п.21-22)."""

    __tablename__ = "programme"

    title_kk: Mapped[str] = mapped_column(String(600))
    title_ru: Mapped[str] = mapped_column(String(600))
    academic_hours: Mapped[int] = mapped_column(Integer)
    kind: Mapped[CourseKind] = mapped_column(str_enum(CourseKind))
    level_id: Mapped[int] = mapped_column(ForeignKey("education_level.id"))
    format_id: Mapped[int] = mapped_column(ForeignKey("course_format.id"))
    abroad: Mapped[bool] = mapped_column(Boolean, default=False)
    abroad_months: Mapped[int | None] = mapped_column(Integer)
    language_course: Mapped[bool] = mapped_column(Boolean, default=False)
    direction: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    search_key: Mapped[str] = mapped_column(String(1300), default="", index=True)
    level: Mapped[EducationLevel] = relationship()
    format: Mapped[CourseFormat] = relationship()

    def title(self, lang: str) -> str:
        return self.title_kk if lang == "kk" else self.title_ru


class Trainer(Timestamped, Base):
    """Тренер / преподаватель (п.19) or a guest lecturer (п.20)."""

    __tablename__ = "trainer"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(300))
    iin: Mapped[str | None] = mapped_column(String(12), unique=True)
    kind_id: Mapped[int] = mapped_column(ForeignKey("trainer_kind.id"))
    organisation: Mapped[str] = mapped_column(String(400), default="")
    specialty: Mapped[str] = mapped_column(String(300), default="")
    certificate_info: Mapped[str] = mapped_column(String(300), default="")
    years_of_service: Mapped[int | None] = mapped_column(Integer)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    is_guest: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    search_key: Mapped[str] = mapped_column(String(900), default="", index=True)
    kind: Mapped[TrainerKind] = relationship()


class Cohort(OfficeCoded, Timestamped, Base):
    """Топ / группа: one run of a programme, identified by office + code."""

    __tablename__ = "cohort"

    #: counts the saves: a seat saving over another seat's change is refused (see services.common.versions)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date, index=True)
    language: Mapped[Language] = mapped_column(str_enum(Language))
    capacity: Mapped[int] = mapped_column(Integer)
    location: Mapped[str] = mapped_column(String(400), default="")
    schedule_status: Mapped[ScheduleStatus] = mapped_column(
        str_enum(ScheduleStatus), default=ScheduleStatus.DRAFT
    )
    agreed_on: Mapped[date | None] = mapped_column(Date)
    agreed_with: Mapped[str] = mapped_column(String(400), default="")
    reopen_reason: Mapped[str] = mapped_column(Text, default="")
    list_formed_on: Mapped[date | None] = mapped_column(Date)
    enrolment_order_no: Mapped[str] = mapped_column(String(60), default="")
    enrolment_order_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    programme: Mapped[Programme] = relationship()
    provider: Mapped[Provider] = relationship()
    sessions: Mapped[list[ScheduleSession]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", order_by="ScheduleSession.day"
    )
    trainers: Mapped[list[CohortTrainer]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan"
    )


class CohortTrainer(Base):
    __tablename__ = "cohort_trainer"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"), primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainer.id"), primary_key=True)
    guest: Mapped[bool] = mapped_column(Boolean, default=False)
    cohort: Mapped[Cohort] = relationship(back_populates="trainers")
    trainer: Mapped[Trainer] = relationship()


class ScheduleSession(Timestamped, Base):
    """One entry of the timetable: a day, a start time, academic hours (45 min each), topic, trainer, room."""

    __tablename__ = "schedule_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time] = mapped_column(Time)
    academic_hours: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(String(600), default="")
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("trainer.id"), index=True)
    room: Mapped[str] = mapped_column(String(100), default="")
    distance: Mapped[bool] = mapped_column(Boolean, default=False)
    cohort: Mapped[Cohort] = relationship(back_populates="sessions")
    trainer: Mapped[Trainer | None] = relationship()
