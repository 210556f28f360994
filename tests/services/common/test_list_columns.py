"""What a list leaves out is said, and a formula is never read as a value (issue 14 points 2, 4 and 8), in a
department's list of listeners and a list of schools (a cohort's results: tests/services/assessments/test_results_values.py) and in each format a
school sends (.xlsx, .xls, .ods, .xlsb, read by python-calamine):

* a column with a heading nobody reads ("Жеке куәлік нөмірі") is a warning naming its letter and heading, and
  so are a recognised column empty in every row and a column with values but no heading;
* a cell computed by a formula is refused as a formula with its cell named, even where the file keeps the
  value the formula last gave: that row is not imported."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pedesk.models.database import Database
from pedesk.services.enrolment import preview_listener_import
from pedesk.services.reference.school_import import preview_school_import
from pedesk.services.rules.iin import make_iin
from tests.builders import karaganda_districts, list_cohort, make_bin, run_cli
from tests.builders.spreadsheets import FORMATS, Formula, Sheet, spreadsheet

NOT_READ = "Жеке куәлік нөмірі"
FORMULA = "holds a formula; copy the column and paste only its values there (Paste Special > Values)"


def warned(warnings: object) -> list[tuple[str, str]]:
    return [(w.column, w.message) for w in warnings]  # type: ignore[attr-defined]


def _expect_column_warnings(warnings: object, unused: str, empty: tuple[str, str], headless: str) -> None:
    found = warned(warnings)
    assert [column for column, _message in found] == sorted([unused, empty[0], headless]), found
    messages = dict(found)
    assert messages[unused] == (f'Column {unused} "{NOT_READ}" is not used: pedesk reads nothing from it. If it holds '
                                "something to import, give it one of the usual headings.")
    assert messages[empty[0]] == f'Column {empty[0]} "{empty[1]}" is empty in every row, so the list brings nothing for it.'
    assert messages[headless] == (f"Column {headless} has values but no heading, so it is not used. Give it a "
                                  "heading if it holds something to import.")


def _person(serial: int) -> tuple[str, str]:
    born = date(1984, 5, serial)
    return make_iin(born, "female", serial), born.strftime("%d.%m.%Y")


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_department_list_names_what_it_leaves_out(suffix: str, database: Database, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    with database.transaction() as session:
        cohort_id = list_cohort(session).id
    (first, born_first), (second, born_second) = _person(1), _person(2)
    path = spreadsheet(tmp_path / f"list.{suffix}", [Sheet("Тізім", [
        ["Тегі, аты, әкесінің аты", "ЖСН", "Туған күні", NOT_READ, "Байланыс телефоны", None],
        ["Ахметова Айгүл Серікқызы", first, born_first, "012345678", None, "ескерту"],
        ["Бекова Сара Ерланқызы", Formula('"' + second + '"', second), born_second, "087654321", None, None],
    ])])
    with database.reading() as session:
        preview = preview_listener_import(session, path, cohort_id, today=date.today())
    _expect_column_warnings(preview.warnings, "D", ("E", "Байланыс телефоны"), "F")
    assert [(p.row, p.column, p.field) for p in preview.problems] == [(3, "B", "iin")]
    assert preview.problems[0].message == f"Row 3, column B (ЖСН): cell B3 {FORMULA}, then choose the file again."
    assert [row.row for row in preview.rows] == [2]  # the cached IIN of row 3 is not taken
    code, out, _err = run_cli(capsys, "--db", database.url, "listeners", "import", str(path), "--cohort",
                              "L-01", "--dry-run", "--json")
    report = json.loads(out)
    assert code == 1 and [(w["row"], w["column"], w["header"]) for w in report["warnings"]] == [
        (None, "D", NOT_READ), (None, "E", "Байланыс телефоны"), (None, "F", None)]
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(3, "B")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_list_of_schools_names_what_it_leaves_out(suffix: str, database: Database, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    with database.transaction() as session:
        region = karaganda_districts(session)["region"]
    path = spreadsheet(tmp_path / f"schools.{suffix}", [Sheet("Мектептер", [
        ["Атауы", "Наименование", "Аудан", "БСН", "Телефон", NOT_READ, None],
        ["№1 мектеп", "Школа №1", "Абай ауданы", make_bin(1), None, "х", None],
        ["№2 мектеп", "Школа №2", "Абай ауданы", Formula('"' + make_bin(2) + '"', make_bin(2)), None, "у", 5],
    ])])
    with database.reading() as session:
        preview = preview_school_import(session, path, region)
    _expect_column_warnings(preview.warnings, "F", ("E", "Телефон"), "G")
    assert [(p.row, p.column) for p in preview.problems] == [(3, "D")]
    assert f"cell D3 {FORMULA}" in preview.problems[0].message
    assert [row.row for row in preview.to_add] == [2]


def test_the_command_line_asks_for_the_sheet_and_reads_the_one_named(database: Database, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    with database.transaction() as session:
        list_cohort(session)
    (first, born_first), (second, born_second) = _person(3), _person(4)
    headings = ["Тегі, аты, әкесінің аты", "ЖСН", "Туған күні"]
    path = spreadsheet(tmp_path / "groups.xls", [
        Sheet("Ескерту", [["Тізімді 1 қыркүйекке дейін жіберіңіз"]]),
        Sheet("1-топ", [headings, ["Ахметова Айгүл Серікқызы", first, born_first]]),
        Sheet("2-топ", [headings, ["Бекова Сара Ерланқызы", second, born_second]]),
    ], active=0)
    command = ("--db", database.url, "listeners", "import", str(path), "--cohort", "L-01", "--dry-run")
    code, out, err = run_cli(capsys, *command, "--json")
    assert (code, out) == (2, "") and err.strip() == (
        'pedesk: error: --sheet: The file groups.xls has a list on more than one sheet: "1-топ", "2-топ". Choose the '
        "sheet to import. Give its name with --sheet NAME.")
    code, out, err = run_cli(capsys, *command, "--json", "--sheet", "2-топ")
    report = json.loads(out)
    assert code == 0 and report["sheet"] == "2-топ" and report["imported"] == 1, err
    code, out, err = run_cli(capsys, *command, "--sheet", "3-топ")
    assert code == 2 and 'has no sheet "3-топ". Its sheets are: "Ескерту", "1-топ", "2-топ".' in err
