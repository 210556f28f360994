"""Data packages (п.17) as an office sends them, and as a spreadsheet may change them afterwards: one exported
from a database, and a copy with cells of its workbook edited (its manifest made to match, as a careful forger
would), so that only the checks of what the records say can refuse it."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from pedesk.models.database import Database
from pedesk.services.packages.export import export_package
from pedesk.services.packages.spec import DATA_NAME, FIRST_DATA_ROW, MANIFEST_NAME, SPECS


def exported_package(database: Database, path: Path, start: date, end: date) -> Path:
    """The package of ``database``'s records of ``start``-``end``, written to ``path``."""
    with database.transaction("test") as session:
        export_package(session, path, start=start, end=end, label="test", by="test")
    return path


def sheet_rows(package: Path, sheet: str) -> list[dict[str, Any]]:
    """The records of ``sheet`` by column name, as the workbook holds them (row 3 first)."""
    with zipfile.ZipFile(package) as archive:
        book = openpyxl.load_workbook(io.BytesIO(archive.read(DATA_NAME)), read_only=True)
    rows = list(book[SPECS[sheet].kk[:31]].iter_rows(values_only=True))
    return [dict(zip(rows[1], row, strict=False)) for row in rows[FIRST_DATA_ROW - 1:]]


def column_of(package: Path, sheet: str, name: str) -> str:
    """The letter of column ``name`` in ``sheet`` of the package."""
    with zipfile.ZipFile(package) as archive:
        book = openpyxl.load_workbook(io.BytesIO(archive.read(DATA_NAME)), read_only=True)
    names = next(book[SPECS[sheet].kk[:31]].iter_rows(min_row=2, max_row=2, values_only=True))
    return openpyxl.utils.get_column_letter(names.index(name) + 1)


_LONGEST_CELL = 32_767  # what openpyxl (and Excel) keep of a text: a longer one goes into the XML itself


def _unbounded(data: bytes, values: list[str]) -> bytes:
    """The workbook with each text of more than 32,767 characters (which openpyxl cut) written whole."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with source, zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as book:
        for info in source.infolist():
            body = source.read(info)
            for value in values:
                body = body.replace(value[:_LONGEST_CELL].encode(), value.encode())
            book.writestr(info.filename, body)
    return buffer.getvalue()


def edited_package(package: Path, target: Path, edit: Callable[[Any], None], *, long_texts: tuple[str, ...] = ()
                   ) -> Path:
    """A copy of ``package`` at ``target`` whose workbook ``edit`` changed (it gets the workbook; a sheet is
    ``book[SPECS[name].kk[:31]]``), with the manifest's fingerprint and counts made to match. ``long_texts``:
    the texts the edit put in that are longer than a spreadsheet cell keeps, written whole."""
    with zipfile.ZipFile(package) as archive:
        manifest, data = json.loads(archive.read(MANIFEST_NAME)), archive.read(DATA_NAME)
    book = openpyxl.load_workbook(io.BytesIO(data))
    edit(book)
    for name in SPECS:
        sheet = book[SPECS[name].kk[:31]]
        manifest["counts"][name] = sum(1 for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True)
                                       if any(value not in (None, "") for value in row))
    buffer = io.BytesIO()
    book.save(buffer)
    changed = _unbounded(buffer.getvalue(), [text for text in long_texts if len(text) > _LONGEST_CELL])
    manifest["files"][DATA_NAME] = {"sha256": hashlib.sha256(changed).hexdigest(), "size": len(changed)}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False))
        archive.writestr(DATA_NAME, changed)
    return target


def set_cell(sheet: str, row: int, name: str, value: object) -> Callable[[Any], None]:
    """An edit for :func:`edited_package`: ``value`` into column ``name`` of spreadsheet row ``row``."""
    def edit(book: Any) -> None:
        worksheet = book[SPECS[sheet].kk[:31]]
        names = [cell.value for cell in worksheet[2]]
        worksheet.cell(row, names.index(name) + 1).value = value
    return edit
