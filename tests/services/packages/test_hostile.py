"""Opening a data package (п.17) before anything is imported: a real package reads back with typed values, and
hostile or broken ones (a truncated ZIP, unsafe entry names, links, a zip bomb, a lying size header, an XML
bomb, a changed byte, a wrong manifest, a missing sheet or column, bad cells, a formula, a duplicate key ...)
are refused with a message that says what is wrong and where, and leave the database as it was (byte for byte on
SQLite, row for row on PostgreSQL)."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import struct
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy.orm import Session

from pedesk.models.database import Database
from pedesk.models.schema import open_database
from pedesk.services.certificates.issuing import issue_for_cohort
from pedesk.services.packages.export import export_package
from pedesk.services.packages.outcomes import PackageProblem, PackageRejected
from pedesk.services.packages.spec import DATA_NAME, FIRST_DATA_ROW, MANIFEST_NAME, SPECS
from pedesk.services.packages.validation.check import MAX_PROBLEMS, OpenedPackage, open_package
from pedesk.services.rules.iin import make_iin
from tests.builders import cohort, make_bin, orleu, programme, signing_office, stored, teacher, trained

TODAY = date.today()
COURSE_END = date(2026, 3, 20)
ISSUED = date(2026, 3, 25)
BORN = (date(2001, 5, 3), date(1980, 4, 7), date(1985, 10, 18))  # the first IIN starts with 0


BIN = make_bin(123)


def _build_world(session: Session) -> int:
    """An own office, a provider, a programme, a cohort of three teachers who all passed; the cohort's id."""
    office = signing_office(session, name_kk="Қарағанды ӘК", name_ru="Карагандинский МК")
    host = orleu(session, bin=BIN)
    course = programme(session, office, "P72", "Бағдарлама", "Программа", 72)
    group = cohort(session, office, course, "K-1", COURSE_END, host=host, capacity=25)
    for serial, born in enumerate(BORN, 1):
        person = teacher(session, serial, f"Әлібекова{serial}", "Гүлнар",
                         patronymic="Серікқызы" if serial == 2 else None, birth=born)
        trained(session, group, person, applied_on=COURSE_END - timedelta(days=20),
                contract_amount=Decimal("12500.50") if serial == 1 else None)
    session.flush()
    return group.id


def _fill(database: Database) -> None:
    with database.transaction("test") as session:
        cohort = _build_world(session)
    with database.transaction("test", immediate=True) as session:
        issue_for_cohort(session, cohort, on=ISSUED, today=ISSUED, by="test")


