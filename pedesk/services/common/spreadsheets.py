"""Reading the spreadsheets (.xlsx) that district departments and the administration send, whatever their
shape: a title and merged cells above the header row, headers in Kazakh or Russian worded differently, a
row of column numbers, blank rows, a totals row ("Барлығы" / "Итого"), Latin look-alike letters, stray and
non-breaking spaces, BINs and IINs stored as numbers that lost their leading zeros. An importer declares its
columns as aliases (:func:`pedesk.services.common.workbooks.locate_table`) and reads each cell with the
``cell_*`` readers here.

Opening a file safely and finding the list in it are in :mod:`pedesk.services.common.workbooks`. No Qt,
no database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel

from pedesk.i18n import _
from pedesk.services.common.errors import Problem
from pedesk.services.common.text import clean_spaces, fold
from pedesk.services.common.values import shorten

FILE_FIELD = "file"  # the Problem.field of every refusal of a whole file
HEADER_SCAN_ROWS = 30  # the header row is looked for among the first rows (titles and notes above it)

Row = tuple[object, ...]


@dataclass(frozen=True)
class CellProblem:
    """Something wrong in a spreadsheet: Excel ``row`` (1-based) and ``column`` letter ("" = whole row),
    the stable ``field`` key of the column, and the translated ``message`` (which names row and column)."""

    row: int
    column: str
    field: str
    message: str

    def as_problem(self) -> Problem:
        return Problem(self.field, self.message, self.row)


def cell_problem(row: int, column: int | None, field: str, message: str, header: str = "") -> CellProblem:
    """A problem at an Excel row and a 0-based column (None: the whole row), its message prefixed with
    where it is: "Row 7, column C (БСН): ..."."""
    letter = column_letter(column) if column is not None else ""
    if letter and header:
        where = _("Row {row}, column {column} ({header})").format(row=row, column=letter, header=header)
    elif letter:
        where = _("Row {row}, column {column}").format(row=row, column=letter)
    else:
        where = _("Row {row}").format(row=row)
    return CellProblem(row, letter, field, _("{where}: {problem}").format(where=where, problem=message))


@dataclass(frozen=True)
class ImportColumns:
    """The columns an importer recognised in a file: ``index`` maps a field to its 0-based column,
    ``headers`` to the header text as the file writes it (shown in messages)."""

    index: dict[str, int]
    headers: dict[str, str]

    def problem(self, row: int, field: str, message: str) -> CellProblem:
        """A problem in ``field``'s column of an Excel row (the whole row when the column is absent)."""
        return cell_problem(row, self.index.get(field), field, message, self.headers.get(field, ""))


# --- Columns and rows --------------------------------------------------------------------------------------


def column_letter(index: int) -> str:
    """The Excel letter of a 0-based column index: 0 -> "A", 27 -> "AB"."""
    return str(get_column_letter(index + 1))


def column_index(letter: str) -> int:
    """The 0-based index of an Excel column letter: "A" -> 0, "AB" -> 27."""
    return int(column_index_from_string(letter)) - 1


def cell_ref(row: int, column: int) -> str:
    """The Excel reference of an Excel row (1-based) and a 0-based column: (5, 2) -> "C5"."""
    return f"{column_letter(column)}{row}"


def row_value(row: Row, column: int | None) -> object:
    """The value at a 0-based column, or None when the row is shorter or the column is not there."""
    if column is None or column < 0 or column >= len(row):
        return None
    return row[column]


def is_blank_row(row: Row) -> bool:
    """True when every cell is empty or holds only spaces."""
    return all(cell_text(value) == "" for value in row)


_TOTALS = re.compile(r"^(барлығы|барлыгы|жиыны|жиынтығы|итого|всего|total)(?![0-9a-zа-яёәғқңөұүһі])")


def is_totals_row(row: Row) -> bool:
    """True for a totals row ("Барлығы", "Жиыны", "Итого", "Всего", "Total") in one of its first cells."""
    first = [text for text in (cell_text(value) for value in row) if text][:3]
    return any(_TOTALS.match(fold(text)) for text in first)


def is_column_numbers_row(row: Row) -> bool:
    """True for the row of column numbers (1, 2, 3 ...) that official forms put under the header."""
    texts = [text for text in (cell_text(value) for value in row) if text]
    return len(texts) >= 2 and texts == [str(n) for n in range(1, len(texts) + 1)]


# --- Header row ---------------------------------------------------------------------------------------------


def header_key(text: object) -> str:
    """A header's text for matching: folded case and look-alikes, without spaces and punctuation.

    "Т.А.Ә." and "ТАӘ" give the same key; so do "Аудан (қала)" and "аудан қала".
    """
    return "".join(ch for ch in fold(cell_text(text)) if ch.isalnum())


def _header_words(text: object) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", fold(cell_text(text))))


