"""Reading an incoming package's workbook with python-calamine (issue 17): openpyxl parses no cell, and what
calamine cannot see is still refused by the raw scan of the sheets' XML before any value is read: a formula
written with a namespace prefix (``<x:f>``), a formula without a value in a column without a name, a DTD after a
long comment in a part that is not a worksheet."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from pedesk.models.schema import open_database
from pedesk.services.packages.outcomes import PackageRejected
from pedesk.services.packages.validation.check import open_package
from tests.services.packages import test_hostile as hostile
from tests.services.packages.test_hostile import (
    _column,
    _pack,
    _parts,
    _title,
    _with_workbook_part,
    _xml_bomb,
)


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile tests' good package, made once for this module."""
    folder = tmp_path_factory.mktemp("good-package")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PEDESK_DATA_DIR", str(folder))
        database, _report = open_database(f"sqlite:///{folder / 'office.sqlite3'}")
        try:
            hostile._fill(database)
            return hostile._export(database, folder / "good.zip")
        finally:
            database.dispose()


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _edited(good: Path, target: Path, edit: Callable[[Any], None],
            rewrite: Callable[[bytes], bytes] = lambda body: body) -> Path:
    """The good package with its teachers' sheet edited in openpyxl, then every worksheet part rewritten."""
    manifest, data = _parts(good)
    book = openpyxl.load_workbook(io.BytesIO(data))
    edit(book[_title("teachers")])
    saved = io.BytesIO()
    book.save(saved)
    with zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as workbook:
        for name, body in parts:
            workbook.writestr(name, rewrite(body) if name.startswith("xl/worksheets/sheet") else body)
    return _pack(target, manifest, buffer.getvalue())


def _messages(package: Path) -> list[str]:
    with pytest.raises(PackageRejected) as caught:
        open_package(package)
    return [f"{problem.sheet} {problem.row} {problem.message}" for problem in caught.value.problems]


def test_openpyxl_reads_no_cell_of_a_package(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the package was read with openpyxl")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    opened = open_package(good)
    assert len(opened.sheets["teachers"]) == 3


def test_a_formula_with_a_namespace_prefix_is_refused(good: Path, tmp_path: Path) -> None:
    def edit(sheet: Any) -> None:
        sheet.cell(4, _column(sheet, "surname")).value = '=HYPERLINK("http://evil","x")'

    def prefixed(body: bytes) -> bytes:
        return body.replace(b"<f>", f'<x:f xmlns:x="{_MAIN}">'.encode()).replace(b"</f>", b"</x:f>")

    package = _edited(good, tmp_path / "prefixed.zip", edit, prefixed)
    with zipfile.ZipFile(package) as archive, zipfile.ZipFile(io.BytesIO(archive.read("data.xlsx"))) as book:
        assert any(b"<x:f " in book.read(name) for name in book.namelist())
    messages = _messages(package)
    assert any(message.startswith("teachers 4 ") and "formula" in message and "not allowed" in message
               for message in messages), messages


def test_a_formula_without_a_value_outside_the_named_columns_is_refused(good: Path, tmp_path: Path) -> None:
    def edit(sheet: Any) -> None:
        sheet.cell(3, 40).value = "=1+1"  # openpyxl keeps no value: calamine sees no cell there

    messages = _messages(_edited(good, tmp_path / "unnamed.zip", edit))
    assert any(message.startswith("teachers 3 ") and "formula" in message for message in messages), messages


def test_a_dtd_after_a_long_comment_in_the_styles_is_an_xml_bomb(good: Path, tmp_path: Path) -> None:
    package = _with_workbook_part("xl/styles.xml", _xml_bomb("<!--" + "x" * 100_000 + "-->"))(good, tmp_path / "s.zip")
    messages = _messages(package)
    assert any("XML bomb" in message for message in messages), messages
