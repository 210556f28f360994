"""Opening the .xlsx files that district departments and the administration send, and finding the list in
them: the values of every worksheet, read safely, and the sheet, header row and columns of the list an
importer declares as aliases (:func:`locate_table`; the header row is matched by
:func:`pedesk.services.common.spreadsheets.find_header_row`).

Files are opened with openpyxl (read-only, values only, XML parsed through defusedxml); a file that is not
an .xlsx workbook, is damaged or unpacks to something huge is refused with a ``ValidationError`` on the
field ``"file"`` before anything is read. No Qt, no database.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from pedesk.i18n import _
from pedesk.services.common.errors import ValidationError
from pedesk.services.common.spreadsheets import (
    FILE_FIELD,
    ImportColumns,
    Row,
    cell_text,
    find_header_row,
    header_key,
    is_blank_row,
    is_column_numbers_row,
    is_totals_row,
    row_value,
)

MAX_FILE_BYTES = 50 * 1024 * 1024  # a department's list is a few hundred kilobytes
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # an .xlsx is a zip archive: refuse a "zip bomb"
MAX_ROWS = 200_000  # more rows than any list of schools or teachers of a region

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls), and also password-protected .xlsx


@dataclass(frozen=True)
class SheetRows:
    """The values of one worksheet: ``rows[i]`` is Excel row ``i + 1``; rows have different lengths."""

    name: str
    rows: tuple[Row, ...]


# --- Opening a file ----------------------------------------------------------------------------------------


def _refuse(message: str) -> ValidationError:
    return ValidationError.single(FILE_FIELD, message)


def _damaged(name: str) -> str:
    return _(
        "The file {name} is damaged and cannot be read. Ask the sender for the file again, or open it in "
        "Excel, save it again as .xlsx and choose the saved file."
    ).format(name=name)


def _file_problem(path: Path) -> str | None:
    """Why ``path`` is not a sane .xlsx archive, checked before openpyxl sees it; None when it is one."""
    name = path.name
    if not path.is_file():
        return _("The file {name} does not exist. Choose the file again.").format(name=name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return _("The file {name} is too large ({size} MB) to be a list. Check that it is the right file.").format(
            name=name, size=size // (1024 * 1024)
        )
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic == _OLE_MAGIC:
        return _(
            "The file {name} is an old Excel 97-2003 workbook (.xls) or is protected by a password. Open it "
            "in Excel, save it as an Excel workbook (.xlsx) without a password and choose the saved file."
        ).format(name=name)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        members = None
    if magic != _ZIP_MAGIC or (members is not None and "xl/workbook.xml" not in {m.filename for m in members}):
        return _(
            "The file {name} is not an Excel workbook (.xlsx). Open it in Excel or LibreOffice, save it as an "
            "Excel workbook (.xlsx) and choose the saved file."
        ).format(name=name)
    if members is None:
        return _damaged(name)
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        return _("The file {name} unpacks to more data than a list can hold. Check that it is the right file.").format(
            name=name
        )
    return None


def read_workbook(path: str | Path, *, max_rows: int = MAX_ROWS) -> list[SheetRows]:
    """The values of every worksheet of an .xlsx file, read safely (see the module's docstring).

    Raises ``ValidationError`` (field ``"file"``) for a file that is missing, not an .xlsx, damaged,
    too large or has more than ``max_rows`` rows on a sheet.
    """
    source = Path(path)
    problem = _file_problem(source)
    if problem is not None:
        raise _refuse(problem)
    if not openpyxl.DEFUSEDXML:
        raise _refuse(_(
            "pedesk cannot read spreadsheets safely because the defusedxml package is missing. Reinstall "
            "pedesk, then try again."
        ))
    sheets: list[SheetRows] = []
    with source.open("rb") as fh:
        try:
            # A file object, not the path: openpyxl would refuse a valid workbook named other than *.xlsx.
            workbook = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
            raise _refuse(_damaged(source.name)) from None
        try:
            for worksheet in workbook.worksheets:
                sheets.append(SheetRows(worksheet.title, _read_rows(worksheet, source.name, max_rows)))
        except ValidationError:
            raise
        except Exception:  # noqa: BLE001 - a damaged sheet shows up only while it is read
            raise _refuse(_damaged(source.name)) from None
        finally:
            workbook.close()
    return sheets


def _read_rows(worksheet: Any, name: str, max_rows: int) -> tuple[Row, ...]:
    # The stored dimension is often wrong in files written by other programs: read every cell there is.
    worksheet.reset_dimensions()
    rows: list[Row] = []
    blanks = 0  # blank rows not stored yet: trailing ones (often thousands of formatted rows) never are
    for values in worksheet.iter_rows(min_row=1, min_col=1, values_only=True):
        if is_blank_row(values):
            blanks += 1
            continue
        rows.extend([()] * blanks)
        blanks = 0
        rows.append(tuple(values))
        if len(rows) > max_rows:
            raise _refuse(_("The sheet {sheet} of the file {name} has more than {maximum} rows. Split the file.").format(
                sheet=worksheet.title, name=name, maximum=max_rows
            ))
    return tuple(rows)


# --- Finding the list in a workbook ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A list found in a workbook: its sheet, header row (0-based ``header_index``) and columns."""

    sheet: SheetRows
    header_index: int
    columns: ImportColumns

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


def locate_table(
    sheets: Sequence[SheetRows],
    aliases: Mapping[str, Sequence[str]],
    min_matches: int,
    *,
    required_any: Collection[str] = (),
) -> Table | None:
    """The first sheet's list whose header row (see :func:`find_header_row`) has at least one of the
    fields ``required_any`` (when given); None when no sheet has one."""
    for sheet in sheets:
        found = find_header_row(sheet.rows, aliases, min_matches)
        if found is None:
            continue
        index, columns = found
        if required_any and not any(field in columns for field in required_any):
            continue
        header = sheet.rows[index]
        headers = {field: cell_text(row_value(header, column)) for field, column in columns.items()}
        return Table(sheet, index, ImportColumns(columns, headers))
    return None
