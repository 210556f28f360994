"""The teachers' registry search (педагогтер тізілімі / реестр педагогов): a count and a page of rows for
each keystroke. Import from ``pedesk.services.teachers.registry``, which re-exports this. No Qt.

A text of digits (spaces and dashes allowed) is an IIN prefix: it is searched as a range of the unique IIN
index and listed in IIN order, so "7" answers as fast as "760926327488". Any other text is split into
words, each of which must occur in the folded ``search_key`` ("әлі" finds "Әлібеков"), listed by
``search_key`` and id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, false, func, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from pedesk.i18n import current_language
from pedesk.models import QualificationCategory, Teacher
from pedesk.services.common import fold, name_order
from pedesk.services.reference import DEFAULT_PAGE_SIZE, clean_page, name_column, text_filters
from pedesk.services.rules import IIN_LENGTH

__all__ = ["TeacherRow", "count_teachers", "iin_prefix", "page_teachers"]

_IIN_SEPARATORS = re.compile(r"[\s\u00a0\-]")


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


def _next_prefix(digits: str) -> str | None:
    """The smallest digit string after every string that starts with ``digits`` ("129" -> "13"), or None
    for "99...9". Digits sort the same in every collation, so the range works on SQLite and PostgreSQL."""
    stripped = digits.rstrip("9")
    if not stripped:
        return None
    return stripped[:-1] + str(int(stripped[-1]) + 1)


def _iin_filters(digits: str) -> list[ColumnElement[bool]]:
    if len(digits) > IIN_LENGTH:
        return [false()]
    # SQLite uses an index for LIKE 'x%' only with case_sensitive_like on: the range is what seeks the
    # unique index; the LIKE keeps the meaning obvious and costs nothing on the few rows left.
    filters = [Teacher.iin >= digits, Teacher.iin.like(f"{digits}%")]
    upper = _next_prefix(digits)
    if upper is not None:
        filters.append(Teacher.iin < upper)
    return filters


TRIGRAM = 3
"""The FTS5 trigram index (migration 0003) answers fragments of at least three letters."""


def _trigram_filter(session: Session, text: str) -> ColumnElement[bool] | None:
    """On SQLite, the teachers holding every typed word, found through the trigram index instead of
    reading all of them with LIKE; None when a word is too short for it or the database is not SQLite."""
    words = [word for word in fold(text).split(" ") if word]
    bind = session.get_bind()
    if not words or any(len(word) < TRIGRAM for word in words) or bind.dialect.name != "sqlite":
        return None
    query = " AND ".join('"' + word.replace('"', '""') + '"' for word in words)
    matches = sql_text("SELECT rowid FROM teacher_fts WHERE teacher_fts MATCH :query").bindparams(query=query)
    return Teacher.id.in_(matches)


def _filters(session: Session, text: str) -> tuple[list[ColumnElement[bool]], bool]:
    """The WHERE conditions for ``text`` and whether it is an IIN search."""
    digits = iin_prefix(text)
    if digits is not None:
        return _iin_filters(digits), True
    indexed = _trigram_filter(session, text)
    if indexed is not None:
        return [indexed], False
    return text_filters(Teacher.search_key, text), False


def count_teachers(session: Session, text: str = "") -> int:
    """How many teachers :func:`page_teachers` finds for ``text``."""
    filters, _by_iin = _filters(session, text)
    return int(session.scalar(select(func.count(Teacher.id)).where(*filters)) or 0)


def page_teachers(
    session: Session,
    text: str = "",
    offset: int = 0,
    limit: int = DEFAULT_PAGE_SIZE,
    *,
    lang: str | None = None,
) -> list[TeacherRow]:
    """One page of teachers matching ``text`` (see the module's docstring), in one query."""
    offset, limit = clean_page(offset, limit)
    filters, by_iin = _filters(session, text)
    order = (Teacher.iin,) if by_iin else (name_order(Teacher.surname), name_order(Teacher.name), name_order(Teacher.patronymic), Teacher.id)
    category = name_column(QualificationCategory, lang or current_language())
    statement = (
        select(
            Teacher.id, Teacher.iin, Teacher.surname, Teacher.name, Teacher.patronymic, Teacher.birth_date,
            Teacher.position, Teacher.workplace, func.coalesce(category, ""), Teacher.phone, Teacher.email,
        )
        .outerjoin(QualificationCategory, Teacher.category_id == QualificationCategory.id)
        .where(*filters)
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    )
    return [TeacherRow(*row) for row in session.execute(statement)]