def _export(database: Database, path: Path) -> Path:
    with database.transaction("test") as session:
        export_package(session, path, start=TODAY - timedelta(days=365), end=TODAY + timedelta(days=1),
                       label="test", by="test")
    return path


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real package for the whole module (every broken one is derived from it). A package is a file: it is
    made once, from a SQLite database, whatever back-end the tests that import it run on."""
    folder = tmp_path_factory.mktemp("good-package")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PEDESK_DATA_DIR", str(folder))
        database, _report = open_database(f"sqlite:///{folder / 'office.sqlite3'}")
        try:
            _fill(database)
            return _export(database, folder / "good.zip")
        finally:
            database.dispose()


# --- Rewriting packages ---------------------------------------------------------------------------------------


def _parts(package: Path) -> tuple[dict[str, Any], bytes]:
    with zipfile.ZipFile(package) as archive:
        return json.loads(archive.read(MANIFEST_NAME)), archive.read(DATA_NAME)


def _zip(target: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about a duplicate name: that is the point
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return target


def _pack(target: Path, manifest: dict[str, Any] | bytes, data: bytes, *, fingerprint: bool = True,
          extra: list[tuple[str | zipfile.ZipInfo, bytes]] | None = None) -> Path:
    """A package of ``manifest`` and ``data``; ``fingerprint``: the manifest describes ``data`` as it is."""
    if isinstance(manifest, dict):
        if fingerprint:
            manifest["files"][DATA_NAME] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        manifest = json.dumps(manifest, ensure_ascii=False).encode()
    return _zip(target, [(MANIFEST_NAME, manifest), (DATA_NAME, data), *(extra or [])])


def _with_manifest(edit: Callable[[dict[str, Any]], None]) -> Callable[[Path, Path], Path]:
    def make(good: Path, target: Path) -> Path:
        manifest, data = _parts(good)
        edit(manifest)
        return _pack(target, manifest, data, fingerprint=False)
    return make


def _column(sheet: Any, name: str) -> int:
    return next(cell.column for cell in sheet[2] if cell.value == name)


def _title(sheet: str) -> str:
    return SPECS[sheet].kk[:31]


def _with_workbook(sheet: str, edit: Callable[[Any], None], *, extra_rows: int = 0) -> Callable[[Path, Path], Path]:
    """A package whose workbook was edited in a spreadsheet (and whose manifest was made to match)."""
    def make(good: Path, target: Path) -> Path:
        manifest, data = _parts(good)
        book = openpyxl.load_workbook(io.BytesIO(data))
        edit(book[_title(sheet)] if sheet else book)
        buffer = io.BytesIO()
        book.save(buffer)
        manifest["counts"][sheet or "teachers"] += extra_rows
        return _pack(target, manifest, buffer.getvalue())
    return make


def _set(name: str, row: int, value: object) -> Callable[[Any], None]:
    def edit(sheet: Any) -> None:
        sheet.cell(row, _column(sheet, name)).value = value
    return edit


def _with_workbook_part(part: str, content: Callable[[bytes], bytes]) -> Callable[[Path, Path], Path]:
    """A package whose workbook has one XML part replaced, byte for byte (and a manifest to match)."""
    def make(good: Path, target: Path) -> Path:
        manifest, data = _parts(good)
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            parts = [(info.filename, source.read(info)) for info in source.infolist()]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as book:
            for name, body in parts:
                book.writestr(name, content(body) if name == part else body)
        return _pack(target, manifest, buffer.getvalue())
    return make


_LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
_BILLION_LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY lol0 "lol">' + _LAUGHS + ']>'
                   '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                   '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


def _xml_bomb(prolog: str = "") -> Callable[[bytes], bytes]:
    return lambda _body: ('<?xml version="1.0" encoding="UTF-8"?>' + prolog + _BILLION_LAUGHS).encode()


def _with_entry(name: str | zipfile.ZipInfo, body: bytes = b"evil") -> Callable[[Path, Path], Path]:
    def make(good: Path, target: Path) -> Path:
        manifest, data = _parts(good)
        return _pack(target, manifest, data, extra=[(name, body)])
    return make


def _symlink(good: Path, target: Path) -> Path:
    manifest, _data = _parts(good)
    link = zipfile.ZipInfo(DATA_NAME)
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    return _zip(target, [(MANIFEST_NAME, json.dumps(manifest).encode()), (link, b"/etc/passwd")])


def _many_entries(good: Path, target: Path) -> Path:
    manifest, data = _parts(good)
    return _pack(target, manifest, data, extra=[(f"part{n}.txt", b"") for n in range(40)])


def _zip_bomb(good: Path, target: Path) -> Path:
    """data.xlsx replaced by 300 MB of zeros that pack into about 1 MB, written as a stream."""
    manifest, _data = _parts(good)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(MANIFEST_NAME, json.dumps(manifest))
        with archive.open(DATA_NAME, "w") as entry:
            zeros = bytes(1024 * 1024)
            for _n in range(300):
                entry.write(zeros)
    return target


def _patch_size(package: Path, name: str, size: int) -> None:
    """Make the local and the central header of ``name`` declare ``size`` unpacked bytes."""
    raw = bytearray(package.read_bytes())
    end = raw.rfind(b"PK\x05\x06")
    (at,) = struct.unpack_from("<I", raw, end + 16)  # where the central directory starts
    while raw[at:at + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", raw, at + 28)
        if raw[at + 46:at + 46 + name_length] == name.encode():
            struct.pack_into("<I", raw, at + 24, size)
            (local,) = struct.unpack_from("<I", raw, at + 42)
            struct.pack_into("<I", raw, local + 22, size)
        at += 46 + name_length + extra_length + comment_length
    package.write_bytes(bytes(raw))


def _lying_header(good: Path, target: Path) -> Path:
    """The zip bomb, with headers that declare a small, harmless size."""
    _zip_bomb(good, target)
    _patch_size(target, DATA_NAME, 20_000)
    return target


def _changed_byte(good: Path, target: Path) -> Path:
    manifest, data = _parts(good)
    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0x01
    return _pack(target, manifest, bytes(changed), fingerprint=False)


def _truncated(good: Path, target: Path) -> Path:
    target.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return target


def _not_a_zip(good: Path, target: Path) -> Path:
    target.write_text("Бұл пакет емес: just a text file named .zip\n", encoding="utf-8")
    return target


def _manifest_not_json(good: Path, target: Path) -> Path:
    _manifest, data = _parts(good)
    return _pack(target, b'{"format": "pedesk-package", "format_version": 1,', data)


def _duplicate_teacher(book_sheet: Any) -> None:
    book_sheet.append([cell.value for cell in book_sheet[FIRST_DATA_ROW]])


def _bad_iin(sheet: Any) -> None:
    cell = sheet.cell(FIRST_DATA_ROW, _column(sheet, "iin"))
    cell.value = cell.value[:11] + str((int(cell.value[11]) + 1) % 10)


def _heading(sheet: str, column: str) -> str:
    return SPECS[sheet].column(column).heading


@dataclass(frozen=True)
class Broken:
    """A broken package: how to make it from the good one, words its message must hold, and where it is."""

    make: Callable[[Path, Path], Path]
    words: tuple[str, ...]
    sheet: str = ""
    row: int | None = None
    column: str = ""


BROKEN: dict[str, Broken] = {
    "truncated zip": Broken(_truncated, ("only part of it arrived", "send the package file again")),
    "not a zip at all": Broken(_not_a_zip, ("not a pedesk package",)),
    "a ../ entry": Broken(_with_entry("../evil"), ("unsafe name", "../evil")),
    "an absolute path": Broken(_with_entry("/tmp/evil"), ("unsafe name", "/tmp/evil")),
    "a backslash path": Broken(_with_entry("..\\evil"), ("unsafe name",)),
    "a drive letter": Broken(_with_entry("C:/evil"), ("unsafe name", "C:/evil")),
    "an extra entry": Broken(_with_entry("notes.txt"), ('"notes.txt"', "never holds", "export it again")),
    "a symlink entry": Broken(_symlink, ("a folder or a link", DATA_NAME)),
    "a directory entry": Broken(_with_entry("xl/", b""), ("a folder or a link",)),
    "a duplicate entry": Broken(_with_entry(MANIFEST_NAME, b"{}"), ("twice", MANIFEST_NAME)),
    "too many entries": Broken(_many_entries, ("far more files",)),
    "a zip bomb": Broken(_zip_bomb, ("zip bomb", "300 MB")),
    "a lying size header": Broken(_lying_header, ("damaged", DATA_NAME)),
    "an XML bomb": Broken(_with_workbook_part("xl/worksheets/sheet1.xml", _xml_bomb()),
                          ("XML bomb", "xl/worksheets/sheet1.xml")),
    "an XML bomb after a long comment": Broken(
        _with_workbook_part("xl/worksheets/sheet6.xml", _xml_bomb("<!--" + "x" * 100_000 + "-->")), ("XML bomb",)),
    "a changed byte": Broken(_changed_byte, ("changed after it was made or damaged in transit",)),
    "manifest not JSON": Broken(_manifest_not_json, ("manifest", "not a JSON object")),
    "a wrong format name": Broken(_with_manifest(lambda m: m.update(format="excel-export")),
                                  ("not a pedesk data package", "excel-export")),
    "a newer format version": Broken(_with_manifest(lambda m: m.update(format_version=2)),
                                     ("newer pedesk", "Update pedesk")),
    "a reversed period": Broken(_with_manifest(lambda m: m["period"].update({"from": "2026-12-31"})),
                                ("ends", "before it starts")),
    "a missing count": Broken(_with_manifest(lambda m: m["counts"].pop("certificates")), ('"counts.certificates"',)),
    "a missing sheet": Broken(_with_workbook("", lambda book: book.remove(book[_title("teachers")])),
                              ('no sheet "Педагогтер"',), "teachers"),
    "a renamed column": Broken(_with_workbook("teachers", _set("iin", 2, "iin_number")),
                               ('no column "iin"',), "teachers", 2, _heading("teachers", "iin")),
    "a count mismatch": Broken(_with_manifest(lambda m: m["counts"].update(teachers=4)),
                               ("has 3 rows of records", "says 4"), "teachers"),
    "a bad IIN": Broken(_with_workbook("teachers", _bad_iin), ("check-digit", "column A"),
                        "teachers", FIRST_DATA_ROW, _heading("teachers", "iin")),
    "an IIN against the birth date": Broken(_with_workbook("teachers", _set("birth_date", 4, datetime(1999, 1, 1))),
                                            ("does not match the IIN",), "teachers", 4,
                                            _heading("teachers", "birth_date")),
    "a date that is not a date": Broken(_with_workbook("cohorts", _set("start_date", 3, "next spring")),
                                        ('"next spring" is not a date',), "cohorts", 3,
                                        _heading("cohorts", "start_date")),
    "a word for a number": Broken(_with_workbook("programmes", _set("hours", 3, "seventy-two")),
                                  ("not a whole number",), "programmes", 3, _heading("programmes", "hours")),
    "an empty required cell": Broken(_with_workbook("teachers", _set("name", 5, None)),
                                     ("must be filled in",), "teachers", 5, _heading("teachers", "name")),
    "a bad BIN": Broken(_with_workbook("providers", _set("bin", 3, "123456789012")), ("BIN", "check-digit"),
                        "providers", 3, _heading("providers", "bin")),
    "a control character": Broken(_with_workbook("teachers", _set("surname", 3, "Әлібекова\x7f")),
                                  ("control characters",), "teachers", 3, _heading("teachers", "surname")),
    "a formula in a cell": Broken(_with_workbook("teachers", _set("surname", 4, '=HYPERLINK("http://evil","x")')),
                                  ("formula", "not allowed"), "teachers", 4, _heading("teachers", "surname")),
    "an empty row between records": Broken(_with_workbook("teachers", lambda sheet: sheet.insert_rows(4), extra_rows=1),
                                           ("row 4 is empty", "more records follow"), "teachers", 4),
    "a value in a column without a name": Broken(_with_workbook("teachers", lambda sheet: sheet.cell(3, 40, "hidden")),
                                                 ('column AN: the cell holds "hidden"', "no name in row 2"),
                                                 "teachers", 3),
    "a duplicate key": Broken(_with_workbook("teachers", _duplicate_teacher, extra_rows=1),
                              ("the same", "as row 3"), "teachers", 6, _heading("teachers", "iin")),
}


@pytest.fixture(scope="module")
def broken_files(good: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Each broken package, made once for the module."""
    folder = tmp_path_factory.mktemp("broken-packages")
    made: dict[str, Path] = {}

    def get(case: str) -> Path:
        if case not in made:
            made[case] = BROKEN[case].make(good, folder / f"{len(made):02d}.zip")
        return made[case]
    return get


