"""Finding the school a list names as a teacher's workplace (жұмыс орны / место работы), whatever the quotes,
spacing, case, legal form ("КММ", "КГУ") or "мектебі" / "мектеп" the department wrote; a workplace no stored
school matches is a new school to add to the reference data. Used by :mod:`pedesk.services.enrolment.list_import`.
No Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.models import School
from pedesk.services.common import fold
from pedesk.services.reference import school_name_key

__all__ = ["WorkplaceIndex", "WorkplaceKind", "WorkplaceMatch", "workplace_key"]

WorkplaceKind = Literal["existing", "new", "ambiguous", "none"]

# Words of the legal form that one list writes and another leaves out.
_LEGAL_FORM = frozenset({
    "кмм", "мм", "кмқк", "мкқк", "рмқк", "шжқ", "коммуналдық", "мемлекеттік", "мекемесі", "мекеме",
    "қазыналық", "кәсіпорны", "кгу", "гу", "кгкп", "гкп", "ргп", "коммунальное", "государственное",
    "учреждение", "казенное", "предприятие",
})
# Short forms and inflections that mean the same word.
_SAME_WORD = {
    "мектебі": "мектеп", "жом": "жалпы орта мектеп",
    "жббм": "жалпы білім беретін мектеп", "сош": "средняя общеобразовательная школа",
    "оош": "основная общеобразовательная школа", "гимназиясы": "гимназия", "лицейі": "лицей",
    "балабақшасы": "балабақша", "колледжі": "колледж",
}


def workplace_key(name: str) -> str:
    """A looser key than :func:`school_name_key`: legal-form words dropped ("КММ", "КГУ"), common short
    forms and inflections unified ("ЖОМ", "мектебі") and word order ignored."""
    words = re.findall(r"[^\W_]+", fold(name))
    expanded = " ".join(_SAME_WORD.get(word, word) for word in words if word not in _LEGAL_FORM).split()
    return " ".join(sorted(expanded))


@dataclass(frozen=True)
class WorkplaceMatch:
    """What a row's workplace is: an ``existing`` school (``school_id``, ``name`` as stored), a ``new``
    school to add (``name`` as the file writes it), ``ambiguous`` (several stored schools fit; the text is
    kept and no school is linked) or ``none`` (the cell is empty). ``text`` is the file's cell."""

    kind: WorkplaceKind
    text: str
    school_id: int | None = None
    name: str = ""
    region_id: int | None = None
    candidates: int = 0


@dataclass(frozen=True)
class _Entry:
    school_id: int
    name: str
    region_id: int | None


class WorkplaceIndex:
    """Every stored school by its exact name key and by its loose key, loaded in one query; schools of
    ``region_id`` (the office's region) win when the same name is found in several regions."""

    def __init__(self, schools: Iterable[tuple[int, str, str, int | None]], region_id: int | None) -> None:
        self.region_id = region_id
        self._exact: dict[str, list[_Entry]] = {}
        self._loose: dict[str, list[_Entry]] = {}
        for school_id, name_kk, name_ru, school_region in schools:
            for name in dict.fromkeys((name_kk, name_ru)):
                entry = _Entry(school_id, name, school_region)
                for index, key in ((self._exact, school_name_key(name)), (self._loose, workplace_key(name))):
                    if key:
                        index.setdefault(key, []).append(entry)

    @classmethod
    def load(cls, session: Session, region_id: int | None) -> WorkplaceIndex:
        rows = session.execute(select(School.id, School.name_kk, School.name_ru, School.region_id).order_by(School.id))
        return cls(((row[0], row[1], row[2], row[3]) for row in rows), region_id)

    def find(self, text: str) -> WorkplaceMatch:
        if not school_name_key(text):
            return WorkplaceMatch("none", text)
        for index, key in ((self._exact, school_name_key(text)), (self._loose, workplace_key(text))):
            entries = index.get(key, [])
            schools = {entry.school_id: entry for entry in entries}
            if len(schools) > 1:
                local = {i: e for i, e in schools.items() if e.region_id == self.region_id}
                schools = local or schools
            if len(schools) == 1:
                entry = next(iter(schools.values()))
                return WorkplaceMatch("existing", text, entry.school_id, entry.name, entry.region_id)
            if schools:
                return WorkplaceMatch("ambiguous", text, candidates=len(schools))
        return WorkplaceMatch("new", text, name=text, region_id=self.region_id)
