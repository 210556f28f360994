"""The layout (see :mod:`.layout`) of an Excel workbook (.xlsx, .xlsm: XML parts) and of an Excel binary
workbook (.xlsb: records), read from the zip archive: the active sheet from the workbook's view, and each
worksheet's formula cells (``<f>`` in a cell; the records BrtFmlaString, BrtFmlaNum, BrtFmlaBool and
BrtFmlaError) and farthest cell. XML is parsed through defusedxml. No Qt.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections.abc import Iterator
from typing import IO, Any
from xml.sax.handler import ContentHandler

from defusedxml import ElementTree, sax  # type: ignore[import-untyped, unused-ignore]

from pedesk.services.common.opening.layout import BookLayout, CellTracker, SheetLayout
from pedesk.services.common.spreadsheets import column_index

__all__ = ["records", "xlsb_layout", "xlsx_layout"]

_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
_WORKSHEET = "/worksheet"  # the end of a worksheet relationship's type (chart and dialog sheets differ)


def _local(tag: str) -> str:
    """An element's or attribute's name without its namespace ("{ns}sheet", "x:sheet" -> "sheet")."""
    return tag.rpartition("}")[2].rpartition(":")[2]


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of a part: id -> (the target's path in the archive, the relationship's type)."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive.namelist():
        return {}
    found: dict[str, tuple[str, str]] = {}
    for element in ElementTree.fromstring(archive.read(rels)).iter():
        if _local(element.tag) != "Relationship":
            continue
        target = element.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[element.get("Id", "")] = (path, element.get("Type", ""))
    return found


def _attribute(element: Any, name: str) -> str:
    return next((value for key, value in element.attrib.items() if _local(key) == name), "")


# --- .xlsx, .xlsm ----------------------------------------------------------------------------------------------


def xlsx_layout(archive: zipfile.ZipFile) -> BookLayout:
    """Raises defusedxml's and the SAX parser's errors for a damaged or hostile part."""
    relationships = _relationships(archive, "xl/workbook.xml")
    active, targets = 0, []
    for element in ElementTree.fromstring(archive.read("xl/workbook.xml")).iter():
        tag = _local(element.tag)
        if tag == "workbookView" and element.get("activeTab", "").isdigit():
            active = int(element.get("activeTab"))
        elif tag == "sheet":
            targets.append(relationships.get(_attribute(element, "id"), ("", "")))
    sheets = tuple(
        _xlsx_sheet(archive, path) if kind.endswith(_WORKSHEET) and path in archive.namelist() else None
        for path, kind in targets
    )
    return BookLayout(sheets, active)


class _SheetCells(ContentHandler):
    """A worksheet part's cells with a value (``<v>``, ``<is>``) or a formula (``<f>``), where a cell without
    its reference follows the one before (as the format allows)."""

    def __init__(self) -> None:
        super().__init__()
        self.tracker = CellTracker()
        self.row = self.column = -1
        self.in_cell = self.value = self.formula = False

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 - the SAX interface
        tag = _local(name)
        if tag == "row":
            number = attrs.get("r", "")
            self.row = int(number) - 1 if number.isdigit() else self.row + 1
            self.column = -1
        elif tag == "c":
            match = _CELL_REF.match(attrs.get("r", ""))
            if match:
                self.column, self.row = column_index(match.group(1).upper()), int(match.group(2)) - 1
            else:
                self.column += 1
            self.in_cell, self.value, self.formula = True, False, False
        elif self.in_cell and tag in ("v", "is"):
            self.value = True
        elif self.in_cell and tag == "f":
            self.formula = True

    def endElement(self, name: str) -> None:  # noqa: N802 - the SAX interface
        if _local(name) == "c":
            if self.value or self.formula:
                self.tracker.cell(max(self.row, 0), max(self.column, 0), formula=self.formula)
            self.in_cell = False


def _xlsx_sheet(archive: zipfile.ZipFile, path: str) -> SheetLayout:
    handler = _SheetCells()
    with archive.open(path) as stream:
        sax.parse(stream, handler, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    return handler.tracker.layout()


# --- .xlsb --------------------------------------------------------------------------------------------------

_BRT_ROW_HEADER = 0x0000
_BRT_CELLS = range(0x0002, 0x000C)  # BrtCellRk .. BrtFmlaError (0x0001 is a blank cell)
_BRT_FORMULAS = range(0x0008, 0x000C)  # BrtFmlaString, BrtFmlaNum, BrtFmlaBool, BrtFmlaError
_BRT_END_SHEET_DATA = 0x0092
_BRT_BOOK_VIEW = 0x009E
_BRT_BUNDLE_SHEET = 0x009C
_BRT_END_BUNDLE_SHEETS = 0x0090


def _varint(stream: IO[bytes], most: int) -> int | None:
    value = 0
    for shift in range(most):
        byte = stream.read(1)
        if not byte:
            if shift == 0:
                return None
            raise ValueError("a record ends inside its header")
        value |= (byte[0] & 0x7F) << (7 * shift)
        if not byte[0] & 0x80:
            break
    return value


def records(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """The records of an .xlsb part: (type, data). Raises ``ValueError`` for a record cut short."""
    while True:
        kind = _varint(stream, 2)
        if kind is None:
            return
        size = _varint(stream, 4)
        data = stream.read(size or 0)
        if size is None or len(data) != size:
            raise ValueError("a record is cut short")
        yield kind, data


def xlsb_layout(archive: zipfile.ZipFile) -> BookLayout:
    """Raises ``ValueError`` and ``struct.error`` for a damaged part."""
    relationships = _relationships(archive, "xl/workbook.bin")
    active, targets = 0, []
    with archive.open("xl/workbook.bin") as stream:
        for kind, data in records(stream):
            if kind == _BRT_BOOK_VIEW:
                active = struct.unpack_from("<i", data, 24)[0]
            elif kind == _BRT_BUNDLE_SHEET:
                size = struct.unpack_from("<I", data, 8)[0]
                relation = data[12:12 + 2 * size].decode("utf-16-le") if size != 0xFFFFFFFF else ""
                targets.append(relationships.get(relation, ("", "")))
            elif kind == _BRT_END_BUNDLE_SHEETS:
                break
    sheets = tuple(
        _xlsb_sheet(archive, path) if kind.endswith(_WORKSHEET) and path in archive.namelist() else None
        for path, kind in targets
    )
    return BookLayout(sheets, max(active, 0))


def _xlsb_sheet(archive: zipfile.ZipFile, path: str) -> SheetLayout:
    tracker = CellTracker()
    row = 0
    with archive.open(path) as stream:
        for kind, data in records(stream):
            if kind == _BRT_ROW_HEADER:
                row = struct.unpack_from("<I", data)[0]
            elif kind in _BRT_CELLS:
                tracker.cell(row, struct.unpack_from("<I", data)[0], formula=kind in _BRT_FORMULAS)
            elif kind == _BRT_END_SHEET_DATA:
                break
    return tracker.layout()
