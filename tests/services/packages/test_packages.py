"""Data packages (п.17): export -> import into an empty database -> export again gives the same rows (over
generated demo regions), a second import changes nothing, two offices merge at the region, conflicts are
reported and not overwritten, an owner's newer record updates ours, a dry run changes nothing, and the
receipt reads back."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import func, select, text

from pedesk.models import Office, Teacher
from pedesk.models.database import Database
from pedesk.models.schema import open_database
from pedesk.services.demo.region import generate_demo
from pedesk.services.packages.export import export_package
from pedesk.services.packages.importing import import_package, write_receipt
from pedesk.services.packages.outcomes import PackageRejected
from pedesk.services.packages.spec import DATA_NAME, FIRST_DATA_ROW, MANIFEST_NAME, SPECS
from tests.backends import Backend

TODAY = date(2026, 11, 25)
H2 = (date(2026, 7, 1), date(2026, 12, 31))
DATA_TABLES = ("office", "provider", "school", "district", "programme", "cohort", "teacher", "previous_course",
               "enrolment", "assessment", "certificate", "post_course_work", "monitoring_record")


def _demo(url: str, *, teachers: int, seed: int, office: str = "KRG-MK") -> Database:
    database, _report = open_database(url)
    generate_demo(database, teachers=teachers, seed=seed, today=TODAY, office_code=office)
    return database


def _export(database: Database, path: Path, *, consolidated: bool = False) -> Path:
    with database.transaction("test") as session:
        export_package(session, path, start=H2[0], end=H2[1], label="2026-H2", by="test", consolidated=consolidated)
    return path


def _import(database: Database, path: Path, *, dry_run: bool = False) -> Any:
    with database.transaction("test", immediate=True) as session:
        return import_package(session, path, today=TODAY, by="test", dry_run=dry_run)


def _rows(package: Path) -> dict[str, list[tuple[object, ...]]]:
    with zipfile.ZipFile(package) as archive:
        book = openpyxl.load_workbook(io.BytesIO(archive.read(DATA_NAME)), read_only=True)
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def _table_contents(database: Database) -> dict[str, list[tuple[object, ...]]]:
    with database.engine.connect() as connection:
        return {name: sorted(map(tuple, connection.execute(text(f"SELECT * FROM {name}"))), key=repr)  # noqa: S608
                for name in DATA_TABLES}


def _own_office(database: Database, code: str) -> None:
    with database.transaction() as session:
        session.add(Office(code=code, is_own=True, name_kk="Облыстық білім басқармасы",
                           name_ru="Областное управление образования"))


@pytest.fixture(scope="module")
def office_a(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Path]]:
    folder = tmp_path_factory.mktemp("office-a")
    database = _demo(backend.migrated(folder, "a.sqlite3", keep=True), teachers=120, seed=11)
    yield database, _export(database, folder / "a.zip")
    database.dispose()


@pytest.fixture(scope="module")
def office_b(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Path]]:
    folder = tmp_path_factory.mktemp("office-b")
    database = _demo(backend.migrated(folder, "b.sqlite3", keep=True), teachers=90, seed=29, office="AKM-MK")
    yield database, _export(database, folder / "b.zip")
    database.dispose()


@pytest.fixture
def region(backend: Backend, tmp_path: Path) -> Iterator[Database]:
    database, _report = open_database(backend.migrated(tmp_path, "region.sqlite3"))
    _own_office(database, "KRG-UO")
    yield database
    database.dispose()


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(teachers=st.integers(min_value=20, max_value=70), seed=st.integers(min_value=1, max_value=10_000))
def test_export_import_export_gives_the_same_rows(backend: Backend, tmp_path_factory: pytest.TempPathFactory,
                                                  teachers: int, seed: int) -> None:
    folder = tmp_path_factory.mktemp("round-trip")
    source = _demo(backend.migrated(folder, "source.sqlite3"), teachers=teachers, seed=seed)
    first = _export(source, folder / "first.zip")
    target, _report = open_database(backend.migrated(folder, "target.sqlite3"))
    summary = _import(target, first)
    assert not summary.has_conflicts and sum(summary.added.values()) > 0
    second = _export(target, folder / "second.zip", consolidated=True)
    assert _rows(first) == _rows(second)
    source.dispose()
    target.dispose()


def test_importing_twice_changes_nothing_the_second_time(office_a: tuple[Database, Path], region: Database) -> None:
    _database, package = office_a
    first = _import(region, package)
    assert first.added["teachers"] == 120 and first.added["certificates"] > 0
    before = _table_contents(region)
    again = _import(region, package)
    assert sum(again.added.values()) == sum(again.updated.values()) == sum(again.conflicts.values()) == 0
    assert again.unchanged == first.added
    assert _table_contents(region) == before
    with region.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM package_log WHERE direction = 'import'")) == 2


def test_two_offices_merge_at_the_region(office_a: tuple[Database, Path], office_b: tuple[Database, Path],
                                         region: Database, tmp_path: Path) -> None:
    a, b = _import(region, office_a[1]), _import(region, office_b[1])
    assert not a.has_conflicts and not b.has_conflicts
    with region.reading() as session:
        offices = set(session.scalars(select(Office.code)))
        teachers = session.scalar(select(func.count()).select_from(Teacher))
    assert offices == {"KRG-UO", "KRG-MK", "AKM-MK"}
    assert teachers == a.added["teachers"] + b.added["teachers"] == 210
    consolidated = _rows(_export(region, tmp_path / "region.zip", consolidated=True))
    teachers_sheet = SPECS["teachers"].kk
    assert len(consolidated[teachers_sheet]) - (FIRST_DATA_ROW - 1) == 210
    assert {row[-3] for row in consolidated[teachers_sheet][FIRST_DATA_ROW - 1:]} == {"KRG-MK", "AKM-MK"}


def _rewrite(package: Path, target: Path, sheet: str, edit: Callable[[Any], None]) -> Path:
    """A copy of ``package`` with one sheet edited and the manifest's hash made to match again."""
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
        book = openpyxl.load_workbook(io.BytesIO(archive.read(DATA_NAME)))
    edit(book[SPECS[sheet].kk])
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    manifest["files"][DATA_NAME] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False))
        archive.writestr(DATA_NAME, data)
    return target