def _matching(problems: list[PackageProblem], case: Broken) -> list[PackageProblem]:
    return [problem for problem in problems
            if all(word.lower() in problem.message.lower() for word in case.words)
            and (problem.sheet, problem.column) == (case.sheet, case.column)
            and (case.row is None or problem.row == case.row)]


# --- A real package reads back --------------------------------------------------------------------------------


def test_a_real_package_reads_back_with_typed_values(good: Path) -> None:
    opened = open_package(good)
    manifest, _data = _parts(good)
    assert isinstance(opened, OpenedPackage)
    assert opened.file_name == "good.zip" and opened.sha256 == hashlib.sha256(good.read_bytes()).hexdigest()
    assert list(opened.sheets) == list(SPECS) and opened.manifest == manifest
    assert {name: len(rows) for name, rows in opened.sheets.items()} == manifest["counts"]
    teachers = opened.sheets["teachers"]
    assert [row.number for row in teachers] == [3, 4, 5]
    first = teachers[0].values
    assert first["iin"] == make_iin(BORN[0], "female", 1) and first["iin"].startswith("0")
    assert first["birth_date"] == BORN[0] and type(first["birth_date"]) is date
    assert first["patronymic"] == "" and first["category_valid_until"] is None
    assert teachers[1].values["patronymic"] == "Серікқызы"
    assert isinstance(first["created_at"], datetime)
    assert opened.sheets["providers"][0].values["bin"] == BIN
    assert opened.sheets["programmes"][0].values["hours"] == 72
    assert opened.sheets["programmes"][0].values["abroad"] is False
    cohort = opened.sheets["cohorts"][0].values
    assert (cohort["office"], cohort["code"], cohort["start_date"]) == ("KRG", "K-1", date(2026, 3, 9))
    assessment = opened.sheets["assessments"][0].values
    assert assessment["score"] == Decimal(80) and isinstance(assessment["score"], Decimal)
    assert assessment["passed"] is True and assessment["attempt"] == 1
    amounts = [row.values["contract_amount"] for row in opened.sheets["enrolments"]]
    assert Decimal("12500.5") in amounts and None in amounts
    certificate = opened.sheets["certificates"][0].values
    assert certificate["issue_date"] == ISSUED and certificate["annulled_at"] is None
    assert json.loads(str(certificate["snapshot"]))["number"] == certificate["number"]


