"""Reading the sheets of an incoming data package (п.17): every sheet under the title its manifest gives, row 2
holding exactly the sheet's column names, as many rows of records as the manifest counts, every cell typed by
its column, no formula anywhere, and no natural key twice in a sheet. References between sheets and to the
database are the importer's to check. No Qt, no database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from pedesk.i18n import _, format_number
from pedesk.services.common import column_letter, shorten
from pedesk.services.packages.spec import FIRST_DATA_ROW, ColumnSpec, SheetSpec
from pedesk.services.packages.validation.cells import CellError, read_cell
from pedesk.services.packages.validation.limits import text_limit
from pedesk.services.packages.validation.problems import MAX_ROWS, PackageRow, ProblemLog, ask_again
from pedesk.services.rules import iin_birth_date_problem

__all__ = ["read_sheet", "too_long", "where"]

_LAST_SPREADSHEET_ROW = 1_048_576  # rows past this are no spreadsheet's: stop reading there
_SHAREABLE = frozenset({"text", "iin", "date", "datetime"})
_SHARED_VALUES = 2000


def where(title: str, row: int, position: int, heading: str = "") -> str:
    """'Sheet "Педагогтер", row 4, column A (ЖСН / ИИН)', without the heading when there is none."""
    if not heading:
        return _('Sheet "{sheet}", row {row}, column {column}').format(
            sheet=title, row=row, column=column_letter(position))
    return _('Sheet "{sheet}", row {row}, column {column} ({heading})').format(
        sheet=title, row=row, column=column_letter(position), heading=heading)


def too_long(value: str, limit: int) -> str:
    """A text longer than its column holds: a value the database would cut or refuse."""
    return _('the text is {count} characters long, but this column holds at most {limit}: "{value}". Ask the '
             "office that made the package to shorten it and export the package again.").format(
        count=format_number(len(value)), limit=format_number(limit), value=shorten(value))


def _blank(cells: Sequence[Any]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in cells)


def _column_name_problem(name: str, twice: bool, at: str) -> str:
    if twice:
        return _('{where}: the column name "{name}" is in row 2 twice, so it is not clear which column counts. '
                 "{advice}").format(where=at, name=name, advice=ask_again())
    return _('{where}: "{name}" is not a column name of this sheet. Row 2 holds the names of the sheet\'s columns, '
             "and the package was changed after it was made. {advice}").format(where=at, name=name, advice=ask_again())


def _header(cells: Sequence[Any], spec: SheetSpec, title: str, log: ProblemLog,
            formulas: dict[tuple[int, int], str]) -> dict[str, int] | None:
    """``{column name: 0-based position}`` read from row 2, or None when it is not exactly the spec's names."""
    index: dict[str, int] = {}
    before = len(log.problems) + log.more
    for position, value in enumerate(cells):
        name = value.strip() if isinstance(value, str) else value
        if name is None or name == "":
            continue
        if (1, position) in formulas or name not in spec.names or name in index:
            log.add(spec.name, 2, spec.column(name).heading if name in index else "",
                    _column_name_problem(str(name)[:40], name in index, where(title, 2, position)))
            continue
        index[name] = position
    for column in spec.columns:
        if column.name not in index:
            log.add(spec.name, 2, column.heading, _('Sheet "{sheet}" has no column "{name}" ({heading}) in row 2: '
                                                    "the package was made by another version of pedesk or changed "
                                                    "after it was made. {advice}").format(
                sheet=title, name=column.name, heading=column.heading, advice=ask_again()))
    return None if len(log.problems) + log.more > before else index


