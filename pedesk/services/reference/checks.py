"""Checks and query pieces shared by the reference-data services (settings, providers, schools, trainers,
programmes): required and over-long text, BIN, phone and e-mail, and the folded word search.

Every check returns ``Problem`` objects naming the form field (the dataclass attribute) and saying, in the
staff's words, what to do. No Qt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Row, ScalarSelect, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from pedesk.i18n import _
from pedesk.models import RegionName
from pedesk.services.common import Problem, clean_spaces, fix_lookalikes, fold, like_pattern, shorten
from pedesk.services.rules import iin_check_digit

__all__ = [
    "BIN_LENGTH",
    "current_region_name",
    "name_column",
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "bin_problem",
    "clean_bin",
    "clean_page",
    "count_matching",
    "email_problem",
    "fix_org_name",
    "given",
    "length_problem",
    "where_matching",
    "missing_reference",
    "page_matching",
    "phone_problem",
    "required",
    "text_filters",
]

BIN_LENGTH = 12
"""A BIN (БСН / БИН), the business identification number of an organisation, has 12 digits."""
DEFAULT_PAGE_SIZE = 200
MAX_PAGE_SIZE = 5000

_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;.]{2,}$")
_PHONE_CHARS = re.compile(r"^[0-9+()\-\s.]+$")
_PHONE_MIN_DIGITS = 5
_PHONE_MAX_DIGITS = 15
_BIN_SEPARATORS = re.compile(r"[\s\u00a0\u2007\u2009\u202f\-]")


def required(field: str, label: str, value: str) -> list[Problem]:
    """A problem when ``value`` is empty; ``label`` is the field's translated name."""
    if value.strip():
        return []
    return [Problem(field, _("{field}: this field is required. Fill it in.").format(field=label))]


def length_problem(field: str, label: str, value: str, maximum: int) -> list[Problem]:
    """A problem when ``value`` is longer than the database column (``maximum`` characters)."""
    if len(value) <= maximum:
        return []
    return [
        Problem(
            field,
            _(
                "{field}: the text is too long ({length} characters). Shorten it to {maximum} characters "
                "or fewer."
            ).format(field=label, length=len(value), maximum=maximum),
        )
    ]


def missing_reference(field: str, label: str) -> Problem:
    """The chosen item (a region, a kind ...) is not in the database (deleted, or a stale form)."""
    return Problem(
        field, _("{field}: the chosen item is not in the list. Choose one from the list.").format(field=label)
    )


def fix_org_name(text: str) -> str:
    """An organisation's name as typed or imported: spaces cleaned, look-alike Latin letters inside
    Cyrillic words fixed ("Aбай" -> "Абай"), while Latin parts joined by a dash stay ("IT-лицей")."""
    words = clean_spaces(text).split(" ")
    return " ".join("-".join(fix_lookalikes(part) for part in word.split("-")) for word in words)


def clean_bin(value: str | None) -> str:
    """A BIN as typed: spaces and dashes dropped."""
    return _BIN_SEPARATORS.sub("", value or "")


def bin_problem(value: str) -> str | None:
    """A translated message when ``value`` (already cleaned) is not a BIN: 12 digits with a valid check
    digit (the same algorithm as the IIN's); None when it is one or is empty (a BIN is optional)."""
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        return _(
            'BIN: "{value}" contains characters other than digits. Enter only the 12 digits of the BIN.'
        ).format(value=shorten(value))
    if len(value) != BIN_LENGTH:
        return _(
            "BIN: a BIN has exactly 12 digits, but {value} has {count}. Check it against the "
            "organisation's registration documents."
        ).format(value=shorten(value), count=len(value))
    if iin_check_digit(value[:11]) != int(value[11]):
        return _(
            "BIN: {value} fails the check-digit test, so one of its digits is wrong. Check it against the "
            "organisation's registration documents."
        ).format(value=value)
    return None


def phone_problem(field: str, label: str, value: str, maximum: int | None = None) -> list[Problem]:
    """Phone numbers: digits with spaces, brackets, dashes, a leading +; several separated by , or ;.
    With ``maximum``, numbers that look right must also fit the column (``length_problem``)."""
    problems = _phone_format_problem(field, label, value)
    if problems or maximum is None:
        return problems
    return length_problem(field, label, value, maximum)


