"""What a workbook's own structure says, read before its values: which sheet is active, how far each sheet's
cells reach and which of them hold a formula. The values reader (python-calamine) tells neither formulas nor
the active sheet, and it lays a sheet out as one rectangle up to its farthest cell, so that a small file with
one cell at XFD1048576 would take all the memory there is: such a sheet is refused before it is read.
No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MAX_CELLS", "BookLayout", "CellTracker", "SheetLayout"]

MAX_CELLS = 4_000_000  # a sheet's rectangle up to its farthest cell: 200,000 rows of 20 columns
MAX_FORMULAS = 1_000_000  # formula cells remembered on a sheet (more only where the sheet is refused anyway)


@dataclass(frozen=True)
class SheetLayout:
    """A worksheet: the 0-based (row, column) of every cell holding a formula, and the rows and columns up to
    its farthest cell with a value or a formula."""

    formulas: frozenset[tuple[int, int]] = frozenset()
    rows: int = 0
    columns: int = 0

    @property
    def cells(self) -> int:
        return self.rows * self.columns


@dataclass(frozen=True)
class BookLayout:
    """Every sheet in the workbook's order (None: not a worksheet, or not scanned) and the index of the active
    one (the sheet Excel shows when the file is opened)."""

    sheets: tuple[SheetLayout | None, ...] = ()
    active: int = 0

    def sheet(self, index: int) -> SheetLayout:
        found = self.sheets[index] if 0 <= index < len(self.sheets) else None
        return found if found is not None else SheetLayout()


class CellTracker:
    """Collects one sheet's cells as a scan meets them (0-based row and column)."""

    def __init__(self) -> None:
        self.formulas: set[tuple[int, int]] = set()
        self.rows = 0
        self.columns = 0

    def cell(self, row: int, column: int, *, formula: bool = False, rows: int = 1, columns: int = 1) -> None:
        """A cell with a value (``formula``: computed by one), repeated over ``rows`` and ``columns`` (as an
        OpenDocument file repeats a cell)."""
        self.rows = max(self.rows, row + rows)
        self.columns = max(self.columns, column + columns)
        if not formula:
            return
        for r in range(rows):
            for c in range(columns):
                if len(self.formulas) >= MAX_FORMULAS:
                    return
                self.formulas.add((row + r, column + c))

    def layout(self) -> SheetLayout:
        return SheetLayout(frozenset(self.formulas), self.rows, self.columns)