class _Rows:
    """The records of one sheet, read row by row."""

    def __init__(self, spec: SheetSpec, title: str, index: dict[str, int], log: ProblemLog,
                 formulas: dict[tuple[int, int], str]) -> None:
        self.spec, self.title, self.log, self.formulas = spec, title, log, formulas
        self.columns: list[tuple[ColumnSpec, int]] = [(column, index[column.name]) for column in spec.columns]
        # One object for each repeated value of a column (an office code, a status, a date), while a column
        # repeats itself: a region's package holds a million rows, and every copy costs memory.
        self.shared: list[dict[object, object] | None] = [{} if column.kind in _SHAREABLE else None
                                                          for column in spec.columns]
        self.named = set(index.values())
        self.unnamed_formulas: dict[int, list[int]] = {}  # a formula without a value is no cell to calamine
        for row, position in formulas:
            if position not in self.named:
                self.unnamed_formulas.setdefault(row + 1, []).append(position)
        self.limits = [text_limit(spec.name, column.name) if column.kind in ("text", "json") else 0
                       for column in spec.columns]
        self.rows: list[PackageRow] = []
        self.keys: dict[tuple[object, ...], int] = {}
        self.blank_from: int | None = None
        self.last = FIRST_DATA_ROW - 1

    def problem(self, number: int, column: ColumnSpec, position: int, message: str) -> None:
        self.log.add(self.spec.name, number, column.heading, _("{where}: {problem}").format(
            where=where(self.title, number, position, column.heading), problem=message))

    def feed(self, number: int, cells: Sequence[Any]) -> bool:
        """Read one row; False when the sheet has more rows than a package may hold."""
        if _blank(cells):
            self.blank_from = number if self.blank_from is None else self.blank_from
            return True
        if self.blank_from is not None:
            self.gap(self.blank_from, number - 1)
            self.blank_from = None
        if number - FIRST_DATA_ROW >= MAX_ROWS:
            self.log.add(self.spec.name, number, "", _(
                'Sheet "{sheet}" has more than {limit} rows of records, more than a package may hold. Ask the office '
                "to export a shorter period.").format(sheet=self.title, limit=format_number(MAX_ROWS)))
            return False
        self.last = number
        values, bad = self.values(number, cells)
        self.outside(number, cells)
        if self.spec.name == "teachers" and not bad & {"iin", "birth_date"}:
            self.birth_date(number, values)
        if not bad.intersection(self.spec.key):
            self.unique(number, values)
        self.rows.append(PackageRow(number, values))
        return True

    def gap(self, first: int, last: int) -> None:
        if first == last:
            message = _('Sheet "{sheet}": row {row} is empty, but more records follow it. A package has no empty rows '
                        "between its records; it was changed after it was made. {advice}").format(
                sheet=self.title, row=first, advice=ask_again())
        else:
            message = _('Sheet "{sheet}": rows {first} to {last} are empty, but more records follow them. A package '
                        "has no empty rows between its records; it was changed after it was made. {advice}").format(
                sheet=self.title, first=first, last=last, advice=ask_again())
        self.log.add(self.spec.name, first, "", message)

    def values(self, number: int, cells: Sequence[Any]) -> tuple[dict[str, object], set[str]]:
        values: dict[str, object] = {}
        bad: set[str] = set()
        count = len(cells)
        formulas = self.formulas
        for slot, (column, position) in enumerate(self.columns):
            value = cells[position] if position < count else None
            kind = "n"
            if formulas and (number - 1, position) in formulas:
                value, kind = formulas[(number - 1, position)], "f"
            try:
                value = read_cell(column, value, kind)
            except CellError as error:
                values[column.name] = None
                bad.add(column.name)
                self.problem(number, column, position, str(error))
                continue
            if self.limits[slot] and isinstance(value, str) and len(value) > self.limits[slot]:
                values[column.name] = None
                bad.add(column.name)
                self.problem(number, column, position, too_long(value, self.limits[slot]))
                continue
            shared = self.shared[slot]
            if shared is not None and value is not None:
                value = shared.setdefault(value, value)
                if len(shared) > _SHARED_VALUES:
                    self.shared[slot] = None  # a column of unique values: sharing would only cost
            values[column.name] = value
        return values, bad

    def outside(self, number: int, cells: Sequence[Any]) -> None:
        """A value in a column without a name in row 2 would be lost without a word: refuse it."""
        formulas = self.unnamed_formulas.get(number, ())
        for position, value in enumerate(cells):
            if position in self.named or position in formulas or value is None or (
                    isinstance(value, str) and not value.strip()):
                continue
            self.log.add(self.spec.name, number, "", _(
                '{where}: the cell holds "{value}", but its column has no name in row 2, so pedesk would not know '
                "what it is. {advice}").format(where=where(self.title, number, position),
                                               value=str(value)[:40], advice=ask_again()))
        for position in formulas:
            self.log.add(self.spec.name, number, "", _("{where}: the cell holds a formula; a formula in a package is "
                                                       "not allowed. {advice}").format(
                where=where(self.title, number, position), advice=ask_again()))

    def birth_date(self, number: int, values: dict[str, object]) -> None:
        iin, born = values.get("iin"), values.get("birth_date")
        if isinstance(iin, str) and isinstance(born, date):
            message = iin_birth_date_problem(iin, born)
            if message is not None:
                column = self.spec.column("birth_date")
                self.problem(number, column, self.columns[self.spec.columns.index(column)][1], _(
                    "{reason} Ask the office that made the package to correct the record and export the package "
                    "again.").format(reason=message))

    def unique(self, number: int, values: dict[str, object]) -> None:
        key = tuple(values[name] for name in self.spec.key)
        first = self.keys.setdefault(key, number)
        if first != number:
            headings = ", ".join(self.spec.column(name).heading for name in self.spec.key)
            self.log.add(self.spec.name, number, headings, _(
                'Sheet "{sheet}", row {row}: the same {key} ({value}) as row {first}. A package holds every record '
                "once; it was changed after it was made. {advice}").format(
                sheet=self.title, row=number, key=headings, value=" / ".join(str(part) for part in key)[:80],
                first=first, advice=ask_again()))

    def finish(self, expected: int) -> tuple[PackageRow, ...]:
        found = self.last - FIRST_DATA_ROW + 1
        if found != expected:
            self.log.add(self.spec.name, None, "", _(
                'Sheet "{sheet}" has {found} rows of records, but the manifest of the package says {expected}: the '
                "package is incomplete or was changed after it was made. {advice}").format(
                sheet=self.title, found=found, expected=expected, advice=ask_again()))
        return tuple(self.rows)


