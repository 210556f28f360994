"""`pedesk schools import` on demo data: a district's list checked (--dry-run changes nothing), imported, its
problems named by row and column with exit code 1, new districts only with --create-districts, and the refusals
of a wrong region, district or file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.backends import Backend
from tests.builders import Template, demo_template, make_bin, workbook
from tests.cli.test_certificates import DEMO_TODAY, _query
from tests.cli.test_core import run

HEADERS = ["№", "Атауы (қазақ тілінде)", "Атауы (орыс тілінде)", "Аудан (қала)", "БСН", "Телефон"]


@pytest.fixture(scope="module")
def demo(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Template:
    return demo_template(backend, tmp_path_factory, "cli-schools", DEMO_TODAY)


@pytest.fixture
def db(demo: Template, tmp_path: Path) -> str:
    return demo.copy(tmp_path, "demo.sqlite3")


def _list(tmp_path: Path, *rows: list[object]) -> Path:
    return workbook([["Қарағанды облысының мектептері"], HEADERS, *rows], tmp_path / "schools.xlsx")


def _schools(db: str) -> int:
    return int(_query(db, "SELECT count(*) FROM school")[0][0])  # type: ignore[call-overload]


def _import(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--lang", "en", "--db", db, "schools", "import", *argv)


def test_a_list_is_checked_then_imported(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    stored_kk, stored_ru, stored_bin = _query(db, "SELECT name_kk, name_ru, bin FROM school ORDER BY id")[0]
    path = _list(tmp_path,
                 [1, "№ 101 жалпы білім беретін мектеп", "Общеобразовательная школа № 101", "Қарағанды қаласы",
                  make_bin(101), "+7 7212 41 01 01"],
                 [2, "№ 102 гимназия", "Гимназия № 102", "город Темиртау", make_bin(102), ""],
                 [3, stored_kk, stored_ru, "Қарағанды қаласы", stored_bin, "+7 7212 99 99 99"])
    before = _schools(db)
    code, out, err = _import(capsys, db, str(path), "--dry-run", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["added"], report["updated"], report["skipped"], report["dry_run"]) == (2, 1, 0, True)
    assert report["sheet"] and report["header_row"] == 2 and report["problems"] == []
    assert _schools(db) == before  # nothing changed
    code, out, err = _import(capsys, db, str(path))
    assert code == 0 and "2 schools added, 1 updated" in out, err
    assert _schools(db) == before + 2
    assert _query(db, "SELECT phone FROM school WHERE bin = :bin", bin=stored_bin) == [("+7 7212 99 99 99",)]


def test_problems_are_named_by_row_and_column(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    path = _list(tmp_path, [1, "№ 103 мектеп", "Школа № 103", "Қарағанды қаласы", "123", ""],
                 [2, "№ 104 мектеп", "Школа № 104", "Қарағанды қаласы", make_bin(104), ""])
    code, out, err = _import(capsys, db, str(path), "--json")
    assert code == 1, err
    report = json.loads(out)
    assert report["added"] == 1 and report["skipped"] == 1
    assert report["problems"][0]["row"] == 3 and report["problems"][0]["column"] == "E"
    assert "Row 3" in report["problems"][0]["message"]


def test_new_districts_wait_for_create_districts(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    path = _list(tmp_path, [1, "№ 1 мектеп", "Школа № 1", "Жаңаарқа ауданы", make_bin(105), ""])
    code, out, _err = _import(capsys, db, str(path))
    assert code == 1 and "Districts not in the list: Жаңаарқа ауданы" in out and "--create-districts" in out
    code, out, err = _import(capsys, db, str(path), "--create-districts", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["added"], report["districts_created"], report["problems"]) == (1, 1, [])
    assert _query(db, "SELECT count(*) FROM district WHERE name_kk = 'Жаңаарқа ауданы'") == [(1,)]


def test_the_default_district_and_region(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    path = workbook([["Атауы", "БСН"], ["№ 7 мектеп", make_bin(107)]], tmp_path / "department.xlsx")
    code, out, err = _import(capsys, db, str(path), "--region", "karaganda", "--district", "город темиртау")
    assert code == 0 and "1 schools added" in out, err
    assert _query(db, "SELECT d.name_ru FROM school s JOIN district d ON d.id = s.district_id WHERE s.bin = :bin",
                  bin=make_bin(107)) == [("город Темиртау",)]


@pytest.mark.parametrize(("argv", "message"), [
    (("--region", "MARS"), "--region: There is no region with the code MARS"),
    (("--district", "Атлантида"), "--district: The region has no district \"Атлантида\""),
])
def test_refusals_name_the_option_and_change_nothing(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path,
                                                     argv: tuple[str, ...], message: str) -> None:
    path = _list(tmp_path, [1, "№ 108 мектеп", "Школа № 108", "Қарағанды қаласы", make_bin(108), ""])
    before = _schools(db)
    code, out, err = _import(capsys, db, str(path), *argv)
    assert code == 2 and message in err and out == "" and "Traceback" not in err
    assert _schools(db) == before


def test_a_file_that_is_no_list_is_refused(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    path = workbook([["Күні", "Сомасы"], ["2026-01-01", 5]], tmp_path / "other.xlsx")
    code, out, err = _import(capsys, db, str(path))
    assert code == 2 and "other.xlsx" in err and "header row" in err and out == ""
