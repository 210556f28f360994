"""Writing the workbook of a data package (п.17) fast: XlsxWriter in ``constant_memory`` mode (each row goes to
a temporary file as soon as the next one starts, so memory stays flat at any size of region), rows streamed
from SQLAlchemy Core, and one writer per column chosen once per sheet from the column's SQL type, so that no
cell pays for a chain of type checks. No Qt.

What a cell holds is what :func:`cell_value` says (the reader's side: dates as date cells with a date format,
date-times to the second, enums as their codes, decimals as numbers, IINs and codes as text); empty text writes
no cell, which the importer reads as empty text; text is always a string cell, so text that starts like a
formula is never run.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric, String, Text
from sqlalchemy import Enum as SqlEnum
from xlsxwriter import Workbook  # type: ignore[import-untyped, unused-ignore]

from pedesk.services.packages.spec import SheetSpec

__all__ = ["PackageWorkbook", "cell_value"]

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
Writer = Callable[[int, int, Any], object]


def cell_value(value: object) -> object:
    """A database value as a workbook cell holds it: enums as their codes, decimals as numbers, dates as dates,
    times to the second, text without the control characters XML cannot carry."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    if isinstance(value, datetime):
        return value.replace(microsecond=0)  # what a workbook keeps exactly
    return value


def _clean(text: str) -> str:
    """``text`` without the control characters XML cannot carry (str.isprintable is the fast test)."""
    return text if text.isprintable() else _ILLEGAL.sub("", text)


class PackageWorkbook:
    """The package's ``data.xlsx`` being written: :meth:`sheet` per sheet in order, then :meth:`close`; on a
    failure or a cancel :meth:`discard` closes every temporary file (the caller removes the folder)."""

    def __init__(self, path: Path, scratch: Path) -> None:
        self.book = Workbook(str(path), {"constant_memory": True, "tmpdir": str(scratch),
                                         "strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
        self.heading = self.book.add_format({"bold": True})
        self.names = self.book.add_format({"font_color": "#808080", "font_size": 8})
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime = self.book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})

    def sheet(self, spec: SheetSpec, types: Iterable[Any], rows: Iterable[Any],
              every: int = 0, tick: Callable[[int], None] | None = None) -> int:
        """Write ``spec``'s headings and ``rows`` (whose columns have the SQL ``types``) as one sheet; call
        ``tick(rows so far)`` after every ``every`` rows. Returns the number of rows."""
        sheet = self.book.add_worksheet(spec.kk[:31])
        for index, column in enumerate(spec.columns):
            wide = column.kind in ("text", "json") and column.name not in ("office", "code", "cohort", "origin")
            sheet.set_column(index, index, 30 if wide else 16)
        sheet.freeze_panes(2, 0)
        for index, column in enumerate(spec.columns):
            sheet.write_string(0, index, column.heading, self.heading)
            sheet.write_string(1, index, column.name, self.names)
        writers = [self._writer(sheet, kind) for kind in types]
        columns = list(enumerate(writers))
        number = 1
        for number, row in enumerate(rows, 2):
            for (index, write), value in zip(columns, row, strict=True):
                if value is not None:
                    write(number, index, value)
            if every and tick is not None and (number - 1) % every == 0:
                tick(number - 1)
        return number - 1

    def _writer(self, sheet: Any, kind: Any) -> Writer:
        """The writer of a column of SQL type ``kind`` (the undecorated XlsxWriter methods: row and column are
        numbers already)."""
        text, number, when = sheet._write_string, sheet._write_number, sheet._write_datetime
        date_format, datetime_format = self.date, self.datetime
        if isinstance(kind, SqlEnum):
            return lambda row, col, value: text(row, col, value.value if isinstance(value, Enum) else _clean(value))
        if isinstance(kind, Boolean):
            return sheet._write_boolean  # type: ignore[no-any-return]
        if isinstance(kind, Integer | Float):
            return number  # type: ignore[no-any-return]
        if isinstance(kind, Numeric):
            return lambda row, col, value: number(row, col, int(value) if value == value.to_integral_value()
                                                  else float(value))
        if isinstance(kind, DateTime):
            return lambda row, col, value: when(row, col, value.replace(microsecond=0), datetime_format)
        if isinstance(kind, Date):
            return lambda row, col, value: when(row, col, value, date_format)
        if isinstance(kind, String | Text):
            def write_text(row: int, col: int, value: str) -> None:
                if value:
                    text(row, col, value if value.isprintable() else _ILLEGAL.sub("", value))
            return write_text
        return self._any(sheet)

    def _any(self, sheet: Any) -> Writer:
        """A column of another type: each value as :func:`cell_value` makes it."""
        def write(row: int, col: int, value: object) -> None:
            value = cell_value(value)
            if isinstance(value, str):
                if value:
                    sheet._write_string(row, col, value)
            elif isinstance(value, bool):
                sheet._write_boolean(row, col, value)
            elif isinstance(value, int | float):
                sheet._write_number(row, col, value)
            elif isinstance(value, datetime):
                sheet._write_datetime(row, col, value, self.datetime)
            elif isinstance(value, date):
                sheet._write_datetime(row, col, value, self.date)
            else:
                sheet._write_string(row, col, _clean(str(value)))
        return write

    def close(self) -> None:
        self.book.close()

    def discard(self) -> None:
        """Close the temporary file of every sheet (left open, Windows could not remove the folder)."""
        for sheet in self.book.worksheets():
            with contextlib.suppress(Exception):
                sheet._opt_close()
        with contextlib.suppress(Exception):
            self.book.fileclosed = True  # no "close() was not called" warning when collected
