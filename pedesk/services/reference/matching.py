"""Finding stored districts and schools by what a spreadsheet says: names written in Kazakh or Russian,
in any case, with or without "ауданы" / "район", quotes and "№ 5" / "№5"; schools by BIN first.

Used by the school import and reusable by any import that names a workplace. No Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import District, School
from pedesk.services.common import fold

__all__ = [
    "DistrictMatcher",
    "SchoolIndex",
    "SchoolMatch",
    "district_key",
    "find_district",
    "school_name_key",
]

_DISTRICT_WORDS = re.compile(r"\b(ауданы|аудан|район|р н|рн|қаласы|қала|города|город|г)\b")


def _full_key(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


def school_name_key(name: str) -> str:
    """A school's name for matching: folded, letters and digits only ("№ 5" == "№5", quotes ignored)."""
    return _full_key(name)


def district_key(text: str) -> str:
    """A district's name for matching a spreadsheet's wording: folded, without punctuation and the words
    "ауданы", "район", "қаласы", "город", "г." ("Бұқар жырау ауданы" == "бұқар-жырау")."""
    words = re.sub(r"[^\w]+", " ", fold(text))
    return "".join(_DISTRICT_WORDS.sub(" ", words).split())


class DistrictMatcher:
    """Finds a region's district by its name as a spreadsheet writes it (in Kazakh, Russian or English).

    An exact match (ignoring case, spaces and punctuation) wins; else a match without the words
    "ауданы", "район", "қаласы", "город" (see :func:`district_key`) when exactly one district matches,
    because a region may hold both "Қостанай қаласы" and "Қостанай ауданы".
    """

    def __init__(self, districts: Sequence[District]) -> None:
        self._full: dict[str, District] = {}
        loose: dict[str, set[int]] = {}
        self._by_id = {district.id: district for district in districts}
        for district in districts:
            for name in (district.name_kk, district.name_ru, district.name_en):
                self._full.setdefault(_full_key(name), district)
                loose.setdefault(district_key(name), set()).add(district.id)
        self._loose = {key: ids for key, ids in loose.items() if key}

    def match(self, text: str) -> District | None:
        candidates = self.candidates(text)
        return candidates[0] if len(candidates) == 1 else None

    def candidates(self, text: str) -> list[District]:
        """The one exactly matching district, else every district the loose match allows (0, 1 or more)."""
        full = _full_key(text)
        if not full:
            return []
        if full in self._full:
            return [self._full[full]]
        ids = self._loose.get(district_key(text), set())
        return sorted((self._by_id[i] for i in ids), key=lambda district: district.id)


def find_district(session: Session, region_id: int, text: str) -> District | None:
    """The region's district named ``text`` (see :class:`DistrictMatcher`), or None."""
    districts = session.scalars(select(District).where(District.region_id == region_id).order_by(District.id)).all()
    return DistrictMatcher(districts).match(text)


Conflict = Literal["", "other_region", "bin_and_name", "bin_differs"]


class SchoolMatch(NamedTuple):
    """The stored school a description matches (or None), or why it cannot be trusted: ``conflict`` is
    "other_region" (the BIN is a school of another region, ``school``), "bin_and_name" (the BIN is
    ``school`` but the name is ``other``'s) or "bin_differs" (``school`` has another BIN)."""

    school: School | None
    conflict: Conflict = ""
    other: School | None = None

    def conflict_message(self, bin_value: str) -> str | None:
        """The conflict in words (lower-case start, to follow "Row 7, column E (БСН): "); None if none."""
        school, other = self.school, self.other
        if school is None or not self.conflict:
            return None
        if self.conflict == "other_region":
            return _('the BIN {bin} belongs to "{name}" in another region. Check the BIN.').format(
                bin=bin_value, name=school.name_ru
            )
        if self.conflict == "bin_and_name" and other is not None:
            return _(
                'the BIN {bin} belongs to "{bin_school}", but the name is that of another school, '
                '"{name_school}". Check the BIN and the name.'
            ).format(bin=bin_value, bin_school=school.name_ru, name_school=other.name_ru)
        return _(
            'the school "{name}" is stored with the BIN {stored}, not {bin}. Check which BIN is right and '
            "correct the file or the school's record."
        ).format(name=school.name_ru, stored=school.bin, bin=bin_value)


class SchoolIndex:
    """The stored schools of a region (and the holders of given BINs), loaded in one query."""

    def __init__(self, region_id: int, schools: Iterable[School]) -> None:
        self.region_id = region_id
        self._by_bin: dict[str, School] = {}
        self._by_name: dict[tuple[int | None, str], School] = {}
        for school in schools:
            if school.bin:
                self._by_bin[school.bin] = school
            if school.region_id == region_id:
                for name in (school.name_ru, school.name_kk):
                    self._by_name.setdefault((school.district_id, school_name_key(name)), school)

    @classmethod
    def load(cls, session: Session, region_id: int, bins: Iterable[str] = ()) -> SchoolIndex:
        wanted = sorted({value for value in bins if value})
        condition = or_(School.region_id == region_id, School.bin.in_(wanted)) if wanted else (
            School.region_id == region_id
        )
        return cls(region_id, session.scalars(select(School).where(condition).order_by(School.id)).all())

    def by_name(self, district_id: int | None, names: Iterable[str]) -> School | None:
        """The region's school with one of ``names`` in the district; a school stored without a district
        counts as the same school (it was entered by hand before the district was known)."""
        keys = [school_name_key(name) for name in names]
        places = [None] if district_id is None else [district_id, None]
        return next((self._by_name[(p, k)] for p in places for k in keys if (p, k) in self._by_name), None)

    def find(self, bin_value: str, names: Iterable[str], district_id: int | None, *, by_name: bool = True) -> SchoolMatch:
        """The school with the BIN, else the one with the name in the district (unless ``by_name`` is off)."""
        by_bin = self._by_bin.get(bin_value) if bin_value else None
        if by_bin is not None and by_bin.region_id != self.region_id:
            return SchoolMatch(by_bin, "other_region")
        named = self.by_name(district_id, names) if by_name else None
        if by_bin is not None and named is not None and by_bin.id != named.id:
            return SchoolMatch(by_bin, "bin_and_name", named)
        target = by_bin or named
        if target is not None and target.bin and bin_value and target.bin != bin_value:
            return SchoolMatch(target, "bin_differs")
        return SchoolMatch(target)