def find_header_row(
    rows: Sequence[Row],
    aliases: Mapping[str, Sequence[str]],
    min_matches: int,
    *,
    scan_rows: int = HEADER_SCAN_ROWS,
) -> tuple[int, dict[str, int]] | None:
    """The header row among the first ``scan_rows`` rows: its 0-based index and ``{field: column}``.

    ``aliases`` maps a field to the header texts that mean it (in any case, spacing and punctuation).
    A header matches an alias exactly (see :func:`header_key`), or else begins with the alias's whole
    words ("Мектептің атауы (толық)", but not "Білім беру ұйымының директоры" for "Білім беру ұйымы");
    exact matches win and each column serves one field. The first row matching ``min_matches`` fields
    or more is the header; None when there is none.
    """
    keyed = {
        field: [(header_key(alias), _header_words(alias)) for alias in names] for field, names in aliases.items()
    }
    for index, row in enumerate(rows[:scan_rows]):
        columns = _match_header(row, keyed)
        if len(columns) >= max(min_matches, 1):
            return index, columns
    return None


def _match_header(row: Row, keyed: Mapping[str, Sequence[tuple[str, tuple[str, ...]]]]) -> dict[str, int]:
    headers = [(header_key(value), _header_words(value)) for value in row]
    columns: dict[str, int] = {}
    for exact in (True, False):
        for field, aliases in keyed.items():
            for column, (key, words) in enumerate(headers):
                if field in columns or column in columns.values() or not key:
                    continue
                if any(
                    key == alias_key if exact else len(words) > len(alias_words) > 0 and words[: len(alias_words)] == alias_words
                    for alias_key, alias_words in aliases
                ):
                    columns[field] = column
    return columns


# --- Cell readers -------------------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A cell as text: spaces (non-breaking too) trimmed and collapsed; whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return clean_spaces(str(value))


_INT = re.compile(r"^[+-]?[0-9]+(?:[.,]0+)?$")


def cell_int(value: object) -> int | None:
    """A whole number from a number or text cell ("12", "12.0", 12.0); None for an empty cell.

    Raises ``ValueError`` with a translated message for anything else.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = cell_text(value).replace(" ", "")
    if not text:
        return None
    if not _INT.match(text):
        raise ValueError(_('"{value}" is not a whole number. Enter a number such as 12.').format(value=shorten(text)))
    return int(re.split(r"[.,]", text)[0])


_DMY = re.compile(r"^([0-9]{1,2})[./\-]([0-9]{1,2})[./\-]([0-9]{2}|[0-9]{4})$")
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_DATE_SUFFIX = re.compile(r"\s*(ж|жыл|г|год|года)\.?$", re.IGNORECASE)
_EXCEL_SERIAL_RANGE = (1, 2958465)  # 1900-01-01 .. 9999-12-31


def cell_date(value: object, *, today: date | None = None) -> date | None:
    """A date from an Excel date, a ``datetime``/``date``, or text "dd.mm.yyyy", "dd.mm.yy", "yyyy-mm-dd".

    "/" and "-" are accepted between day, month and year, and a trailing "ж." / "г." is ignored. A
    two-digit year is in this century unless that would be later than ``today``'s year (then the last
    century): "05.03.85" is 1985. An empty cell gives None; anything else raises ``ValueError`` with a
    translated message.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = _EXCEL_SERIAL_RANGE
        if low <= value <= high:
            serial = from_excel(value)
            return serial.date() if isinstance(serial, datetime) else None
    text = _DATE_SUFFIX.sub("", cell_text(value)).strip()
    if not text:
        return None
    parsed = _parse_date_text(text, (today or date.today()).year)
    if parsed is None:
        raise ValueError(
            _('"{value}" is not a date. Write it as dd.mm.yyyy, for example 05.03.2026.').format(value=shorten(text))
        )
    return parsed


def _parse_date_text(text: str, this_year: int) -> date | None:
    match = _ISO.match(text)
    if match is not None:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DMY.match(text)
        if match is None:
            return None
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            century = this_year - this_year % 100
            year = century + year if century + year <= this_year else century - 100 + year
    try:
        return date(year, month, day)
    except ValueError:
        return None


_DIGIT_SEPARATORS = re.compile(r"[\s\u00a0\u2007\u2009\u202f\u200b\ufeff\-\u2010-\u2014\u2212]")


def cell_digits(value: object, length: int) -> str:
    """A number of ``length`` digits (BIN, IIN) from a cell, as text; "" for an empty cell.

    Spaces and dashes inside are dropped. A number cell loses its leading zeros, so a number up to three
    digits short is padded back; text is never padded. Anything else is returned as it is, so that the
    caller can say what is wrong with it.
    """
    if isinstance(value, float) and value.is_integer() and value >= 0:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        digits = str(value)
        return digits.zfill(length) if length - 3 <= len(digits) < length else digits
    text = _DIGIT_SEPARATORS.sub("", cell_text(value))
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text