def _phone_format_problem(field: str, label: str, value: str) -> list[Problem]:
    text = clean_spaces(value)
    if not text:
        return []
    numbers = [part.strip() for part in re.split(r"[,;]", text)]
    for number in numbers:
        digits = sum(ch.isdigit() for ch in number)
        plus_ok = "+" not in number[1:]
        if (
            not _PHONE_CHARS.match(number)
            or not plus_ok
            or not _PHONE_MIN_DIGITS <= digits <= _PHONE_MAX_DIGITS
        ):
            return [
                Problem(
                    field,
                    _(
                        '{field}: "{value}" does not look like a phone number. Use digits, spaces, '
                        "brackets and dashes, for example +7 701 234 56 78; separate several numbers "
                        "with a comma."
                    ).format(field=label, value=shorten(number or text)),
                )
            ]
    return []


def email_problem(field: str, value: str) -> list[Problem]:
    """An e-mail address, when given, must look like name@example.kz."""
    text = value.strip()
    if not text or _EMAIL.match(text):
        return []
    return [
        Problem(
            field, _('E-mail: "{value}" is not an e-mail address. Write it as name@example.kz.').format(
                value=shorten(text))
        )
    ]


def text_filters(column: InstrumentedAttribute[str], text: str) -> list[ColumnElement[bool]]:
    """WHERE conditions for a search: every typed word must occur in the folded ``search_key`` column.

    "әлі ерлан" finds "Әлібеков Ерлан"; SQLite's LIKE folds only ASCII, so both sides are folded here.
    """
    return [column.like(like_pattern(word), escape="\\") for word in fold(text).split(" ") if word]


def clean_page(offset: int, limit: int) -> tuple[int, int]:
    """A sane OFFSET and LIMIT for a paged listing (never negative, never unbounded)."""
    return max(0, int(offset)), min(max(0, int(limit)), MAX_PAGE_SIZE)


AnySelect: TypeAlias = Select[*tuple[Any, ...]]


def given(*pairs: tuple[Any, object]) -> list[ColumnElement[bool]]:
    """A listing's filters: ``column == value`` for each (column, value) whose value is not None."""
    return [column == value for column, value in pairs if value is not None]


def where_matching(
    statement: AnySelect, column: InstrumentedAttribute[str], text: str, filters: Sequence[ColumnElement[bool]]
) -> AnySelect:
    """``statement`` narrowed to the records whose ``search_key`` ``column`` holds every word of ``text``
    (see ``text_filters``) and that pass ``filters``."""
    return statement.where(*text_filters(column, text), *filters)


def count_matching(
    session: Session, id_column: Any, column: InstrumentedAttribute[str], text: str,
    filters: Sequence[ColumnElement[bool]],
) -> int:
    """How many records a paged listing has in all: those ``where_matching`` ``text`` and ``filters``."""
    return int(session.scalar(where_matching(select(func.count(id_column)), column, text, filters)) or 0)


def page_matching(
    session: Session, statement: AnySelect, column: InstrumentedAttribute[str], text: str,
    filters: Sequence[ColumnElement[bool]], offset: int, limit: int,
) -> Sequence[Row[*tuple[Any, ...]]]:
    """One page (a sane ``offset`` and ``limit``, see ``clean_page``) of the ordered ``statement``'s rows
    ``where_matching`` ``text`` and ``filters``: one query."""
    offset, limit = clean_page(offset, limit)
    return session.execute(where_matching(statement, column, text, filters).offset(offset).limit(limit)).all()


def name_column(entity: Any, lang: str, prefix: str = "name") -> Any:
    """The ``name_kk`` / ``name_ru`` (/ ``name_en``) column of a model for ``lang``, else ``name_ru``."""
    return getattr(entity, f"{prefix}_{lang}", None) or getattr(entity, f"{prefix}_ru")


def current_region_name(region_id: Any, lang: str) -> ScalarSelect[str]:
    """A correlated subquery: the region's present name (the open-ended, latest one) in ``lang``.

    One query for a whole page of rows, whatever the number of regions' former names.
    """
    return (
        select(name_column(RegionName, lang))
        .where(RegionName.region_id == region_id)
        .order_by(
            func.coalesce(RegionName.valid_to, date(9999, 12, 31)).desc(),
            func.coalesce(RegionName.valid_from, date(1, 1, 1)).desc(),
        )
        .limit(1)
        .scalar_subquery()
    )
