"""Reading one cell of an incoming data package (п.17) as the value its column's kind says: text, an IIN or a
BIN, a whole number, a decimal, a date, a date and time, yes/no, or JSON text. A value that is not what the
column holds raises :class:`CellError` with a translated message for office staff. No Qt, no database.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Final

from pedesk.i18n import _
from pedesk.services.packages.spec import ColumnSpec
from pedesk.services.packages.validation.problems import MAX_CELL_CHARS, ask_again
from pedesk.services.reference import bin_problem, clean_bin
from pedesk.services.rules import check_iin, normalize_iin

__all__ = ["CellError", "read_cell"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INT_TEXT = re.compile(r"^[+-]?[0-9]{1,18}$")
_DECIMAL_TEXT = re.compile(r"^[+-]?[0-9]{1,18}(?:\.[0-9]{1,12})?$")
_DATE_TEXT = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DATETIME_TEXT = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?)?$")
_TRUE, _FALSE = frozenset({"1", "true"}), frozenset({"0", "false"})
_INT_LIMIT: Final = 2**63 - 1  # what the database's integer columns hold
_SHOWN = 40


class CellError(ValueError):
    """A cell that does not hold what its column holds; the argument is the translated message."""


def _shown(value: object) -> str:
    text = _CONTROL.sub("?", str(value))
    return text if len(text) <= _SHOWN else text[:_SHOWN - 3] + "..."


def _text(value: object) -> str:
    if isinstance(value, str):
        text = value.rstrip(" ")
    elif isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, float) and math.isfinite(value):
        text = str(int(value)) if value.is_integer() else repr(value)
    else:
        raise CellError(_('"{value}" is not text, but this column holds text. The package was probably edited in '
                          "a spreadsheet. {advice}").format(value=_shown(value), advice=ask_again()))
    if len(text) > MAX_CELL_CHARS:
        raise CellError(_("The text is {count} characters long, more than any field of pedesk holds. {advice}").format(
            count=len(text), advice=ask_again()))
    if _CONTROL.search(text):
        raise CellError(_('The text "{value}" holds control characters (invisible codes), which a package never '
                          "holds. Ask the office to correct the record and export the package again.").format(
            value=_shown(value)))
    return text


def _iin(value: object) -> str:
    info = check_iin(value)
    if not info.valid:
        raise CellError(_("{reason} Ask the office that made the package to correct the IIN and export the package "
                          "again.").format(reason=info.reason))
    return info.iin


def _bin(value: object) -> str:
    digits = normalize_iin(value)  # the same 12 digits as an IIN, padded back when a number lost its zeros
    text = digits if digits is not None else clean_bin(value if isinstance(value, str) else _shown(value))
    problem = bin_problem(text)
    if problem is not None:
        raise CellError(_("{reason} Ask the office that made the package to correct the BIN and export the package "
                          "again.").format(reason=problem))
    return text


def _whole(value: object) -> int:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _INT_TEXT.match(value.strip()):
        number = int(value.strip())
    if number is None or abs(number) > _INT_LIMIT:
        raise CellError(_('"{value}" is not a whole number, but this column holds whole numbers. {advice}').format(
            value=_shown(value), advice=ask_again()))
    return number


def _decimal(value: object) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= _INT_LIMIT:
        return Decimal(value)
    if isinstance(value, float) and math.isfinite(value) and abs(value) < 1e18:
        return Decimal(repr(value))
    if isinstance(value, str) and _DECIMAL_TEXT.match(value.strip()):
        return Decimal(value.strip())
    raise CellError(_('"{value}" is not a number, but this column holds numbers such as 80.5. {advice}').format(
        value=_shown(value), advice=ask_again()))


def _date(value: object) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is None and value.time() == time.min:
            return value.date()
    elif isinstance(value, date):
        return value
    elif isinstance(value, str) and _DATE_TEXT.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CellError(_('"{value}" is not a date, but this column holds dates (a date cell, or text such as '
                      "2026-03-01). {advice}").format(value=_shown(value), advice=ask_again()))


def _datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value
    elif isinstance(value, date):
        return datetime.combine(value, time.min)
    elif isinstance(value, str) and _DATETIME_TEXT.match(value.strip()):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CellError(_('"{value}" is not a date and time, but this column holds them (such as 2026-03-01 '
                      "10:30:00). {advice}").format(value=_shown(value), advice=ask_again()))


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return value == 1
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise CellError(_('"{value}" is not yes or no, but this column holds TRUE or FALSE (1 or 0). {advice}').format(
        value=_shown(value), advice=ask_again()))


def _json(value: object) -> str:
    if isinstance(value, str) and len(value) <= MAX_CELL_CHARS:
        try:
            json.loads(value)
        except (ValueError, RecursionError):
            pass
        else:
            return value
    raise CellError(_('"{value}" is not valid JSON text, but this column holds the printed text of a document as '
                      "JSON. {advice}").format(value=_shown(value), advice=ask_again()))


_READERS: dict[str, Callable[[object], object]] = {
    "text": _text, "iin": _iin, "int": _whole, "decimal": _decimal, "date": _date, "datetime": _datetime,
    "bool": _bool, "json": _json,
}


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip(" "))


def read_cell(column: ColumnSpec, value: object, data_type: str) -> object:
    """The value of a cell as its column holds it ("" for empty text, None for any other empty cell); raises
    :class:`CellError` for a formula, a spreadsheet error, a missing required value or a value of another kind."""
    if data_type == "f":
        raise CellError(_("The cell holds a formula ({formula}); a formula in a package is not allowed, because "
                          "pedesk writes values only. The package was edited after it was made; ask the office to "
                          "export it again.").format(formula=_shown(value)))
    if data_type == "e":
        raise CellError(_("The cell holds the spreadsheet error {error} instead of a value. {advice}").format(
            error=_shown(value), advice=ask_again()))
    if _empty(value):
        if column.required:
            raise CellError(_("This column must be filled in, but the cell is empty. Ask the office to fill it in and "
                              "export the package again."))
        return "" if column.kind == "text" else None
    if column.kind == "iin" and column.name == "bin":
        return _bin(value)
    return _READERS[column.kind](value)
