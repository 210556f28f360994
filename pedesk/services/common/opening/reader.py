"""Reading every worksheet's values from an .xlsx, .xlsm, .xlsb, .ods or .xls file with python-calamine, after the
file's kind (:mod:`.kinds`) and its layout (:mod:`.layout`: the active sheet, formula cells, how far each sheet
reaches) are known. Hidden and very hidden sheets are listed but never read; a sheet reaching farther than a
list can is refused before it is read. No Qt.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pedesk.i18n import _
from pedesk.services.common.errors import ValidationError
from pedesk.services.common.opening.biff import xls_layout
from pedesk.services.common.opening.kinds import Kind, damaged, file_kind, password_protected, refuse
from pedesk.services.common.opening.layout import MAX_CELLS, BookLayout, SheetLayout
from pedesk.services.common.opening.opendoc import ods_layout
from pedesk.services.common.opening.openxml import xlsb_layout, xlsx_layout
from pedesk.services.common.spreadsheets import Row, cell_ref, is_blank_row

if TYPE_CHECKING:
    import python_calamine

__all__ = ["MAX_ROWS", "SheetRows", "read_sheets"]

MAX_ROWS = 200_000  # more rows than any list of schools or teachers of a region


@dataclass(frozen=True)
class SheetRows:
    """One worksheet: ``rows[i]`` is Excel row ``i + 1`` (rows have different lengths; a blank row is ``()``).
    ``visible`` is False for a hidden or very hidden sheet, whose rows are never read (left empty); ``active``
    marks the sheet Excel shows when it opens the file; ``formulas`` holds the 0-based (row, column) of every
    cell computed by a formula (its value is what Excel last computed, if anything)."""

    name: str
    rows: tuple[Row, ...]
    visible: bool = True
    active: bool = False
    formulas: frozenset[tuple[int, int]] = frozenset()


def _layout(path: Path, kind: Kind) -> BookLayout:
    try:
        if kind == "xls":
            return xls_layout(path)
        with zipfile.ZipFile(path) as archive:
            scan = {"xlsx": xlsx_layout, "xlsb": xlsb_layout, "ods": ods_layout}[kind]
            return scan(archive)
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - XML, zip and record errors of a damaged (or hostile) file
        raise damaged(path.name) from None


def read_sheets(path: str | Path, *, max_rows: int = MAX_ROWS) -> list[SheetRows]:
    """Every worksheet of the spreadsheet at ``path``, in the order of its tabs (chart sheets left out).

    Raises ``ValidationError`` (field ``"file"``) for a file that is missing, not a spreadsheet, damaged,
    protected by a password, too large, or with a visible sheet of more than ``max_rows`` rows or reaching
    farther than a list can.
    """
    # loaded here, not with pedesk: only a list's import needs it, and a command that reads no list starts
    # without its native library (which Wine 8, where the installer is checked, cannot load)
    import python_calamine

    source = Path(path)
    kind = file_kind(source)
    layout = _layout(source, kind)
    with source.open("rb") as handle:
        try:
            book = python_calamine.CalamineWorkbook.from_filelike(handle)
        except python_calamine.PasswordError:
            raise password_protected(source.name) from None
        except Exception:  # noqa: BLE001 - calamine raises many kinds for a broken file
            raise damaged(source.name) from None
        try:
            return _sheets(book, layout, source.name, max_rows)
        finally:
            book.close()


def _sheets(book: python_calamine.CalamineWorkbook, layout: BookLayout, name: str,
            max_rows: int) -> list[SheetRows]:
    import python_calamine

    metadata = book.sheets_metadata
    if len(metadata) != len(layout.sheets):
        raise damaged(name)  # the values and the structure disagree on the sheets: trust neither
    sheets: list[SheetRows] = []
    for index, sheet in enumerate(metadata):
        if sheet.typ != python_calamine.SheetTypeEnum.WorkSheet or layout.sheets[index] is None:
            continue
        if sheet.visible != python_calamine.SheetVisibleEnum.Visible:
            sheets.append(SheetRows(sheet.name, (), visible=False))
            continue
        shape = layout.sheet(index)
        _check_size(shape, sheet.name, name, max_rows)
        try:
            values = book.get_sheet_by_index(index).to_python(skip_empty_area=False)
        except Exception:  # noqa: BLE001 - a damaged sheet shows up only while it is read
            raise damaged(name) from None
        rows = _rows(values)
        if len(rows) > max_rows:
            raise _too_many_rows(sheet.name, name, max_rows)
        sheets.append(SheetRows(sheet.name, rows, True, index == layout.active, shape.formulas))
    return sheets


def _rows(values: Sequence[Sequence[object]]) -> tuple[Row, ...]:
    """The rows as tuples, blank ones as ``()`` and trailing blank ones left out."""
    rows = [() if is_blank_row(tuple(values_row)) else tuple(values_row) for values_row in values]
    while rows and not rows[-1]:
        rows.pop()
    return tuple(rows)


def _too_many_rows(sheet: str, name: str, maximum: int) -> ValidationError:
    return refuse(_("The sheet {sheet} of the file {name} has more than {maximum} rows. Split the file.").format(
        sheet=sheet, name=name, maximum=maximum))


def _check_size(shape: SheetLayout, sheet: str, name: str, max_rows: int) -> None:
    if shape.rows > max_rows:
        raise _too_many_rows(sheet, name, max_rows)
    if shape.cells > MAX_CELLS:
        raise refuse(_(
            "The sheet {sheet} of the file {name} has values as far as cell {cell}, farther than a list reaches. "
            "Delete the rows and columns after the list (or clear that cell), save and choose the file again."
        ).format(sheet=sheet, name=name, cell=cell_ref(shape.rows, shape.columns - 1)))
