"""The registry's search on SQLite: a keystroke answered in a few milliseconds at 400,000 teachers. No Qt.

The same rows in the same order as the general query of ``search`` (every word in the folded ``search_key``,
by surname, name, patronymic in the Kazakh alphabet and id; an IIN prefix by IIN), found in three steps, each
through an index and none calling Python for a comparison:

1. the first teachers in name order, read with their ``search_key`` from the name index alone (migration
   0010: ``name_key`` is the Kazakh order as plain text), filtered here: when they hold the page, it is the
   page (a common fragment, "а" or "ова", is answered in the first few thousand);
2. else, every word of three letters or more: the trigram index (0003) finds the teachers, sorted by
   ``name_key`` (plain comparison);
3. else (a rare short fragment): the name index walked to the end of the page, ``instr`` on its ``search_key``.

Each step is one statement, made and compiled once per language, that reads the page's rows whole.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Date
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from pedesk.models import QualificationCategory
from pedesk.services.common import fold
from pedesk.services.reference import name_column
from pedesk.services.rules import IIN_LENGTH
from pedesk.services.teachers.search_rows import TRIGRAM, TeacherRow, iin_prefix, next_prefix

__all__ = ["WINDOW", "fast_page", "search_words"]

WINDOW = 4000
"""How many teachers step 1 reads in name order (a page deeper in the list reads ten pages more)."""

_CATEGORY = "LEFT OUTER JOIN qualification_category AS c ON c.id = t.category_id"
_FTS = "id IN (SELECT rowid FROM teacher_fts WHERE teacher_fts MATCH :query)"
_PAGE = "LIMIT :n OFFSET :o"


def search_words(text: str) -> list[str]:
    """The folded words of ``text``, each of which a teacher's ``search_key`` must hold (as ``text_filters``)."""
    return [fold(word) for word in fold(text).split(" ") if word]


@cache
def _columns(lang: str) -> str:
    """The columns of a :class:`TeacherRow` in SQL, the category named in ``lang``."""
    category = name_column(QualificationCategory, lang).key
    return ("t.id, t.iin, t.surname, t.name, t.patronymic, t.birth_date, t.position, t.workplace, "
            f"coalesce(c.{category}, ''), t.phone, t.email")


@cache
def _statement(lang: str, step: str, words: int) -> Any:
    """One page's statement, compiled once: ``step`` is "all", "window", "trigram", "walk", "iin" or "iin9"
    (an IIN prefix of nines, which has no next prefix); the words are ``:w0``, ``:w1``... The page's ids are
    found first (from the indexes alone where they can be), then only their rows are read."""
    found = [f"instr(search_key, :w{i}) > 0" for i in range(words)]
    key = "name_key"
    if step == "window":  # the name index walked no further than its first :window entries
        found.insert(0, "name_key <= (SELECT name_key FROM teacher ORDER BY name_key, id LIMIT 1 OFFSET :window)")
    elif step == "trigram":
        found = [_FTS]
    elif step in ("iin", "iin9"):
        found = ["iin >= :low", "iin < :high" if step == "iin" else "iin LIKE :low || '%'"]
        key = "iin"
    where = f"WHERE {' AND '.join(found)} " if found else ""
    page = f"SELECT id, {key} AS k FROM teacher {where}ORDER BY {key}, id {_PAGE}"
    statement = sql_text(f"SELECT {_columns(lang)} FROM ({page}) AS p JOIN teacher AS t ON t.id = p.id "
                         f"{_CATEGORY} ORDER BY p.k, p.id")
    return statement.columns(birth_date=Date)


def _names(session: Session, lang: str, words: list[str], offset: int, limit: int) -> list[Any]:
    values: dict[str, Any] = {f"w{i}": word for i, word in enumerate(words)}
    values.update(n=limit, o=offset)
    if not words:
        return list(session.execute(_statement(lang, "all", 0), values))
    window = max(WINDOW, 10 * (offset + limit))
    rows = list(session.execute(_statement(lang, "window", len(words)), {**values, "window": window}))
    if len(rows) == limit:  # the first teachers by name hold the whole page: it is the page (fewer than
        # :window teachers in all, and the window is empty: the steps below answer)
        return rows
    if all(len(word) >= TRIGRAM for word in words):
        values["query"] = " AND ".join('"' + word.replace('"', '""') + '"' for word in words)
        return list(session.execute(_statement(lang, "trigram", 0), values))
    return list(session.execute(_statement(lang, "walk", len(words)), values))


def _iin(session: Session, lang: str, digits: str, offset: int, limit: int) -> list[Any]:
    if len(digits) > IIN_LENGTH:
        return []
    upper = next_prefix(digits)
    values = {"low": digits, "n": limit, "o": offset}
    if upper is None:
        return list(session.execute(_statement(lang, "iin9", 0), values))
    return list(session.execute(_statement(lang, "iin", 0), {**values, "high": upper}))


def fast_page(session: Session, text: str, offset: int, limit: int, lang: str) -> list[TeacherRow]:
    """One page of teachers matching ``text`` on SQLite (``offset`` and ``limit`` already checked): one
    statement, two when the first teachers by name do not hold the page."""
    if limit == 0:
        return []
    digits = iin_prefix(text)
    rows = (_iin(session, lang, digits, offset, limit) if digits is not None
            else _names(session, lang, search_words(text), offset, limit))
    return [TeacherRow(*row) for row in rows]
