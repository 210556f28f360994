"""Finding the list in the spreadsheets that district departments and the administration send: the values of
every worksheet, read safely (:mod:`pedesk.services.common.opening`: .xlsx, .xlsm, .xlsb, .ods and .xls), and
the sheet, header row and columns of the list an importer declares as aliases (:func:`locate_table`; the
header row is matched by :func:`pedesk.services.common.spreadsheets.find_header_row`).

The sheet is chosen as a person would: never a hidden one; the active sheet when it holds a list; else the
only visible sheet that does; where several do and none is active, the user is asked
(:class:`SheetChoiceNeeded`), or names it. A file that cannot be read is refused with a ``ValidationError``
on the field ``"file"`` before anything is imported. No Qt, no database.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pedesk.i18n import _
from pedesk.services.common.errors import Problem, ValidationError
from pedesk.services.common.opening import MAX_ROWS, SheetRows, read_sheets
from pedesk.services.common.spreadsheets import (
    CellProblem,
    ImportColumns,
    Row,
    cell_ref,
    cell_text,
    find_header_row,
    header_key,
    is_blank_row,
    is_column_numbers_row,
    is_totals_row,
    row_value,
)

__all__ = [
    "SHEET_FIELD", "SheetChoiceNeeded", "SheetRows", "Table", "hidden_sheets_note", "locate_table", "read_workbook",
]

SHEET_FIELD = "sheet"  # the Problem.field of a refusal about the sheet to read (the CLI's --sheet)


def read_workbook(path: str | Path, *, max_rows: int = MAX_ROWS) -> list[SheetRows]:
    """Every worksheet of a spreadsheet, read safely (see :func:`pedesk.services.common.opening.read_sheets`).

    Raises ``ValidationError`` (field ``"file"``) for a file that is missing, not a spreadsheet, damaged,
    protected by a password, too large or has more than ``max_rows`` rows on a sheet.
    """
    return read_sheets(path, max_rows=max_rows)


class SheetChoiceNeeded(ValidationError):
    """Several visible sheets hold a list and none is the active one: the user chooses among ``sheets``."""

    def __init__(self, file_name: str, sheets: Sequence[str]) -> None:
        self.sheets = tuple(sheets)
        super().__init__([Problem(SHEET_FIELD, _(
            "The file {name} has a list on more than one sheet: {sheets}. Choose the sheet to import."
        ).format(name=file_name, sheets=_names(self.sheets)))])


def _names(sheets: Sequence[str]) -> str:
    return ", ".join(f'"{sheet}"' for sheet in sheets)


# --- Finding the list in a workbook ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A list found in a workbook: its sheet, header row (0-based ``header_index``) and columns, and the
    visible sheets that hold a list (``candidates``, the chosen one among them) to choose another."""

    sheet: SheetRows
    header_index: int
    columns: ImportColumns
    candidates: tuple[str, ...] = ()

    def data_rows(self) -> list[tuple[int, Row]]:
        """(Excel row, values) of the rows under the header up to a totals row, without blank rows, the
        row of column numbers right under the header and the header repeated on every printed page."""
        repeated = {header_key(text) for text in self.columns.headers.values()}
        result: list[tuple[int, Row]] = []
        for index in range(self.header_index + 1, len(self.sheet.rows)):
            row = self.sheet.rows[index]
            if is_blank_row(row) or (not result and is_column_numbers_row(row)):
                continue
            if is_totals_row(row):
                break
            if not {header_key(value) for value in row} >= repeated:
                result.append((index + 1, row))
        return result

    def formula_problems(self, row: int) -> list[CellProblem]:
        """The cells of an Excel row in the list's columns that hold a formula, each refused: the value a formula
        last gave (if the file keeps one at all) is never taken for what the list says."""
        return [
            self.columns.problem(row, field, _(
                "cell {cell} holds a formula; copy the column and paste only its values there (Paste Special > "
                "Values), then choose the file again."
            ).format(cell=cell_ref(row, column)))
            for field, column in sorted(self.columns.index.items(), key=lambda item: item[1])
            if (row - 1, column) in self.sheet.formulas
        ]


