"""Lists arrive as .xlsx, .xls (Excel 97-2003), .ods and .xlsb: every format is read, with its hidden sheets, its
active sheet and its formula cells known (issue 14 points 3, 4 and 8); a file protected by a password, damaged,
unpacking to something huge, reaching a far cell or not a spreadsheet at all is refused with one clear reason,
before anything is read."""

from __future__ import annotations

import sys
import zipfile
from datetime import date
from pathlib import Path

import olefile
import openpyxl
import pytest

from pedesk.services.common import cell_text
from pedesk.services.common.errors import ValidationError
from pedesk.services.common.workbooks import read_workbook
from tests.builders import run_child
from tests.builders.spreadsheets import (
    FORMATS,
    Formula,
    Sheet,
    encrypted_xlsx,
    password_ods,
    password_xls,
    spreadsheet,
)

LIST = [["Мұғалімдер тізімі"], [], ["ТАӘ", "ЖСН", "Туған күні"],
        ["Ахметов Ерлан", "850305300123", date(1985, 3, 5)], ["Серікова Айым", 900101400456, None]]


def _texts(rows: tuple[tuple[object, ...], ...]) -> list[list[str]]:
    return [[cell_text(value) for value in row if cell_text(value)] for row in rows]


def _refusal(path: Path) -> str:
    with pytest.raises(ValidationError) as caught:
        read_workbook(path)
    assert [problem.field for problem in caught.value.problems] == ["file"]
    return str(caught.value)


