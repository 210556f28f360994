"""Reference data (анықтамалықтар / справочники) for the Reference data screen and the forms' combo boxes.

Regions (with the name valid on a date), districts (аудан / район, entered by the office), and the closed
lists loaded by the migration (education levels п.3, course formats п.4, qualification categories,
trainer kinds п.19, provider kinds п.5). Providers and schools live in ``organisations``, trainers in
``trainers``; both are re-exported here, so the UI imports everything from this module. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, TypeVar

from sqlalchemy import ScalarResult, select
from sqlalchemy.orm import Session, selectinload

from pedesk.i18n import _
from pedesk.models import (
    CourseFormat,
    District,
    EducationLevel,
    ProviderKind,
    QualificationCategory,
    Region,
    School,
    TrainerKind,
)
from pedesk.models.enums import RegionKind
from pedesk.models.reference import ReferenceItem
from pedesk.services.access import Action, guarded
from pedesk.services.common import Problem, clean_spaces, fold, form_of, kazakh_key, raise_if, record_to_save
from pedesk.services.reference.checks import length_problem, missing_reference, required
from pedesk.services.reference.matching import (
    DistrictMatcher,
    SchoolIndex,
    SchoolMatch,
    district_key,
    find_district,
    school_name_key,
)
from pedesk.services.reference.organisations import (
    ProviderData,
    ProviderRow,
    count_providers,
    get_provider,
    page_providers,
    save_provider,
    validate_provider,
)
from pedesk.services.reference.schools import (
    SchoolData,
    SchoolRow,
    count_schools,
    get_school,
    page_schools,
    save_school,
    validate_school,
)
from pedesk.services.reference.trainers import (
    INDUSTRY_SPECIALIST_CODE,
    INDUSTRY_SPECIALIST_MIN_YEARS,
    TrainerData,
    TrainerRow,
    count_trainers,
    get_trainer,
    page_trainers,
    save_trainer,
    validate_trainer,
)

__all__ = [
    "INDUSTRY_SPECIALIST_CODE",
    "INDUSTRY_SPECIALIST_MIN_YEARS",
    "CategoryItem",
    "DistrictData",
    "DistrictItem",
    "DistrictMatcher",
    "FormatItem",
    "ProviderData",
    "ProviderRow",
    "RefItem",
    "RegionItem",
    "SchoolIndex",
    "SchoolMatch",
    "SchoolData",
    "SchoolRow",
    "TrainerData",
    "TrainerRow",
    "count_providers",
    "count_schools",
    "count_trainers",
    "course_formats",
    "district_key",
    "education_levels",
    "find_district",
    "get_district",
    "get_provider",
    "get_school",
    "get_trainer",
    "list_districts",
    "list_regions",
    "page_providers",
    "page_schools",
    "page_trainers",
    "provider_kinds",
    "qualification_categories",
    "save_district",
    "save_provider",
    "save_school",
    "save_trainer",
    "school_name_key",
    "trainer_kinds",
    "validate_district",
    "validate_provider",
    "validate_school",
    "validate_trainer",
]


class RefItem(NamedTuple):
    """An item of a closed list for a combo box: unpacks as ``(id, code, name)``."""

    id: int
    code: str
    name: str


class FormatItem(NamedTuple):
    """A course format (п.4); ``abroad`` tells the programme form to ask for the months abroad."""

    id: int
    code: str
    name: str
    abroad: bool


class CategoryItem(NamedTuple):
    """A qualification category; ``legacy`` marks the pre-2020 ones (екінші/вторая ... жоғары/высшая)."""

    id: int
    code: str
    name: str
    legacy: bool


class RegionItem(NamedTuple):
    id: int
    code: str
    name: str
    kind: RegionKind


class DistrictItem(NamedTuple):
    """A district for a combo box: ``name`` in the chosen language, and both names for tables."""

    id: int
    name: str
    name_kk: str
    name_ru: str


# --- Regions -------------------------------------------------------------------------------------------------


def list_regions(session: Session, on: date, lang: str) -> list[RegionItem]:
    """The regions and cities that existed on ``on``, named as they were then, in alphabetical order.

    (Astana is "Нұр-Сұлтан" between 23.03.2019 and 17.09.2022; Abai, Jetisu and Ulytau exist from 08.06.2022.)
    """
    regions = session.scalars(select(Region).options(selectinload(Region.names))).all()
    items = [
        RegionItem(region.id, region.code, region.name_on(on, lang), region.kind)
        for region in regions
        if (region.valid_from is None or region.valid_from <= on)
        and (region.valid_to is None or on < region.valid_to)
    ]
    return sorted(items, key=lambda item: (kazakh_key(item.name), item.id))


# --- Districts -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictData:
    region_id: int | None
    name_kk: str
    name_ru: str
    department_name_kk: str = ""
    department_name_ru: str = ""

    @classmethod
    def from_model(cls, district: District) -> DistrictData:
        return cls(
            district.region_id,
            district.name_kk,
            district.name_ru,
            district.department_name_kk or "",
            district.department_name_ru or "",
        )


def list_districts(session: Session, region_id: int, lang: str = "kk") -> list[DistrictItem]:
    """The districts of a region, in alphabetical order of their name in ``lang``."""
    districts = session.scalars(select(District).where(District.region_id == region_id)).all()
    items = [DistrictItem(d.id, d.name(lang), d.name_kk, d.name_ru) for d in districts]
    return sorted(items, key=lambda item: (kazakh_key(item.name), item.id))


def get_district(session: Session, id: int) -> DistrictData | None:
    return form_of(session, District, id, DistrictData.from_model)


def _district_labels() -> dict[str, str]:
    return {
        "region_id": _("Region"),
        "name_kk": _("District name in Kazakh"),
        "name_ru": _("District name in Russian"),
        "department_name_kk": _("Education department in Kazakh"),
        "department_name_ru": _("Education department in Russian"),
    }


def _clean_district(data: DistrictData) -> DistrictData:
    return DistrictData(
        data.region_id,
        clean_spaces(data.name_kk),
        clean_spaces(data.name_ru),
        clean_spaces(data.department_name_kk),
        clean_spaces(data.department_name_ru),
    )


def validate_district(session: Session, data: DistrictData, id: int | None = None) -> list[Problem]:
    data = _clean_district(data)
    labels = _district_labels()
    problems = required("name_kk", labels["name_kk"], data.name_kk) + required(
        "name_ru", labels["name_ru"], data.name_ru
    )
    for name, maximum in (("name_kk", 300), ("name_ru", 300), ("department_name_kk", 300),
                          ("department_name_ru", 300)):
        problems += length_problem(name, labels[name], getattr(data, name), maximum)
    if data.region_id is None:
        return problems + required("region_id", labels["region_id"], "")
    if session.get(Region, data.region_id) is None:
        return [*problems, missing_reference("region_id", labels["region_id"])]
    existing = session.get(District, id) if id is not None else None
    if id is not None and existing is None:
        return [*problems, missing_reference("id", _("District"))]
    if existing is not None and existing.region_id != data.region_id and _has_schools(session, existing.id):
        problems.append(
            Problem(
                "region_id",
                _(
                    "Region: the district has schools, so it cannot move to another region. "
                    "Keep its region, or create the district anew in the other region."
                ),
            )
        )
    return problems + _district_name_clashes(session, data, id)


def _has_schools(session: Session, district_id: int) -> bool:
    return session.scalars(select(School.id).where(School.district_id == district_id).limit(1)).first() is not None


def _district_name_clashes(session: Session, data: DistrictData, district_id: int | None) -> list[Problem]:
    others = session.scalars(
        select(District).where(District.region_id == data.region_id, District.id != (district_id or -1))
    ).all()
    problems: list[Problem] = []
    for field, value in (("name_kk", data.name_kk), ("name_ru", data.name_ru)):
        folded = fold(value)
        clash = next((d for d in others if folded and folded in (fold(d.name_kk), fold(d.name_ru))), None)
        if clash is not None:
            problems.append(
                Problem(
                    field,
                    _(
                        '{field}: the region already has the district "{name}". Each district is entered '
                        "once; choose the existing one or enter a different name."
                    ).format(field=_district_labels()[field], name=clash.name_kk if field == "name_kk" else clash.name_ru),
                )
            )
    return problems


@guarded(Action.REFERENCE)
def save_district(session: Session, data: DistrictData, id: int | None = None) -> District:
    """Create a district (``id`` None) or rename / edit one. Never commits."""
    raise_if(validate_district(session, data, id))
    data = _clean_district(data)
    district = record_to_save(session, District, id)
    assert data.region_id is not None
    district.region_id = data.region_id
    district.name_kk = data.name_kk
    district.name_ru = data.name_ru
    # The model requires an English name; offices enter only kk and ru, so the Russian one stands in.
    district.name_en = data.name_ru
    district.department_name_kk = data.department_name_kk or None
    district.department_name_ru = data.department_name_ru or None
    session.flush()
    return district


# --- Closed lists for combo boxes ----------------------------------------------------------------------------


ItemT = TypeVar("ItemT", bound=ReferenceItem)


def _active(session: Session, model: type[ItemT]) -> ScalarResult[ItemT]:
    """The active items of a closed list, in their order (the migration's ``sort_order``)."""
    return session.scalars(select(model).where(model.active.is_(True)).order_by(model.sort_order, model.id))


def education_levels(session: Session, lang: str) -> list[RefItem]:
    """п.3: the education levels, in the order of the Rules."""
    return [RefItem(row.id, row.code, row.name(lang)) for row in _active(session, EducationLevel)]


def course_formats(session: Session, lang: str) -> list[FormatItem]:
    """п.4: the course formats; ``abroad`` is set for the course abroad."""
    return [FormatItem(row.id, row.code, row.name(lang), row.abroad) for row in _active(session, CourseFormat)]


def qualification_categories(session: Session, lang: str) -> list[CategoryItem]:
    """The qualification categories: the current ones first, then the legacy ones (``legacy`` set), which
    teachers may still hold until their valid-until date."""
    rows = session.scalars(
        select(QualificationCategory).order_by(
            QualificationCategory.legacy, QualificationCategory.sort_order, QualificationCategory.id
        )
    )
    return [CategoryItem(row.id, row.code, row.name(lang), row.legacy) for row in rows]


def trainer_kinds(session: Session, lang: str) -> list[RefItem]:
    """п.19-20: who may teach a course (and the guest lecturer)."""
    return [RefItem(row.id, row.code, row.name(lang)) for row in _active(session, TrainerKind)]


def provider_kinds(session: Session, lang: str) -> list[RefItem]:
    """п.5: the kinds of organisations that run courses."""
    return [RefItem(row.id, row.code, row.name(lang)) for row in _active(session, ProviderKind)]
