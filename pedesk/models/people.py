"""Teachers (педагог / педагог) with every field of the questionnaire (Appendix 3)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pedesk.models.base import Base, Timestamped
from pedesk.models.enums import Language
from pedesk.models.organisations import School
from pedesk.models.reference import QualificationCategory, Region
from pedesk.models.types import str_enum


class Teacher(Timestamped, Base):
    """One record per IIN (ЖСН / ИИН), the natural key of a person."""

    __tablename__ = "teacher"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: counts the saves: a seat saving over another seat's change is refused (see services.common.versions)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper
    iin: Mapped[str] = mapped_column(String(12), unique=True)
    surname: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    patronymic: Mapped[str] = mapped_column(String(100), default="")
    birth_date: Mapped[date] = mapped_column(Date)
    position: Mapped[str] = mapped_column(String(300), default="")
    education: Mapped[str] = mapped_column(String(600), default="")
    category_id: Mapped[int | None] = mapped_column(ForeignKey("qualification_category.id"))
    category_valid_until: Mapped[date | None] = mapped_column(Date)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"), index=True)
    workplace: Mapped[str] = mapped_column(String(600), default="")
    workplace_region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    total_experience_years: Mapped[int | None] = mapped_column(Integer)
    teaching_experience_years: Mapped[int | None] = mapped_column(Integer)
    instruction_language: Mapped[Language | None] = mapped_column(str_enum(Language))
    home_address: Mapped[str] = mapped_column(String(600), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    additional_info: Mapped[str] = mapped_column(Text, default="")
    #: casefolded "surname name patronymic iin" for searches that fold Kazakh and Russian case
    search_key: Mapped[str] = mapped_column(String(400), default="", index=True)
    #: the office a data package brought this record from ("" = entered in this database), п.17
    origin_office: Mapped[str] = mapped_column(String(20), default="")
    category: Mapped[QualificationCategory | None] = relationship()
    school: Mapped[School | None] = relationship()
    workplace_region: Mapped[Region | None] = relationship()
    previous_courses: Mapped[list[PreviousCourse]] = relationship(
        back_populates="teacher", cascade="all, delete-orphan", order_by="PreviousCourse.start_date"
    )

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.name, self.patronymic) if part)


class PreviousCourse(Timestamped, Base):
    """A row of the questionnaire's table of earlier PD courses (topic, place, dates, duration)."""

    __tablename__ = "previous_course"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(600))
    place: Mapped[str] = mapped_column(String(400), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    academic_hours: Mapped[int | None] = mapped_column(Integer)
    certificate_number: Mapped[str] = mapped_column(String(60), default="")
    teacher: Mapped[Teacher] = relationship(back_populates="previous_courses")
