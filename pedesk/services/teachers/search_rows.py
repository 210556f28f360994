"""What both ways of searching the registry share: the row, the IIN prefix, the columns of a page. No Qt."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import func

from pedesk.models import QualificationCategory, Teacher
from pedesk.services.reference import name_column

__all__ = ["TRIGRAM", "TeacherRow", "iin_prefix", "next_prefix", "row_columns"]

_IIN_SEPARATORS = re.compile(r"[\s\u00a0\-]")

TRIGRAM = 3
"""The FTS5 trigram index (migration 0003) answers fragments of at least three letters."""


@dataclass(frozen=True)
class TeacherRow:
    """A row of the registry table; ``category`` is the category's name in the chosen language."""

    id: int
    iin: str
    surname: str
    name: str
    patronymic: str
    birth_date: date
    position: str
    workplace: str
    category: str
    phone: str
    email: str

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.name, self.patronymic) if part)


def iin_prefix(text: str) -> str | None:
    """The digits of ``text`` when it is (the start of) an IIN, else None: "7609 26" -> "760926"."""
    digits = _IIN_SEPARATORS.sub("", text)
    if digits and digits.isascii() and digits.isdigit():
        return digits
    return None


def next_prefix(digits: str) -> str | None:
    """The smallest digit string after every string that starts with ``digits`` ("129" -> "13"), or None
    for "99...9". Digits sort the same in every collation, so the range works on SQLite and PostgreSQL."""
    stripped = digits.rstrip("9")
    if not stripped:
        return None
    return stripped[:-1] + str(int(stripped[-1]) + 1)


@cache
def row_columns(lang: str) -> tuple[Any, ...]:
    """The columns of a :class:`TeacherRow`, the category named in ``lang`` (made once per language)."""
    category = name_column(QualificationCategory, lang)
    return (Teacher.id, Teacher.iin, Teacher.surname, Teacher.name, Teacher.patronymic, Teacher.birth_date,
            Teacher.position, Teacher.workplace, func.coalesce(category, ""), Teacher.phone, Teacher.email)
