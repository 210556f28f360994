"""The layout (see :mod:`.layout`) of an OpenDocument spreadsheet (.ods, as LibreOffice writes it): the active
sheet from ``settings.xml`` (its ``ActiveTable``) and, from ``content.xml``, each sheet's cells holding a
formula (``table:formula``) and its farthest cell with a value, where rows and cells repeated
(``number-rows-repeated``, ``number-columns-repeated``) count as often as they repeat. Parsed through defusedxml.
No Qt.
"""

from __future__ import annotations

import zipfile
from typing import Any
from xml.sax.handler import ContentHandler

from defusedxml import ElementTree, sax  # type: ignore[import-untyped, unused-ignore]

from pedesk.services.common.opening.layout import BookLayout, CellTracker

__all__ = ["ods_layout"]

_MAX_REPEAT = 1 << 20  # the most rows a sheet has (and far more columns than it has)
_CELLS = ("table-cell", "covered-table-cell")


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _attributes(attrs: Any) -> dict[str, str]:
    return {_local(key): value for key, value in attrs.items()}


def _repeat(value: str | None) -> int:
    return min(int(value), _MAX_REPEAT) if value and value.isdigit() and int(value) > 0 else 1


class _Tables(ContentHandler):
    """The top-level tables of ``content.xml``: their names and cells (a table inside a cell is skipped)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.trackers: list[CellTracker] = []
        self.depth = 0  # tables open (1: a sheet)
        self.row = 0
        self.row_repeat = 1
        self.column = 0
        self.cell: dict[str, Any] | None = None

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 - the SAX interface
        tag = _local(name)
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.names.append(_attributes(attrs).get("name", ""))
                self.trackers.append(CellTracker())
                self.row = 0
        elif self.depth != 1:
            return
        elif tag == "table-row":
            self.row_repeat, self.column = _repeat(_attributes(attrs).get("number-rows-repeated")), 0
        elif tag in _CELLS:
            found = _attributes(attrs)
            self.cell = {"columns": _repeat(found.get("number-columns-repeated")), "formula": "formula" in found,
                         "value": "value-type" in found or "formula" in found}
        elif self.cell is not None and tag == "p":
            self.cell["value"] = True

    def endElement(self, name: str) -> None:  # noqa: N802 - the SAX interface
        tag = _local(name)
        if tag == "table":
            self.depth -= 1
        elif self.depth != 1:
            return
        elif tag in _CELLS and self.cell is not None:
            columns = self.cell["columns"]
            if self.cell["value"]:
                self.trackers[-1].cell(self.row, self.column, formula=self.cell["formula"], rows=self.row_repeat,
                                       columns=columns)
            self.column += columns
            self.cell = None
        elif tag == "table-row":
            self.row += self.row_repeat


def ods_layout(archive: zipfile.ZipFile) -> BookLayout:
    """Raises defusedxml's and the SAX parser's errors for a damaged or hostile part."""
    tables = _Tables()
    with archive.open("content.xml") as stream:
        sax.parse(stream, tables, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    active = _active_table(archive)
    index = tables.names.index(active) if active in tables.names else 0
    return BookLayout(tuple(tracker.layout() for tracker in tables.trackers), index)


def _active_table(archive: zipfile.ZipFile) -> str:
    if "settings.xml" not in archive.namelist():
        return ""
    for element in ElementTree.fromstring(archive.read("settings.xml")).iter():
        if element.tag.rpartition("}")[2] == "config-item" and any(
            key.rpartition("}")[2] == "name" and value == "ActiveTable" for key, value in element.attrib.items()
        ):
            return str(element.text or "")
    return ""