@pytest.mark.parametrize("suffix", FORMATS)
def test_every_format_is_read_with_its_hidden_and_active_sheets(suffix: str, tmp_path: Path) -> None:
    path = spreadsheet(tmp_path / f"list.{suffix}", [
        Sheet("Ескі", [["ТАӘ", "ЖСН"], ["Жасырын Адам", "1"]], "hidden"), Sheet("Тізім", LIST),
        Sheet("Қызмет", [["x"]], "veryHidden"), Sheet("Ескерту", [["Тізімді толтырыңыз"]]),
    ], active=1)
    sheets = read_workbook(path)
    assert [(sheet.name, sheet.visible, sheet.active) for sheet in sheets] == [
        ("Ескі", False, False), ("Тізім", True, True), ("Қызмет", False, False), ("Ескерту", True, False)]
    assert [sheet.rows for sheet in sheets if not sheet.visible] == [(), ()]  # never read
    rows = _texts(sheets[1].rows)
    assert rows[0] == ["Мұғалімдер тізімі"] and rows[1] == [] and rows[2] == ["ТАӘ", "ЖСН", "Туған күні"]
    assert rows[3][:2] == ["Ахметов Ерлан", "850305300123"] and rows[4] == ["Серікова Айым", "900101400456"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_formula_cells_are_known_in_every_format(suffix: str, tmp_path: Path) -> None:
    path = spreadsheet(tmp_path / f"list.{suffix}", [Sheet("Тізім", [
        ["ТАӘ", "ЖСН", "Жасы"], ["Ахметов Ерлан", Formula("1+2", 3), 40], ["Серікова Айым", "1", Formula("A1", "x")],
    ])])
    assert read_workbook(path)[0].formulas == {(1, 1), (2, 2)}


@pytest.mark.parametrize("protect", [encrypted_xlsx, password_xls, password_ods], ids=["xlsx", "xls", "ods"])
def test_a_password_protected_file_is_refused_with_that_reason(protect: object, tmp_path: Path) -> None:
    suffix = {"encrypted_xlsx": ".xlsx", "password_xls": ".xls", "password_ods": ".ods"}[protect.__name__]  # type: ignore[attr-defined]
    path = protect(tmp_path / f"list{suffix}", LIST)  # type: ignore[operator]
    assert _refusal(path) == (
        f"The file {path.name} is protected by a password. Open it in Excel, remove the password (File > Info > "
        "Protect workbook), save and choose it again.")


def test_a_format_is_told_by_content_not_by_name(tmp_path: Path) -> None:
    for suffix in FORMATS:
        path = spreadsheet(tmp_path / f"list.{suffix}", [Sheet("Тізім", LIST)])
        renamed = path.rename(tmp_path / f"{suffix}-list.xlsx")
        assert _texts(read_workbook(renamed)[0].rows)[2] == ["ТАӘ", "ЖСН", "Туған күні"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_truncated_file_is_damaged(suffix: str, tmp_path: Path) -> None:
    data = spreadsheet(tmp_path / f"good.{suffix}", [Sheet("Тізім", LIST * 40)]).read_bytes()
    broken = tmp_path / f"broken.{suffix}"
    broken.write_bytes(data[: len(data) * 2 // 3])
    assert "is damaged and cannot be read" in _refusal(broken)


def test_what_is_not_a_spreadsheet_is_refused(tmp_path: Path) -> None:
    letter = tmp_path / "letter.docx"
    with zipfile.ZipFile(letter, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    old_letter = tmp_path / "letter.doc"  # an OLE file of another program: its stream is not a workbook's
    xls = spreadsheet(tmp_path / "a.xls", [Sheet("a", [["a"]])]).read_bytes()
    old_letter.write_bytes(xls.replace("Workbook".encode("utf-16-le"), "WordDocu".encode("utf-16-le")))
    with olefile.OleFileIO(str(old_letter)) as ole:
        assert ole.exists("WordDocu") and not ole.exists("Workbook")
    text = tmp_path / "list.ods"
    text.write_text("ТАӘ;ЖСН\n", encoding="utf-8")
    for path in (letter, old_letter, text):
        assert "is not an Excel workbook (.xlsx), nor any other spreadsheet pedesk reads (.xlsm, .xls, .xlsb, " \
               ".ods)" in _refusal(path)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = spreadsheet(tmp_path / "list.xlsx", [Sheet("Тізім", LIST)])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/media/padding.bin", "w", force_zip64=True) as big:
        for _chunk in range(401):
            big.write(bytes(1024 * 1024))
    assert path.stat().st_size < 5 * 1024 * 1024
    assert "unpacks to more data than a list can hold" in _refusal(path)


def test_an_xml_bomb_is_refused(tmp_path: Path) -> None:
    path = spreadsheet(tmp_path / "list.xlsx", [Sheet("Тізім", LIST)])
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
              '<c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(path) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    parts["xl/worksheets/sheet1.xml"] = laughs.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    assert "is damaged and cannot be read" in _refusal(path)


_FAR = """
import sys
from pedesk import i18n
from pedesk.services.common.errors import ValidationError
from pedesk.services.common.workbooks import read_workbook
i18n.set_language("en")
try:
    read_workbook(sys.argv[1])
except ValidationError as exc:
    print(exc)
"""


def test_a_small_file_with_one_far_cell_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A 5 KB file with a cell at XFD1000 would be laid out as 16 million cells, one at XFD1048576 as 17 billion
    (the reader then takes all the memory there is, or aborts the process): both are refused, in a child so that
    a regression cannot take the tests down with it; and so is an .ods repeating one cell over 10 million."""
    bombs: list[tuple[Path, str]] = []
    for cell in ("XFD1000", "XFD1048576"):
        book = openpyxl.Workbook()
        book.active.title = "Тізім"
        book.active.append(["ТАӘ", "ЖСН"])
        book.active[cell] = "x"
        book.save(tmp_path / f"{cell}.xlsx")
        bombs.append((tmp_path / f"{cell}.xlsx", cell))
    ods = spreadsheet(tmp_path / "far.ods", [Sheet("Тізім", [["ТАӘ", "ЖСН"]])])
    with zipfile.ZipFile(ods) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    parts["content.xml"] = parts["content.xml"].replace(
        b"</table:table-row>", b'</table:table-row><table:table-row table:number-rows-repeated="10000">'
        b'<table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p>'
        b"</table:table-cell></table:table-row>", 1)
    with zipfile.ZipFile(ods, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    bombs.append((ods, "ALL10001"))
    for bomb, cell in bombs:
        done = run_child([sys.executable, "-c", _FAR, str(bomb)])
        assert done.code == 0 and bomb.stat().st_size < 10_000, done.stderr
        assert done.stdout.strip() == (
            f"The sheet Тізім of the file {bomb.name} has more than 200000 rows. Split the file."
            if cell == "XFD1048576" else
            f"The sheet Тізім of the file {bomb.name} has values as far as cell {cell}, farther than a list reaches. "
            "Delete the rows and columns after the list (or clear that cell), save and choose the file again.")


def test_a_sheet_of_more_rows_than_a_list_is_refused(tmp_path: Path) -> None:
    path = spreadsheet(tmp_path / "long.xls", [Sheet("Тізім", [["ТАӘ", "ЖСН"], *([["a", "1"]] * 30)])])
    with pytest.raises(ValidationError, match="has more than 20 rows. Split the file"):
        read_workbook(path, max_rows=20)