def test_what_a_spreadsheet_may_do_to_values_is_accepted(good: Path, tmp_path: Path) -> None:
    """An IIN that became a number, a date written as text, yes/no as 1/0, a number in a text column, trailing
    spaces, blank rows after the records: all read as the package meant them."""
    iin = make_iin(BORN[0], "female", 1)

    def edit(book: Any) -> None:
        teachers = book[_title("teachers")]
        teachers.cell(3, _column(teachers, "iin")).value = int(iin)
        teachers.cell(3, _column(teachers, "phone")).value = 87011234567
        teachers.cell(3, _column(teachers, "surname")).value = "Әлібекова1   "
        cohorts = book[_title("cohorts")]
        cohorts.cell(3, _column(cohorts, "start_date")).value = "2026-03-09"
        programmes = book[_title("programmes")]
        programmes.cell(3, _column(programmes, "abroad")).value = 1
        teachers.cell(40, 2).value = "   "  # blank rows after the records do not count

    opened = open_package(_with_workbook("", edit)(good, tmp_path / "edited.zip"))
    teacher = opened.sheets["teachers"][0].values
    assert (teacher["iin"], teacher["phone"], teacher["surname"]) == (iin, "87011234567", "Әлібекова1")
    assert opened.sheets["cohorts"][0].values["start_date"] == date(2026, 3, 9)
    assert opened.sheets["programmes"][0].values["abroad"] is True


