"""The Kazakh alphabetical order of names, in Python and in SQL (one order for both).

    А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я

The Russian alphabet is this order without the Kazakh letters, so Russian names sort as in Russian. As ICU's
Kazakh collation does: spaces first, then punctuation, digits (one by one), the Cyrillic letters above (other
Cyrillic letters after Я), Latin letters (accents aside) and anything else last; case matters only between
names that are otherwise the same (lower case first), and two different texts are never equal.

:func:`kazakh_key` is the key for Python's ``sorted``; SQLite gets the same order as the collation
``KAZAKH`` (:func:`install_sqlite_collation`, on every connection), PostgreSQL as the ICU collation
``kk_icu`` (locale ``kk-KZ``, made by migration 0008), and :func:`name_order` writes a column's ORDER BY
for either.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

__all__ = ["KAZAKH_ALPHABET", "POSTGRESQL_COLLATION", "SORT_KEY_FUNCTION", "SQLITE_COLLATION", "install_sqlite_collation",
           "install_sqlite_functions", "name_sort_key",
           "kazakh_compare", "kazakh_key", "name_order"]

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
SQLITE_COLLATION = "KAZAKH"
POSTGRESQL_COLLATION = "kk_icu"

_RANK = {letter: index for index, letter in enumerate(KAZAKH_ALPHABET)}
# punctuation and symbols in ICU's order (others after them, by code point)
_MARKS = "_-\u2013\u2014,;:!?.\u2026\u00b7'\u2018\u2019\"\u201c\u201d\u00ab\u00bb()[]{}\u00a7@*/\\&#%\u2022`^\u00b0\u00a9\u00ae+\u00b1\u00f7\u00d7<=>|~$"
_MARK_RANK = {mark: index for index, mark in enumerate(_MARKS)}
# the weight of a character's class, above any weight inside a class
_SPACE, _PUNCTUATION, _DIGIT, _CYRILLIC, _LATIN, _OTHER = (n << 21 for n in range(6))

SortKey = tuple[tuple[int, ...], tuple[int, ...], str]


def _weight(char: str) -> int:
    """The primary weight of one character, -1 for an accent (a combining mark)."""
    lower = char.lower()
    if lower in _RANK:
        return _CYRILLIC + _RANK[lower]
    if char.isspace():
        return _SPACE
    if char.isdigit():
        return _DIGIT + unicodedata.digit(char, 0)
    if "\u0400" <= char <= "\u052f":
        return _CYRILLIC + len(_RANK) + ord(lower)
    if char.isalpha():
        return (_LATIN if "a" <= lower <= "z" else _OTHER) + ord(lower)
    if unicodedata.category(char).startswith("M"):
        return -1
    return _PUNCTUATION + _MARK_RANK.get(char, len(_MARK_RANK) + ord(char))


def _elements(char: str) -> list[tuple[int, str]]:
    """Weighed characters: a Cyrillic letter as itself (Ё and Й are letters of their own), anything else as
    its compatibility decomposition without accents (é as e, № as No, ² as 2), as ICU does."""
    if char.lower() in _RANK:
        return [(_weight(char), char)]
    return [(weight, part) for part in unicodedata.normalize("NFKD", char) if (weight := _weight(part)) >= 0]


@lru_cache(maxsize=65536)
def kazakh_key(text: str | None) -> SortKey:
    """The sort key of ``text`` in the Kazakh alphabet ("Абаев" < "Әбдірахманов" < "Бекова" < "Ыбыраев" <
    "Іскақов"), case aside; None sorts as the empty text."""
    text = unicodedata.normalize("NFC", text or "")
    elements = [element for char in text for element in _elements(char)]
    primary = tuple(weight for weight, _char in elements)
    case = tuple(int(char != char.lower()) for _weight_, char in elements)
    return primary, case, text


def kazakh_compare(first: str | None, second: str | None) -> int:
    """-1, 0 or 1 as ``first`` sorts before, with or after ``second``: the SQLite collation ``KAZAKH``."""
    a, b = kazakh_key(first), kazakh_key(second)
    return (a > b) - (a < b)


def install_sqlite_collation(dbapi_connection: Any) -> None:
    """Register ``KAZAKH`` on a new sqlite3 connection (indexes and ORDER BY name use it)."""
    dbapi_connection.create_collation(SQLITE_COLLATION, kazakh_compare)


class _NameOrder(FunctionElement[str]):
    """``column COLLATE KAZAKH`` on SQLite, ``column COLLATE "kk_icu"`` on PostgreSQL."""

    name = "name_order"
    type = String()
    inherit_cache = True


def name_order(column: Any) -> ColumnElement[str]:
    """``column`` (a name) in the Kazakh alphabet, for ORDER BY on SQLite and PostgreSQL alike."""
    return _NameOrder(column)


def _argument(element: _NameOrder, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses
    return compiler.process(column, **kw)


@compiles(_NameOrder)
def _plain(element: _NameOrder, compiler: SQLCompiler, **kw: Any) -> str:
    return _argument(element, compiler, **kw)


@compiles(_NameOrder, "sqlite")
def _sqlite(element: _NameOrder, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{_argument(element, compiler, **kw)} COLLATE {SQLITE_COLLATION}"


@compiles(_NameOrder, "postgresql")
def _postgresql(element: _NameOrder, compiler: SQLCompiler, **kw: Any) -> str:
    return f'{_argument(element, compiler, **kw)} COLLATE "{POSTGRESQL_COLLATION}"'


SORT_KEY_FUNCTION = "pedesk_name_key"
"""The SQLite function behind the registry's name index (migration 0010): ``pedesk_name_key(surname, name,
patronymic)`` is :func:`name_sort_key`."""

_END, _UPPER, _LOWER = "\x01", "\x03", "\x02"
_SURROGATES = 0xD800


def _code(value: int) -> str:
    """One character per value, in the order of the values (the surrogates skipped, as UTF-8 has none)."""
    code = 0x20 + value
    if code >= _SURROGATES:
        code = min(code + 0x800, 0x10FFFF)
    return chr(code)


@lru_cache(maxsize=65536)
def _part_key(text: str | None) -> str:
    primary, case, plain = kazakh_key(text)
    weights = "".join(chr(2 + (weight >> 21)) + _code(weight & 0x1FFFFF) for weight in primary)
    cases = "".join(_UPPER if upper else _LOWER for upper in case)
    return f"{weights}{_END}{cases}{_END}{plain}{_END}"


def name_sort_key(*parts: str | None) -> str:
    """A text whose plain (binary, code point) order is the Kazakh order of ``parts`` one after another: the
    registry's ORDER BY surname, name, patronymic (each ``COLLATE KAZAKH``) as one index SQLite walks without
    calling Python. Each part is :func:`kazakh_key` written out (primary weights, case, the text), ended by
    a character below all others, so a shorter part sorts first as in the tuple order."""
    return "".join(_part_key(part) for part in parts)


def install_sqlite_functions(dbapi_connection: Any) -> None:
    """The collation ``KAZAKH`` and the function ``pedesk_name_key`` on a new sqlite3 connection."""
    install_sqlite_collation(dbapi_connection)
    dbapi_connection.create_function(SORT_KEY_FUNCTION, 3, name_sort_key, deterministic=True)
