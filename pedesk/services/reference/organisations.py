"""Course providers (ұйым / организация ПК, п.5) and schools (білім беру ұйымы / организация образования):
the forms' data, validation, saving, and the paged, searchable listings of the Reference data screen.

Import from ``pedesk.services.reference.regions``, which re-exports everything here. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import District, Provider, ProviderKind, Region, School
from pedesk.services.common import Problem, ValidationError, clean_spaces, fold, search_key
from pedesk.services.reference.checks import (
    DEFAULT_PAGE_SIZE,
    bin_problem,
    clean_bin,
    clean_page,
    current_region_name,
    fix_org_name,
    length_problem,
    missing_reference,
    name_column,
    phone_problem,
    required,
    text_filters,
)

__all__ = [
    "ProviderData",
    "ProviderRow",
    "SchoolData",
    "SchoolRow",
    "bin_owner",
    "count_providers",
    "count_schools",
    "get_provider",
    "get_school",
    "page_providers",
    "page_schools",
    "save_provider",
    "save_school",
    "school_search_key",
    "validate_provider",
    "validate_school",
]


def _labels() -> dict[str, str]:
    return {
        "name_kk": _("Name in Kazakh"),
        "name_ru": _("Name in Russian"),
        "bin": _("BIN"),
        "kind_id": _("Kind of organisation"),
        "region_id": _("Region"),
        "district_id": _("District"),
        "head_name": _("Head's full name"),
        "address": _("Address"),
        "phone": _("Phone"),
        "note": _("Note"),
    }


def _name_problems(data: Any, labels: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    for field in ("name_kk", "name_ru"):
        problems += required(field, labels[field], getattr(data, field))
        problems += length_problem(field, labels[field], getattr(data, field), 400)
    return problems


def _bin_problems(session: Session, model: type[Provider] | type[School], value: str, own_id: int | None) -> list[Problem]:
    message = bin_problem(value)
    if message:
        return [Problem("bin", message)]
    if not value:
        return []
    owner = bin_owner(session, model, value)
    if owner is not None and owner.id != own_id:
        return [
            Problem(
                "bin",
                _(
                    'BIN: {bin} already belongs to "{name}". Each organisation has its own BIN; check the '
                    "number, or open that record instead."
                ).format(bin=value, name=owner.name_ru or owner.name_kk),
            )
        ]
    return []


def bin_owner(session: Session, model: type[Provider] | type[School], value: str) -> Provider | School | None:
    """The provider or school (per ``model``) that holds the BIN ``value``, if any."""
    if model is Provider:
        return session.scalars(select(Provider).where(Provider.bin == value).limit(1)).first()
    return session.scalars(select(School).where(School.bin == value).limit(1)).first()


def _search(statement: Select[Any], column: Any, text: str, filters: list[ColumnElement[bool]]) -> Select[Any]:
    return statement.where(*text_filters(column, text), *filters)


# --- Providers -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderData:
    name_kk: str
    name_ru: str
    bin: str = ""
    kind_id: int | None = None
    region_id: int | None = None
    head_name: str = ""
    address: str = ""
    phone: str = ""
    can_assess_externally: bool = False

    @classmethod
    def from_model(cls, provider: Provider) -> ProviderData:
        return cls(
            provider.name_kk, provider.name_ru, provider.bin or "", provider.kind_id, provider.region_id,
            provider.head_name, provider.address, provider.phone, provider.can_assess_externally,
        )

    def cleaned(self) -> ProviderData:
        return ProviderData(
            fix_org_name(self.name_kk), fix_org_name(self.name_ru), clean_bin(self.bin), self.kind_id,
            self.region_id, clean_spaces(self.head_name), clean_spaces(self.address), clean_spaces(self.phone),
            self.can_assess_externally,
        )


@dataclass(frozen=True)
class ProviderRow:
    id: int
    name_kk: str
    name_ru: str
    kind: str
    region: str
    bin: str
    phone: str
    can_assess_externally: bool


def validate_provider(session: Session, data: ProviderData, id: int | None = None) -> list[Problem]:
    data = data.cleaned()
    labels = _labels()
    problems = _name_problems(data, labels)
    problems += _bin_problems(session, Provider, data.bin, id)
    if data.kind_id is not None and session.get(ProviderKind, data.kind_id) is None:
        problems.append(missing_reference("kind_id", labels["kind_id"]))
    if data.region_id is not None and session.get(Region, data.region_id) is None:
        problems.append(missing_reference("region_id", labels["region_id"]))
    for field, maximum in (("head_name", 200), ("address", 400)):
        problems += length_problem(field, labels[field], getattr(data, field), maximum)
    problems += phone_problem("phone", labels["phone"], data.phone) or length_problem(
        "phone", labels["phone"], data.phone, 40
    )
    if id is not None and session.get(Provider, id) is None:
        problems.append(missing_reference("id", _("Provider")))
    return problems


def save_provider(session: Session, data: ProviderData, id: int | None = None) -> Provider:
    """Create (``id`` None) or update a provider. Never commits."""
    problems = validate_provider(session, data, id)
    if problems:
        raise ValidationError(problems)
    data = data.cleaned()
    provider = session.get(Provider, id) if id is not None else None
    if provider is None:
        provider = Provider()
        session.add(provider)
    provider.name_kk, provider.name_ru, provider.bin = data.name_kk, data.name_ru, data.bin or None
    provider.kind_id, provider.region_id = data.kind_id, data.region_id
    provider.head_name, provider.address, provider.phone = data.head_name, data.address, data.phone
    provider.can_assess_externally = data.can_assess_externally
    provider.search_key = search_key(data.name_kk, data.name_ru, data.bin)
    session.flush()
    return provider


def get_provider(session: Session, id: int) -> ProviderData | None:
    provider = session.get(Provider, id)
    return None if provider is None else ProviderData.from_model(provider)


def _provider_filters(kind_id: int | None, region_id: int | None) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    if kind_id is not None:
        filters.append(Provider.kind_id == kind_id)
    if region_id is not None:
        filters.append(Provider.region_id == region_id)
    return filters


def count_providers(
    session: Session, text: str = "", *, kind_id: int | None = None, region_id: int | None = None
) -> int:
    statement = _search(select(func.count(Provider.id)), Provider.search_key, text,
                        _provider_filters(kind_id, region_id))
    return int(session.scalar(statement) or 0)


def page_providers(
    session: Session,
    text: str = "",
    offset: int = 0,
    limit: int = DEFAULT_PAGE_SIZE,
    *,
    kind_id: int | None = None,
    region_id: int | None = None,
    lang: str = "kk",
) -> list[ProviderRow]:
    """One page of providers matching ``text``, ordered by name then id (one query). In Kazakh the order
    is by the folded ``search_key`` (which starts with the Kazakh name), so case does not matter."""
    offset, limit = clean_page(offset, limit)
    statement = (
        select(
            Provider.id, Provider.name_kk, Provider.name_ru,
            func.coalesce(name_column(ProviderKind, lang), ""),
            func.coalesce(current_region_name(Provider.region_id, lang), ""),
            func.coalesce(Provider.bin, ""), Provider.phone, Provider.can_assess_externally,
        )
        .outerjoin(ProviderKind, Provider.kind_id == ProviderKind.id)
        .order_by(Provider.search_key if lang == "kk" else name_column(Provider, lang), Provider.id)
        .offset(offset)
        .limit(limit)
    )
    statement = _search(statement, Provider.search_key, text, _provider_filters(kind_id, region_id))
    return [ProviderRow(*row) for row in session.execute(statement)]


# --- Schools -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolData:
    name_kk: str
    name_ru: str
    region_id: int | None
    district_id: int | None = None
    bin: str = ""
    address: str = ""
    phone: str = ""
    note: str = ""

    @classmethod
    def from_model(cls, school: School) -> SchoolData:
        return cls(
            school.name_kk, school.name_ru, school.region_id, school.district_id, school.bin or "",
            school.address, school.phone, school.note,
        )

    def cleaned(self) -> SchoolData:
        return SchoolData(
            fix_org_name(self.name_kk), fix_org_name(self.name_ru), self.region_id, self.district_id,
            clean_bin(self.bin), clean_spaces(self.address), clean_spaces(self.phone), self.note.strip(),
        )


@dataclass(frozen=True)
class SchoolRow:
    """A row of the schools table: ``district`` and ``region`` are names ("" when not set)."""

    id: int
    name_kk: str
    name_ru: str
    district: str
    region: str
    bin: str


def school_search_key(name_kk: str, name_ru: str, bin_value: str | None) -> str:
    return search_key(name_kk, name_ru, bin_value)


def validate_school(session: Session, data: SchoolData, id: int | None = None) -> list[Problem]:
    data = data.cleaned()
    labels = _labels()
    problems = _name_problems(data, labels)
    problems += _bin_problems(session, School, data.bin, id)
    problems += length_problem("address", labels["address"], data.address, 400)
    problems += phone_problem("phone", labels["phone"], data.phone) or length_problem(
        "phone", labels["phone"], data.phone, 40
    )
    if id is not None and session.get(School, id) is None:
        problems.append(missing_reference("id", _("School")))
    if data.region_id is None:
        return problems + required("region_id", labels["region_id"], "")
    if session.get(Region, data.region_id) is None:
        return [*problems, missing_reference("region_id", labels["region_id"])]
    if data.district_id is not None:
        district = session.get(District, data.district_id)
        if district is None:
            return [*problems, missing_reference("district_id", labels["district_id"])]
        if district.region_id != data.region_id:
            return [
                *problems,
                Problem(
                    "district_id",
                    _(
                        'District: "{district}" is in another region. Choose a district of the school\'s '
                        "region, or change the region."
                    ).format(district=district.name_ru),
                ),
            ]
    return problems + _school_name_clashes(session, data, id)


def _school_name_clashes(session: Session, data: SchoolData, own_id: int | None) -> list[Problem]:
    """Two schools of one district (or of the region, outside any district) may not share a name."""
    where = [School.region_id == data.region_id, School.id != (own_id or -1)]
    where.append(School.district_id == data.district_id if data.district_id is not None else School.district_id.is_(None))
    others = session.execute(select(School.name_kk, School.name_ru).where(*where)).all()
    problems: list[Problem] = []
    for field, value, index in (("name_kk", data.name_kk, 0), ("name_ru", data.name_ru, 1)):
        folded = fold(value)
        if folded and any(fold(other[index]) == folded for other in others):
            problems.append(
                Problem(
                    field,
                    _(
                        '{field}: the district already has a school named "{name}". Open that school '
                        "instead, or make the name distinct (add its number or village)."
                    ).format(field=_labels()[field], name=value),
                )
            )
    return problems


def save_school(session: Session, data: SchoolData, id: int | None = None) -> School:
    """Create (``id`` None) or update a school. Never commits."""
    problems = validate_school(session, data, id)
    if problems:
        raise ValidationError(problems)
    data = data.cleaned()
    school = session.get(School, id) if id is not None else None
    if school is None:
        school = School()
        session.add(school)
    school.name_kk, school.name_ru, school.bin = data.name_kk, data.name_ru, data.bin or None
    school.region_id, school.district_id = data.region_id, data.district_id
    school.address, school.phone, school.note = data.address, data.phone, data.note
    school.search_key = school_search_key(data.name_kk, data.name_ru, data.bin)
    session.flush()
    return school


def get_school(session: Session, id: int) -> SchoolData | None:
    school = session.get(School, id)
    return None if school is None else SchoolData.from_model(school)


def _school_filters(region_id: int | None, district_id: int | None) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    if region_id is not None:
        filters.append(School.region_id == region_id)
    if district_id is not None:
        filters.append(School.district_id == district_id)
    return filters


def count_schools(
    session: Session, text: str = "", *, region_id: int | None = None, district_id: int | None = None
) -> int:
    statement = _search(select(func.count(School.id)), School.search_key, text,
                        _school_filters(region_id, district_id))
    return int(session.scalar(statement) or 0)


def page_schools(
    session: Session,
    text: str = "",
    offset: int = 0,
    limit: int = DEFAULT_PAGE_SIZE,
    *,
    region_id: int | None = None,
    district_id: int | None = None,
    lang: str = "kk",
) -> list[SchoolRow]:
    """One page of schools matching ``text``, ordered by name then id (one query). In Kazakh the order
    is by the folded ``search_key`` (which starts with the Kazakh name), so case does not matter."""
    offset, limit = clean_page(offset, limit)
    statement = (
        select(
            School.id, School.name_kk, School.name_ru,
            func.coalesce(name_column(District, lang), ""),
            func.coalesce(current_region_name(School.region_id, lang), ""),
            func.coalesce(School.bin, ""),
        )
        .outerjoin(District, School.district_id == District.id)
        .order_by(School.search_key if lang == "kk" else name_column(School, lang), School.id)
        .offset(offset)
        .limit(limit)
    )
    statement = _search(statement, School.search_key, text, _school_filters(region_id, district_id))
    return [SchoolRow(*row) for row in session.execute(statement)]