def _set(column: str, value: object, origin: str | None = None, newer: bool = True) -> Callable[[Any], None]:
    """Change ``column`` of the first teacher; optionally claim another origin; move updated_at by a day."""
    names = SPECS["teachers"].names

    def edit(sheet: Any) -> None:
        row = FIRST_DATA_ROW
        sheet.cell(row, names.index(column) + 1, value)
        if origin is not None:
            sheet.cell(row, names.index("origin") + 1, origin)
        stamp = sheet.cell(row, names.index("updated_at") + 1)
        stamp.value = stamp.value + timedelta(days=1 if newer else -1)
    return edit


def _phone(database: Database, iin: str) -> str:
    with database.reading() as session:
        return str(session.scalar(select(Teacher.phone).where(Teacher.iin == iin)))


def _first_iin(package: Path) -> str:
    return str(_rows(package)[SPECS["teachers"].kk][FIRST_DATA_ROW - 1][0])


def test_another_office_s_different_data_is_a_conflict_and_not_overwritten(
        office_a: tuple[Database, Path], region: Database, tmp_path: Path) -> None:
    _import(region, office_a[1])
    iin = _first_iin(office_a[1])
    before = _phone(region, iin)
    foreign = _rewrite(office_a[1], tmp_path / "foreign.zip", "teachers", _set("phone", "+7 700 000 0000", "AKM-MK"))
    summary = _import(region, foreign)
    assert summary.conflicts["teachers"] == 1 and summary.has_conflicts
    conflict = summary.conflict_list[0]
    assert (conflict.sheet, conflict.key, conflict.fields, conflict.source, conflict.holder) == (
        "teachers", iin, ("phone",), "AKM-MK", "KRG-MK")
    assert _phone(region, iin) == before
    stale = _rewrite(office_a[1], tmp_path / "stale.zip", "teachers", _set("phone", "+7 700 111 1111", newer=False))
    assert _import(region, stale).conflicts["teachers"] == 1 and _phone(region, iin) == before


def test_the_owner_s_newer_data_updates_ours(office_a: tuple[Database, Path], region: Database, tmp_path: Path) -> None:
    _import(region, office_a[1])
    iin = _first_iin(office_a[1])
    newer = _rewrite(office_a[1], tmp_path / "newer.zip", "teachers", _set("phone", "+7 701 222 3344"))
    summary = _import(region, newer)
    assert summary.updated["teachers"] == 1 and not summary.has_conflicts
    assert _phone(region, iin) == "+7 701 222 3344"


def test_a_dry_run_changes_nothing(office_a: tuple[Database, Path], region: Database) -> None:
    before = _table_contents(region)
    summary = _import(region, office_a[1], dry_run=True)
    assert not summary.applied and summary.added["teachers"] == 120
    assert _table_contents(region) == before
    with region.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM package_log")) == 0


def test_a_reference_to_an_unknown_cohort_rejects_the_whole_package(
        office_a: tuple[Database, Path], region: Database, tmp_path: Path) -> None:
    names = SPECS["certificates"].names

    def edit(sheet: Any) -> None:
        sheet.cell(FIRST_DATA_ROW, names.index("cohort") + 1, "NO-SUCH-COHORT")

    broken = _rewrite(office_a[1], tmp_path / "broken.zip", "certificates", edit)
    before = _table_contents(region)
    with pytest.raises(PackageRejected) as caught:
        _import(region, broken)
    problem = caught.value.problems[0]
    assert (problem.sheet, problem.row) == ("certificates", FIRST_DATA_ROW) and "NO-SUCH-COHORT" in problem.message
    assert _table_contents(region) == before


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_the_receipt_reads_back(office_a: tuple[Database, Path], region: Database, tmp_path: Path,
                                suffix: str) -> None:
    _import(region, office_a[1])
    foreign = _rewrite(office_a[1], tmp_path / "foreign.zip", "teachers", _set("phone", "+7 700 000 0000", "AKM-MK"))
    summary = _import(region, foreign)
    receipt = write_receipt(summary, tmp_path / f"receipt{suffix}", lang="ru")
    if suffix == ".xlsx":
        cells = [c for row in openpyxl.load_workbook(receipt).active.iter_rows(values_only=True) for c in row]
        assert "Педагоги" in cells and "foreign.zip" in cells and "AKM-MK" in cells
    else:
        page = "".join(p.extract_text() for p in PdfReader(receipt).pages)
        assert "Педагоги" in page and "AKM-MK" in page


