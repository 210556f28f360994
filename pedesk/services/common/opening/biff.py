"""The layout (see :mod:`.layout`) of an Excel 97-2003 workbook (.xls): the records of its ``Workbook`` stream
(BIFF8, and BIFF5 of Excel 5.0/95 in a ``Book`` stream), read from the OLE compound file with olefile. The
globals say whether the file is encrypted (FILEPASS: protected by a password), where each sheet starts and what
it is (BOUNDSHEET) and which sheet is active (WINDOW1); each worksheet's cell records say how far it reaches,
and its FORMULA records which cells are computed. No Qt.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

import olefile  # type: ignore[import-untyped, unused-ignore]

from pedesk.services.common.opening.kinds import BIFF_STREAMS, password_protected
from pedesk.services.common.opening.layout import BookLayout, CellTracker, SheetLayout

__all__ = ["xls_layout"]

_EOF = 0x000A
_BOFS = frozenset({0x0809, 0x0409, 0x0209, 0x0009})  # BIFF5-8, BIFF4, BIFF3, BIFF2
_FILEPASS, _BOUNDSHEET, _WINDOW1 = 0x002F, 0x0085, 0x003D
_FORMULA = 0x0006
_CELLS = frozenset({0x0006, 0x0203, 0x00FD, 0x0204, 0x027E, 0x0205, 0x00D6})  # FORMULA NUMBER LABELSST ...
_MULRK = 0x00BD
_WORKSHEET = 0x00  # BOUNDSHEET's dt of a worksheet (or dialog sheet)


def _records(data: bytes, start: int = 0) -> Iterator[tuple[int, int, bytes]]:
    """(offset, type, data) of each record from ``start``. Raises ``ValueError`` for one cut short."""
    offset = start
    while offset + 4 <= len(data):
        kind, size = struct.unpack_from("<HH", data, offset)
        body = data[offset + 4:offset + 4 + size]
        if len(body) != size:
            raise ValueError("a record is cut short")
        yield offset, kind, body
        offset += 4 + size


def xls_layout(path: Path) -> BookLayout:
    """Raises ``ValidationError`` for a file protected by a password, and ``ValueError``, ``struct.error`` or
    olefile's errors for a damaged one."""
    with olefile.OleFileIO(str(path)) as ole:
        stream = next(name for name in BIFF_STREAMS if ole.exists(name))
        data = bytes(ole.openstream(stream).read())
    sheets: list[tuple[int, int]] = []  # (the offset of its BOF, its type) in the order of the sheet tabs
    active = 0
    for _offset, kind, body in _records(data):
        if kind == _FILEPASS:
            raise password_protected(path.name)
        if kind == _BOUNDSHEET:
            position, _state, sheet_type = struct.unpack_from("<IBB", body)
            sheets.append((position, sheet_type))
        elif kind == _WINDOW1 and len(body) >= 12:
            active = struct.unpack_from("<H", body, 10)[0]
        elif kind == _EOF:
            break
    return BookLayout(
        tuple(_sheet(data, position) if sheet_type == _WORKSHEET else None for position, sheet_type in sheets),
        active,
    )


def _sheet(data: bytes, start: int) -> SheetLayout:
    tracker = CellTracker()
    depth = 0
    for _offset, kind, body in _records(data, start):
        if kind in _BOFS:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                break
        elif depth != 1:
            continue  # a chart embedded in the sheet
        elif kind in _CELLS:
            row, column = struct.unpack_from("<HH", body)
            tracker.cell(row, column, formula=kind == _FORMULA)
        elif kind == _MULRK:
            row, first = struct.unpack_from("<HH", body)
            last = struct.unpack_from("<H", body, len(body) - 2)[0]
            tracker.cell(row, first, columns=max(last - first + 1, 1))
    return tracker.layout()
