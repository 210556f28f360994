"""The values of an incoming package's workbook (п.17), read with python-calamine (Rust: fast, and it expands
no XML entity), and the cells that hold a formula, found by a raw scan of each worksheet's XML before any value
is read: calamine shows a formula's last value, never the formula, and a package must hold values only.

The scan streams each worksheet part and looks for an element named ``f`` in any namespace (``<f>``,
``<x:f>``); only a part where one is found is parsed (through defusedxml, no DTD, no entity) to say which cells
hold one. The workbook's parts were checked for XML bombs (:mod:`.workbook`) before. No Qt, no database.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.handler import ContentHandler

from defusedxml import ElementTree, sax  # type: ignore[import-untyped, unused-ignore]

__all__ = ["BookValues", "SheetValues", "read_book"]

_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?f[\s/>]")
_CHUNK = 1 << 20
_OVERLAP = 256  # a tag split between two chunks is still seen
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
_WORKSHEET = "/worksheet"


def _local(tag: str) -> str:
    return tag.rpartition("}")[2].rpartition(":")[2]


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number - 1


@dataclass
class SheetValues:
    """One worksheet: its title, its rows (0-based, read lazily) and the formula of each (row, column) that has
    one (0-based)."""

    title: str
    book: Any
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    def rows(self) -> Iterator[list[Any]]:
        """Every row from row 1 (blank cells as ""); the sheet is loaded only now, one sheet at a time."""
        sheet = self.book.get_sheet_by_name(self.title)
        start = sheet.start or (0, 0)
        for _blank in range(start[0]):
            yield []
        pad = [""] * start[1]
        for row in sheet.iter_rows():
            yield pad + row if pad else row


@dataclass
class BookValues:
    """The worksheets of a workbook, in the order of its tabs."""

    worksheets: list[SheetValues]


class _Formulas(ContentHandler):
    """The cells of a worksheet part that hold a formula, with its text."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[tuple[int, int], str] = {}
        self.row = self.column = -1
        self.text: list[str] | None = None

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 - the SAX interface
        tag = _local(name)
        if tag == "row":
            number = attrs.get("r", "")
            self.row = int(number) - 1 if number.isdigit() else self.row + 1
            self.column = -1
        elif tag == "c":
            match = _CELL_REF.match(attrs.get("r", ""))
            if match:
                self.column, self.row = _column(match.group(1)), int(match.group(2)) - 1
            else:
                self.column += 1
        elif tag == "f":
            self.text = []

    def characters(self, content: str) -> None:
        if self.text is not None:
            self.text.append(content)

    def endElement(self, name: str) -> None:  # noqa: N802 - the SAX interface
        if _local(name) == "f" and self.text is not None:
            self.found[(max(self.row, 0), max(self.column, 0))] = "=" + "".join(self.text)
            self.text = None


def _may_hold_formulas(archive: zipfile.ZipFile, part: str) -> bool:
    tail = b""
    with archive.open(part) as stream:
        for block in iter(lambda: stream.read(_CHUNK), b""):
            if _FORMULA_TAG.search(tail + block):
                return True
            tail = block[-_OVERLAP:]
    return False


def _formulas(archive: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    if not part or part not in archive.namelist() or not _may_hold_formulas(archive, part):
        return {}
    handler = _Formulas()
    with archive.open(part) as stream:
        sax.parse(stream, handler, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    return handler.found


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(title, worksheet part) of every sheet of the workbook, in the order of its tabs ("" for a chart)."""
    rels = "xl/_rels/workbook.xml.rels"
    targets: dict[str, tuple[str, str]] = {}
    if rels in archive.namelist():
        for element in ElementTree.fromstring(archive.read(rels)).iter():
            if _local(element.tag) == "Relationship":
                target = element.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join("xl", target))
                targets[element.get("Id", "")] = (path, element.get("Type", ""))
    sheets = []
    for element in ElementTree.fromstring(archive.read("xl/workbook.xml")).iter():
        if _local(element.tag) == "sheet":
            relation = next((value for key, value in element.attrib.items() if _local(key) == "id"), "")
            path, kind = targets.get(relation, ("", ""))
            sheets.append((element.get("name", ""), path if kind.endswith(_WORKSHEET) else ""))
    return sheets


def read_book(path: Path, book: Any) -> BookValues:
    """The worksheets of the workbook at ``path`` (opened by calamine as ``book``) with their formula cells.
    Raises defusedxml's, the SAX parser's and zipfile's errors for a damaged or hostile part."""
    import python_calamine

    with zipfile.ZipFile(path) as archive:
        parts = dict(_sheet_parts(archive))
        found = {title: _formulas(archive, part) for title, part in parts.items()}
    worksheets = []
    for metadata in book.sheets_metadata:
        if metadata.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue
        worksheets.append(SheetValues(metadata.name, book, found.get(metadata.name, {})))
    return BookValues(worksheets)