def test_progress_is_reported_and_the_temporary_folder_is_removed(good: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   broken_files: Callable[[str], Path]) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    calls: list[tuple[int, int, str]] = []
    open_package(good, progress=lambda done, total, stage: calls.append((done, total, stage)))
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1] and len(calls) == len(SPECS) + 2
    with pytest.raises(PackageRejected):
        open_package(broken_files("a formula in a cell"))
    assert list(scratch.iterdir()) == []


# --- Broken packages are refused ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_package_is_refused_with_a_clear_message(case: str, broken_files: Callable[[str], Path]) -> None:
    with pytest.raises(PackageRejected) as caught:
        open_package(broken_files(case))
    problems = caught.value.problems
    assert _matching(problems, BROKEN[case]), "\n".join(map(str, problems))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(PackageRejected) as caught:
        open_package(tmp_path / "nowhere.zip")
    assert "nowhere.zip does not exist" in caught.value.problems[0].message


def test_a_renamed_column_is_named_too(broken_files: Callable[[str], Path]) -> None:
    with pytest.raises(PackageRejected) as caught:
        open_package(broken_files("a renamed column"))
    messages = [problem.message for problem in caught.value.problems]
    assert any('"iin_number" is not a column name' in message and "row 2, column A" in message for message in messages)


def test_without_defusedxml_nothing_is_parsed(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(PackageRejected) as caught:
        open_package(good)
    assert "defusedxml" in caught.value.problems[0].message


def test_every_bad_cell_is_one_problem_and_the_list_is_bounded(good: Path, tmp_path: Path) -> None:
    """300 rows with a broken IIN each: 200 problems listed, the rest counted in a last line."""
    def edit(sheet: Any) -> None:
        template = [cell.value for cell in sheet[FIRST_DATA_ROW]]
        column = _column(sheet, "iin") - 1
        for n in range(300):
            row = list(template)
            row[column] = f"12345{n:07d}"[:12]
            sheet.append(row)

    with pytest.raises(PackageRejected) as caught:
        open_package(_with_workbook("teachers", edit, extra_rows=300)(good, tmp_path / "many.zip"))
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert all(problem.sheet == "teachers" for problem in problems[:-1])
    assert "... and 100 more problems" in problems[-1].message


# --- The database stays as it was -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(BROKEN))
def test_importing_a_broken_package_leaves_the_database_as_it_was(
        case: str, database: Database, broken_files: Callable[[str], Path]) -> None:
    try:
        from pedesk.services.packages.importing import import_package
    except ImportError:
        pytest.skip("pedesk.services.packages.importing is not there yet")
    package = broken_files(case)
    _fill(database)
    database.dispose()
    before = stored(database.url)
    with pytest.raises(PackageRejected), database.transaction("test", immediate=True) as session:
        import_package(session, package, today=TODAY, by="test")
    database.dispose()
    assert stored(database.url) == before


def test_the_comparison_sees_a_real_import(database: Database, good: Path) -> None:
    """The control for the test above: importing the good package does change the database (its log at least)."""
    try:
        from pedesk.services.packages.importing import import_package
    except ImportError:
        pytest.skip("pedesk.services.packages.importing is not there yet")
    _fill(database)
    database.dispose()
    before = stored(database.url)
    with database.transaction("test", immediate=True) as session:
        import_package(session, good, today=TODAY, by="test")
    database.dispose()
    assert stored(database.url) != before