def test_the_package_opens_as_a_workbook_with_real_dates_and_text_iins(office_a: tuple[Database, Path]) -> None:
    rows = _rows(office_a[1])
    teachers = rows[SPECS["teachers"].kk]
    assert teachers[0][0] == "ЖСН / ИИН" and teachers[1][0] == "iin"
    first = teachers[FIRST_DATA_ROW - 1]
    assert isinstance(first[0], str) and len(first[0]) == 12 and isinstance(first[4], datetime)
    with zipfile.ZipFile(office_a[1]) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
        assert manifest["counts"]["teachers"] == len(teachers) - (FIRST_DATA_ROW - 1)
        assert manifest["files"][DATA_NAME]["sha256"] == hashlib.sha256(archive.read(DATA_NAME)).hexdigest()


def test_libreoffice_shows_the_data(office_a: tuple[Database, Path], tmp_path: Path) -> None:
    """Run where LibreOffice is installed (it is not part of the test set-up): every sheet converts to CSV with
    its headings, the IINs keep their leading zeros and the dates read as dates."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed on this machine")
    import subprocess

    with zipfile.ZipFile(office_a[1]) as archive:
        (tmp_path / DATA_NAME).write_bytes(archive.read(DATA_NAME))
    every_sheet = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run([office, "--headless", "--convert-to", every_sheet, "--outdir", str(tmp_path),
                    str(tmp_path / DATA_NAME)], check=True, capture_output=True, timeout=180)
    teachers = (tmp_path / f"data-{SPECS['teachers'].kk}.csv").read_text(encoding="utf-8").splitlines()
    assert teachers[0].startswith("ЖСН / ИИН,") and teachers[1].startswith("iin,")
    iins = [line.split(",")[0] for line in teachers[2:]]
    first = _rows(office_a[1])[SPECS["teachers"].kk][FIRST_DATA_ROW - 1]
    assert iins[0] == first[0] and all(len(iin) == 12 for iin in iins)
    assert f",{first[4]:%Y-%m-%d}," in teachers[2]


def _rename_provider(origin: str) -> Callable[[Any], None]:
    names = SPECS["providers"].names

    def edit(sheet: Any) -> None:
        for row in range(FIRST_DATA_ROW, sheet.max_row + 1):
            if sheet.cell(row, names.index("bin") + 1).value:
                old = sheet.cell(row, names.index("name_ru") + 1).value
                sheet.cell(row, names.index("name_ru") + 1, f"{old} (другое написание)")
                sheet.cell(row, names.index("origin") + 1, origin)
                return
    return edit


def test_the_same_bin_under_another_name_is_the_same_provider(office_a: tuple[Database, Path], region: Database,
                                                               tmp_path: Path) -> None:
    _import(region, office_a[1])
    other = _rewrite(office_a[1], tmp_path / "other.zip", "providers", _rename_provider("AKM-MK"))
    summary = _import(region, other)  # another office names it differently: a conflict, not a second provider
    assert summary.conflicts["providers"] == 1 and summary.added["providers"] == 0
    assert summary.conflict_list[0].fields[0] == "name_ru" and not summary.rejected.get("cohorts")
    with region.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM provider WHERE name_ru LIKE '%другое написание%'")) == 0
    owner = _rewrite(office_a[1], tmp_path / "owner.zip", "providers", _rename_provider("KRG-MK"))
    summary = _import(region, owner)  # the office it came from renamed it: our record follows
    assert summary.updated["providers"] == 1 and not summary.has_conflicts
    with region.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM provider WHERE name_ru LIKE '%другое написание%'")) == 1


def test_a_row_the_database_refuses_is_rejected_and_the_rest_applied(office_a: tuple[Database, Path], region: Database,
                                                                     tmp_path: Path) -> None:
    names = SPECS["certificates"].names
    taken: list[str] = []

    def edit(sheet: Any) -> None:  # two certificates with one verification code: the second cannot be stored
        code = sheet.cell(FIRST_DATA_ROW, names.index("code") + 1).value
        sheet.cell(FIRST_DATA_ROW + 1, names.index("code") + 1, code)
        taken.append(str(sheet.cell(FIRST_DATA_ROW + 1, names.index("number") + 1).value))

    clashing = _rewrite(office_a[1], tmp_path / "clash.zip", "certificates", edit)
    summary = _import(region, clashing)
    assert summary.rejected["certificates"] == 1 and summary.added["certificates"] > 0
    assert any(p.sheet == "certificates" and p.row == FIRST_DATA_ROW + 1 for p in summary.problems)
    with region.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM certificate WHERE number = :n"), {"n": taken[0]}) == 0