def locate_table(
    sheets: Sequence[SheetRows],
    aliases: Mapping[str, Sequence[str]],
    min_matches: int,
    *,
    required_any: Collection[str] = (),
    accept: Callable[[ImportColumns], bool] = lambda columns: True,
    sheet: str | None = None,
    file_name: str = "",
) -> Table | None:
    """The list in the workbook: the header row (see :func:`find_header_row`) of at least ``min_matches``
    fields, one of them among ``required_any`` (when given), with columns that ``accept`` takes; on the sheet
    named ``sheet``, else on the sheet a person would choose (see the module's docstring). None when there is
    no list. Raises ``SheetChoiceNeeded`` where the user must choose, and ``ValidationError`` (field "sheet")
    for a ``sheet`` that is not there or is hidden."""
    found: dict[str, Table] = {}
    for candidate in sheets:
        if candidate.visible:
            table = _table(candidate, aliases, min_matches, required_any, accept)
            if table is not None:
                found[candidate.name] = table
    names = tuple(found)
    if sheet is not None:
        chosen = _named_sheet(sheets, sheet, file_name)
        table = found.get(chosen.name)
        if table is None and names:
            raise ValidationError.single(SHEET_FIELD, _(
                'The sheet "{sheet}" of the file {name} has no list: no row of it has the list\'s headings. The '
                "list is on {sheets}: choose that sheet."
            ).format(name=file_name, sheet=chosen.name, sheets=_names(names)))
    else:
        active = next((name for name in names if found[name].sheet.active), None)
        if active is None and len(names) > 1:
            raise SheetChoiceNeeded(file_name, names)
        table = found[active or names[0]] if names else None
    return Table(table.sheet, table.header_index, table.columns, names) if table is not None else None


def _table(sheet: SheetRows, aliases: Mapping[str, Sequence[str]], min_matches: int,
           required_any: Collection[str], accept: Callable[[ImportColumns], bool]) -> Table | None:
    located = find_header_row(sheet.rows, aliases, min_matches)
    if located is None:
        return None
    index, columns = located
    if required_any and not any(field in columns for field in required_any):
        return None
    header = sheet.rows[index]
    headers = {field: cell_text(row_value(header, column)) for field, column in columns.items()}
    table = Table(sheet, index, ImportColumns(columns, headers))
    return table if accept(table.columns) else None


def _named_sheet(sheets: Sequence[SheetRows], wanted: str, file_name: str) -> SheetRows:
    """The sheet the user named (exactly, else ignoring case and spaces); refused when absent or hidden."""
    exact = [sheet for sheet in sheets if sheet.name == wanted]
    loose = [sheet for sheet in sheets if sheet.name.strip().casefold() == wanted.strip().casefold()]
    chosen = next(iter(exact or loose), None)
    visible = [sheet.name for sheet in sheets if sheet.visible]
    if chosen is None:
        raise ValidationError.single(SHEET_FIELD, _(
            'The file {name} has no sheet "{sheet}". Its sheets are: {sheets}.'
        ).format(name=file_name, sheet=wanted, sheets=_names(visible)))
    if not chosen.visible:
        raise ValidationError.single(SHEET_FIELD, _(
            'The sheet "{sheet}" of the file {name} is hidden, and pedesk reads only the sheets you can see. '
            "Show it in Excel (right-click a sheet tab > Unhide), save and choose the file again, or choose "
            "one of {sheets}."
        ).format(name=file_name, sheet=chosen.name, sheets=_names(visible)))
    return chosen


def hidden_sheets_note(sheets: Sequence[SheetRows]) -> str:
    """What to say of the hidden sheets when no list was found on the visible ones ("" when none is hidden)."""
    hidden = [sheet.name for sheet in sheets if not sheet.visible]
    if not hidden:
        return ""
    return _(
        "The file also has hidden sheets ({sheets}), which pedesk does not read: if the list is there, show the "
        "sheet in Excel (right-click a sheet tab > Unhide), save and choose the file again."
    ).format(sheets=_names(hidden))

