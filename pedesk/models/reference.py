"""Reference data (анықтамалықтар / справочники): loaded by the migration, named in kk, ru and en."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pedesk.models.base import Base, Timestamped
from pedesk.models.enums import RegionKind
from pedesk.models.types import str_enum


class Named:
    """Three names of a reference item; ``name(lang)`` picks one."""

    name_kk: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))

    def name(self, lang: str) -> str:
        return str(getattr(self, f"name_{lang}", None) or self.name_ru)


class ReferenceItem(Named):
    """A coded item of a closed list (education level, format, category ...)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Region(Timestamped, Base):
    """Облыс / область or a city of republican significance. Names change over time (Astana 2019-2022)."""

    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[RegionKind] = mapped_column(str_enum(RegionKind))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    names: Mapped[list[RegionName]] = relationship(
        back_populates="region", order_by="RegionName.valid_from", cascade="all, delete-orphan"
    )
    districts: Mapped[list[District]] = relationship(back_populates="region")

    def name_on(self, day: date, lang: str) -> str:
        """The region's name as it was on ``day`` (old records keep the name they were made with)."""
        chosen = None
        for item in self.names:
            if (item.valid_from is None or item.valid_from <= day) and (
                item.valid_to is None or day < item.valid_to
            ):
                chosen = item
        chosen = chosen or (self.names[-1] if self.names else None)
        return chosen.name(lang) if chosen else self.code


class RegionName(Named, Base):
    __tablename__ = "region_name"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"), index=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    region: Mapped[Region] = relationship(back_populates="names")


class District(Named, Timestamped, Base):
    """Аудан / район or a city inside a region (its education department, білім бөлімі)."""

    __tablename__ = "district"
    __table_args__ = (UniqueConstraint("region_id", "name_ru"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    department_name_kk: Mapped[str | None] = mapped_column(String(300))
    department_name_ru: Mapped[str | None] = mapped_column(String(300))
    region: Mapped[Region] = relationship(back_populates="districts")


class EducationLevel(ReferenceItem, Base):
    """п.3: one level per course (preschool ... postgraduate)."""

    __tablename__ = "education_level"


class CourseFormat(ReferenceItem, Base):
    """п.4: without leaving work; leaving work with pay kept; abroad up to one year."""

    __tablename__ = "course_format"
    abroad: Mapped[bool] = mapped_column(Boolean, default=False)


class QualificationCategory(ReferenceItem, Base):
    """Біліктілік санаты / квалификационная категория (current and legacy)."""

    __tablename__ = "qualification_category"
    legacy: Mapped[bool] = mapped_column(Boolean, default=False)


class TrainerKind(ReferenceItem, Base):
    """п.19: who may teach a course."""

    __tablename__ = "trainer_kind"


class ProviderKind(ReferenceItem, Base):
    """п.5: organisations that run courses."""

    __tablename__ = "provider_kind"


class DocumentKind(ReferenceItem, Base):
    """п.8: documents an applicant hands in."""

    __tablename__ = "document_kind"
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    abroad_only: Mapped[bool] = mapped_column(Boolean, default=False)
    optional_if_none: Mapped[bool] = mapped_column(Boolean, default=False)
