"""Organisations: the offices that use pedesk, course providers and schools (education organisations)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pedesk.models.base import Base, Timestamped
from pedesk.models.reference import District, ProviderKind, Region

DEFAULT_NUMBERING_PATTERN = "{office}-{year}-{seq:05}"


class SignatureBlock:
    """The head and the acting head who sign what an organisation issues (п.29, п.32): an office's own
    certificates, or a provider's when it issues them itself."""

    head_name: Mapped[str] = mapped_column(String(200), default="")
    head_position_kk: Mapped[str] = mapped_column(String(300), default="")
    head_position_ru: Mapped[str] = mapped_column(String(300), default="")
    head_absent: Mapped[bool] = mapped_column(Boolean, default=False)
    acting_head_name: Mapped[str] = mapped_column(String(200), default="")
    acting_head_position_kk: Mapped[str] = mapped_column(String(300), default="")
    acting_head_position_ru: Mapped[str] = mapped_column(String(300), default="")


class Office(SignatureBlock, Timestamped, Base):
    """An issuing office (әдістемелік кабинет / методический кабинет).

    One row is this installation's own office (``is_own``); the others arrive in data packages, so that a
    regional administration keeps every office's cohorts and certificates under their natural keys.
    Its settings (head, acting head, numbering pattern) live here, in the database, not in QSettings.
    """

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    is_own: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    name_kk: Mapped[str] = mapped_column(String(400))
    name_ru: Mapped[str] = mapped_column(String(400))
    city_kk: Mapped[str] = mapped_column(String(100), default="")
    city_ru: Mapped[str] = mapped_column(String(100), default="")
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    numbering_pattern: Mapped[str] = mapped_column(String(100), default=DEFAULT_NUMBERING_PATTERN)
    authorised_body_kk: Mapped[str] = mapped_column(String(400), default="")
    authorised_body_ru: Mapped[str] = mapped_column(String(400), default="")
    region: Mapped[Region | None] = relationship()

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru


class Provider(SignatureBlock, Timestamped, Base):
    """Ұйым / организация ПК (п.5): runs courses; may be the office itself or another organisation."""

    __tablename__ = "provider"

    id: Mapped[int] = mapped_column(primary_key=True)
    bin: Mapped[str | None] = mapped_column(String(12), unique=True)
    name_kk: Mapped[str] = mapped_column(String(400))
    name_ru: Mapped[str] = mapped_column(String(400))
    kind_id: Mapped[int | None] = mapped_column(ForeignKey("provider_kind.id"))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    city_kk: Mapped[str] = mapped_column(String(100), default="")
    city_ru: Mapped[str] = mapped_column(String(100), default="")
    #: the issuer's own numbering series ("" = the office's series)
    numbering_pattern: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    can_assess_externally: Mapped[bool] = mapped_column(Boolean, default=False)
    search_key: Mapped[str] = mapped_column(String(900), default="", index=True)
    #: the office a data package brought this record from ("" = entered in this database), п.17
    origin_office: Mapped[str] = mapped_column(String(20), default="")
    kind: Mapped[ProviderKind | None] = relationship()
    region: Mapped[Region | None] = relationship()

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru


class School(Timestamped, Base):
    """Білім беру ұйымы / организация образования: the teacher's workplace (school, kindergarten, college)."""

    __tablename__ = "school"
    __table_args__ = (UniqueConstraint("district_id", "name_ru"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bin: Mapped[str | None] = mapped_column(String(12), unique=True)
    name_kk: Mapped[str] = mapped_column(String(400))
    name_ru: Mapped[str] = mapped_column(String(400))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    address: Mapped[str] = mapped_column(String(400), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(String(900), default="", index=True)
    #: the office a data package brought this record from ("" = entered in this database), п.17
    origin_office: Mapped[str] = mapped_column(String(20), default="")
    district: Mapped[District | None] = relationship()
    region: Mapped[Region | None] = relationship()

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru
