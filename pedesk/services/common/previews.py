"""What the two-step imports of a spreadsheet share (the schools' list, a department's list of listeners, a
cohort's results): finding the list in the file or refusing the file, the recognised columns as a preview
reports them (and back, to check the preview again before it is applied), the columns it leaves out or finds
empty, and a problem as a preview reports it, with its column's header. No Qt, no database.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Self, TypeAlias

from pedesk.i18n import _
from pedesk.services.common.errors import ValidationError
from pedesk.services.common.headers import not_imported_headers
from pedesk.services.common.spreadsheets import (
    FILE_FIELD,
    CellProblem,
    ImportColumns,
    cell_text,
    column_index,
    column_letter,
    header_key,
    row_value,
)
from pedesk.services.common.values import shorten
from pedesk.services.common.workbooks import Table, hidden_sheets_note, locate_table, read_workbook

__all__ = [
    "FileProblem", "PreviewColumns", "column_warnings", "import_columns", "preview_columns", "table_or_refuse",
]

PreviewColumns: TypeAlias = tuple[tuple[str, str, str], ...]
"""(field, column letter, header text) of each column an import recognised, in the file's order."""


@dataclass(frozen=True)
class FileProblem:
    """Something wrong in the file: the Excel ``row`` (0: the whole file), the ``column`` letter and its
    ``header`` ("" for the whole row), the stable ``field`` key and the translated ``message``, which already
    says where ("Row 7, column C (ЖСН): ...")."""

    row: int
    column: str
    header: str
    field: str
    message: str

    @classmethod
    def of(cls, problem: CellProblem, columns: ImportColumns) -> Self:
        """``problem`` with the header of its column (none for a problem of the whole row)."""
        header = columns.headers.get(problem.field, "") if problem.column else ""
        return cls(problem.row, problem.column, header, problem.field, problem.message)


def preview_columns(columns: ImportColumns) -> PreviewColumns:
    return tuple((field, column_letter(index), columns.headers[field]) for field, index in columns.index.items())


def import_columns(columns: PreviewColumns) -> ImportColumns:
    """The columns of a preview's ``preview_columns`` again, to read its rows anew."""
    return ImportColumns(
        {field: column_index(letter) for field, letter, _header in columns},
        {field: header for field, _letter, header in columns},
    )


def table_or_refuse(
    path: Path,
    aliases: Mapping[str, Sequence[str]],
    *,
    required_any: Collection[str],
    refusal: str,
    accept: Callable[[ImportColumns], bool] = lambda columns: True,
    sheet: str | None = None,
) -> Table:
    """The list in the workbook at ``path`` (a header row matching two of the ``aliases``' fields, one of them
    among ``required_any``, with columns that ``accept`` takes), on the sheet named ``sheet`` or else the one a
    person would choose (see :func:`pedesk.services.common.workbooks.locate_table`); else a ``ValidationError``
    on the file: ``refusal`` with the file's ``{name}`` (and a word on the hidden sheets, which are not read).
    Raises ``SheetChoiceNeeded`` where several sheets hold a list and none is the active one."""
    sheets = read_workbook(path)
    table = locate_table(sheets, aliases, 2, required_any=required_any, accept=accept, sheet=sheet,
                         file_name=path.name)
    if table is not None:
        return table
    note = hidden_sheets_note(sheets)
    message = refusal.format(name=path.name)
    raise ValidationError.single(FILE_FIELD, f"{message} {note}" if note else message)


def column_warnings(table: Table) -> tuple[FileProblem, ...]:
    """What a preview points out about the columns (row 0: the whole list): a column with a heading that no
    field is read from ("Жеке куәлік нөмірі"), one with values but no heading, and a recognised column empty
    in every row. The row number and the signature (``not_imported_headers``) go unmentioned."""
    header = table.sheet.rows[table.header_index]
    rows = table.data_rows()
    fields = {column: field for field, column in table.columns.index.items()}
    quiet = {header_key(text) for text in not_imported_headers()}
    width = max([len(header), *(len(values) for _number, values in rows)])
    warnings: list[FileProblem] = []
    for column in range(width):
        text = cell_text(row_value(header, column))
        letter = column_letter(column)
        filled = any(cell_text(row_value(values, column)) or (number - 1, column) in table.sheet.formulas
                     for number, values in rows)
        if column in fields:
            message = "" if filled else _('Column {column} "{header}" is empty in every row, so the list brings '
                                          "nothing for it.").format(column=letter, header=shorten(text))
        elif text:
            message = "" if header_key(text) in quiet else _(
                'Column {column} "{header}" is not used: pedesk reads nothing from it. If it holds something to '
                "import, give it one of the usual headings.").format(column=letter, header=shorten(text))
        else:
            message = _("Column {column} has values but no heading, so it is not used. Give it a heading if it "
                        "holds something to import.").format(column=letter) if filled else ""
        if message:
            warnings.append(FileProblem(0, letter, text, fields.get(column, ""), message))
    return tuple(warnings)
