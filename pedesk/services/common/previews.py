"""What the two-step imports of a spreadsheet share (the schools' list, a department's list of listeners, a
cohort's results): finding the list in the file or refusing the file, the recognised columns as a preview
reports them (and back, to check the preview again before it is applied), and a problem as a preview reports
it, with its column's header. No Qt, no database.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Self, TypeAlias

from pedesk.services.common.errors import ValidationError
from pedesk.services.common.spreadsheets import (
    FILE_FIELD,
    CellProblem,
    ImportColumns,
    column_index,
    column_letter,
)
from pedesk.services.common.workbooks import Table, locate_table, read_workbook

__all__ = ["FileProblem", "PreviewColumns", "import_columns", "preview_columns", "table_or_refuse"]

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
) -> Table:
    """The list in the workbook at ``path`` (a header row matching two of the ``aliases``' fields, one of them
    among ``required_any``, with columns that ``accept`` takes); else a ``ValidationError`` on the file:
    ``refusal`` with the file's ``{name}``."""
    table = locate_table(read_workbook(path), aliases, 2, required_any=required_any)
    if table is not None and accept(table.columns):
        return table
    raise ValidationError.single(FILE_FIELD, refusal.format(name=path.name))