def _formulas(number: int, cells: Sequence[Any], spec: SheetSpec, title: str, log: ProblemLog,
              formulas: dict[tuple[int, int], str]) -> None:
    for position in sorted(column for row, column in formulas if row == number - 1):
        if position >= 0:
            log.add(spec.name, number, "", _("{where}: the cell holds a formula; a formula in a package is not "
                                             "allowed. {advice}").format(
                where=where(title, number, position), advice=ask_again()))


def read_sheet(worksheet: Any, spec: SheetSpec, title: str, expected: int, log: ProblemLog,
               positions: dict[str, int] | None = None,
               tick: Callable[[], None] | None = None) -> tuple[PackageRow, ...]:
    """The records of one worksheet (:class:`~.values.SheetValues`: every row there is, whatever size the sheet
    claims; empty when row 2 is wrong); the problems go to ``log``, and the 0-based position of each column
    into ``positions`` (for the checks that follow)."""
    formulas = worksheet.formulas
    rows = iter(worksheet.rows())
    _formulas(1, next(rows, ()), spec, title, log, formulas)
    index = _header(next(rows, ()), spec, title, log, formulas)
    if index is None:
        return ()
    if positions is not None:
        positions.update(index)
    reader = _Rows(spec, title, index, log, formulas)
    for number, cells in enumerate(rows, FIRST_DATA_ROW):
        if number > _LAST_SPREADSHEET_ROW:
            log.add(spec.name, number, "", _(
                'Sheet "{sheet}" has rows past row {last}, the last row a spreadsheet can have: the package was not '
                "made by pedesk or was changed afterwards. {advice}").format(
                sheet=title, last=format_number(_LAST_SPREADSHEET_ROW), advice=ask_again()))
            break
        if tick is not None and number % 2000 == 0:
            tick()  # the progress callback, where a Cancel stops the work
        if not reader.feed(number, cells):
            break
    return reader.finish(expected)
