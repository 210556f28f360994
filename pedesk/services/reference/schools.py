"""Schools (білім беру ұйымы / организация образования): the form's data, validation (a school's name is its
own within its district), saving, and the paged, searchable listing of the Reference data screen.

Import from ``pedesk.services.reference.regions``, which re-exports everything here. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import District, Region, School
from pedesk.services.access import Action, guarded
from pedesk.services.common import Problem, clean_spaces, fold, form_of, raise_if, record_to_save, search_key
from pedesk.services.reference import checks
from pedesk.services.reference.organisations import (
    org_bin_problems,
    org_labels,
    org_listing,
    org_name_problems,
)

__all__ = [
    "SchoolData",
    "SchoolRow",
    "count_schools",
    "get_school",
    "page_schools",
    "save_school",
    "school_search_key",
    "validate_school",
]


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
            checks.fix_org_name(self.name_kk), checks.fix_org_name(self.name_ru), self.region_id, self.district_id,
            checks.clean_bin(self.bin), clean_spaces(self.address), clean_spaces(self.phone), self.note.strip(),
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
    labels = org_labels()
    problems = org_name_problems(data, labels)
    problems += org_bin_problems(session, School, data.bin, id)
    problems += checks.length_problem("address", labels["address"], data.address, 400)
    problems += checks.phone_problem("phone", labels["phone"], data.phone, 40)
    if id is not None and session.get(School, id) is None:
        problems.append(checks.missing_reference("id", _("School")))
    if data.region_id is None:
        return problems + checks.required("region_id", labels["region_id"], "")
    if session.get(Region, data.region_id) is None:
        return [*problems, checks.missing_reference("region_id", labels["region_id"])]
    if data.district_id is not None:
        district = session.get(District, data.district_id)
        if district is None:
            return [*problems, checks.missing_reference("district_id", labels["district_id"])]
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
                    ).format(field=org_labels()[field], name=value),
                )
            )
    return problems


@guarded(Action.REFERENCE)
def save_school(session: Session, data: SchoolData, id: int | None = None) -> School:
    """Create (``id`` None) or update a school. Never commits."""
    raise_if(validate_school(session, data, id))
    data = data.cleaned()
    school = record_to_save(session, School, id)
    school.name_kk, school.name_ru, school.bin = data.name_kk, data.name_ru, data.bin or None
    school.region_id, school.district_id = data.region_id, data.district_id
    school.address, school.phone, school.note = data.address, data.phone, data.note
    school.search_key = school_search_key(data.name_kk, data.name_ru, data.bin)
    session.flush()
    return school


def get_school(session: Session, id: int) -> SchoolData | None:
    return form_of(session, School, id, SchoolData.from_model)


def _school_filters(region_id: int | None, district_id: int | None) -> list[ColumnElement[bool]]:
    return checks.given((School.region_id, region_id), (School.district_id, district_id))


def count_schools(
    session: Session, text: str = "", *, region_id: int | None = None, district_id: int | None = None
) -> int:
    return checks.count_matching(session, School.id, School.search_key, text, _school_filters(region_id, district_id))


def page_schools(session: Session, text: str = "", offset: int = 0, limit: int = checks.DEFAULT_PAGE_SIZE, *,
                 region_id: int | None = None, district_id: int | None = None, lang: str = "kk") -> list[SchoolRow]:
    """One page of schools matching ``text``, ordered by name then id (one query, see ``org_listing``)."""
    statement = org_listing(
        School, lang, func.coalesce(checks.name_column(District, lang), ""),
        func.coalesce(checks.current_region_name(School.region_id, lang), ""), func.coalesce(School.bin, ""),
    ).outerjoin(District, School.district_id == District.id)
    rows = checks.page_matching(session, statement, School.search_key, text, _school_filters(region_id, district_id),
                         offset, limit)
    return [SchoolRow(*row) for row in rows]
