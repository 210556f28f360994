"""The teachers' registry search (педагогтер тізілімі / реестр педагогов): a count and a page of rows for
each keystroke. Import from ``pedesk.services.teachers.registry``, which re-exports this. No Qt.

A text of digits (spaces and dashes allowed) is an IIN prefix: it is searched as a range of the unique IIN
index and listed in IIN order, so "7" answers as fast as "760926327488". Any other text is split into
words, each of which must occur in the folded ``search_key`` ("әлі" finds "Әлібеков"), listed by
``search_key`` and id.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, func, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from pedesk.i18n import current_language
from pedesk.models import QualificationCategory, Teacher
from pedesk.services.common import fold, name_order
from pedesk.services.reference import DEFAULT_PAGE_SIZE, clean_page, text_filters
from pedesk.services.rules import IIN_LENGTH
from pedesk.services.teachers.search_rows import TRIGRAM, TeacherRow, iin_prefix, next_prefix, row_columns
from pedesk.services.teachers.search_sqlite import fast_page

__all__ = ["TeacherRow", "count_teachers", "iin_prefix", "page_teachers"]

def _iin_filters(digits: str) -> list[ColumnElement[bool]]:
    if len(digits) > IIN_LENGTH:
        return [false()]
    # SQLite uses an index for LIKE 'x%' only with case_sensitive_like on: the range is what seeks the
    # unique index; the LIKE keeps the meaning obvious and costs nothing on the few rows left.
    filters = [Teacher.iin >= digits, Teacher.iin.like(f"{digits}%")]
    upper = next_prefix(digits)
    if upper is not None:
        filters.append(Teacher.iin < upper)
    return filters


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
    """One page of teachers matching ``text`` (see the module's docstring)."""
    offset, limit = clean_page(offset, limit)
    lang = lang or current_language()
    if session.get_bind().dialect.name == "sqlite":
        return fast_page(session, text, offset, limit, lang)
    filters, by_iin = _filters(session, text)
    order = (Teacher.iin,) if by_iin else (name_order(Teacher.surname), name_order(Teacher.name), name_order(Teacher.patronymic), Teacher.id)
    statement = (
        select(*row_columns(lang))
        .outerjoin(QualificationCategory, Teacher.category_id == QualificationCategory.id)
        .where(*filters)
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    )
    return [TeacherRow(*row) for row in session.execute(statement)]
