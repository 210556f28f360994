"""What a data package's records say (п.17, issue 14 point 9): a package whose every cell is well formed but
whose dates the Rules do not allow (a cohort ending before it starts, a certificate valid before its issue or
not for the five years of п.32, an assessment before its cohort, a monitoring year outside the three of п.37)
or whose text is longer than its column holds is refused whole, named by sheet, row and column as the
structural checks name theirs, and the database is left byte for byte as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pedesk.models.database import Database
from pedesk.services.packages.importing import import_package
from pedesk.services.packages.outcomes import PackageRejected
from pedesk.services.packages.spec import SPECS
from pedesk.services.rules import add_years_rule
from tests.backends import Backend
from tests.builders import (
    Template,
    column_of,
    demo_template,
    edited_package,
    exported_package,
    prepare,
    quotes,
    run_cli,
    set_cell,
    sheet_rows,
    stored,
)

TODAY = date(2026, 11, 25)
H2 = (date(2026, 7, 1), date(2026, 12, 31))
LONG_NOTE = "ж" * 100_000
"""More than a spreadsheet program keeps in a cell (32,767): written into the sheet's XML, as another program may."""


@pytest.fixture(scope="module")
def good(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The H2 package of a demo office: cohorts, previous courses, assessments, certificates (one reissued) and
    monitoring records."""
    source = demo_template(backend, tmp_path_factory, "meaning-demo", TODAY, teachers=60, seed=3)
    database = source.open()
    try:
        return exported_package(database, tmp_path_factory.mktemp("meaning-good") / "good.zip", *H2)
    finally:
        database.dispose()


@pytest.fixture(scope="module")
def empty(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Template:
    return prepare(backend, tmp_path_factory, "meaning-empty", lambda _database: None)[0]


def _day(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def _first(rows: list[dict[str, Any]], wanted: Callable[[dict[str, Any]], bool]) -> int:
    return next(index for index, row in enumerate(rows) if wanted(row))


def _certificate(rows: list[dict[str, Any]], number: str) -> dict[str, Any]:
    return next(row for row in rows if row["number"] == number)


@dataclass(frozen=True)
class Nonsense:
    """A record made to say what the Rules do not allow: its sheet and column, which row (an index into the
    sheet's records) gets which value, and words the message must hold."""

    sheet: str
    column: str
    pick: Callable[[Path], tuple[int, object]]
    words: tuple[str, ...]


def _cohort_ends_before_it_starts(good: Path) -> tuple[int, object]:
    return 0, _day(sheet_rows(good, "cohorts")[0]["start_date"]) - timedelta(days=1)


def _previous_course_ends_before_it_starts(good: Path) -> tuple[int, object]:
    rows = sheet_rows(good, "previous_courses")
    index = _first(rows, lambda row: row["start_date"] is not None and row["end_date"] is not None)
    return index, _day(rows[index]["start_date"]) - timedelta(days=3)


def _valid_for(years: int, days: int = 0, *, reissued: bool = False) -> Callable[[Path], tuple[int, object]]:
    def pick(good: Path) -> tuple[int, object]:
        rows = sheet_rows(good, "certificates")
        index = _first(rows, lambda row: bool(row["supersedes"]) == reissued and not row["external"])
        return index, add_years_rule(_day(rows[index]["issue_date"]), years) + timedelta(days=days)
    return pick


def _assessed_before_the_cohort(good: Path) -> tuple[int, object]:
    assessment = sheet_rows(good, "assessments")[0]
    cohort = next(row for row in sheet_rows(good, "cohorts") if row["code"] == assessment["cohort"])
    return 0, _day(cohort["start_date"]) - timedelta(days=1)


def _monitoring(column_value: Callable[[date], object]) -> Callable[[Path], tuple[int, object]]:
    """The first monitoring record of a certificate that was not reissued, its value from the issue date."""
    def pick(good: Path) -> tuple[int, object]:
        certificates = sheet_rows(good, "certificates")
        rows = sheet_rows(good, "monitoring")
        index = _first(rows, lambda row: not _certificate(certificates, row["certificate"])["supersedes"])
        return index, column_value(_day(_certificate(certificates, rows[index]["certificate"])["issue_date"]))
    return pick


NONSENSE: dict[str, Nonsense] = {
    "a cohort ending before it starts": Nonsense("cohorts", "end_date", _cohort_ends_before_it_starts,
                                                 ("ends on", "before it starts")),
    "a previous course ending before it starts": Nonsense(
        "previous_courses", "end_date", _previous_course_ends_before_it_starts, ("ends on", "before it starts")),
    "a certificate valid until before its issue": Nonsense("certificates", "valid_until", _valid_for(0, -1),
                                                           ("not after its issue",)),
    "a certificate valid for six years": Nonsense("certificates", "valid_until", _valid_for(6),
                                                  ("valid for five years", "п.32")),
    "a certificate valid for five years less a day": Nonsense("certificates", "valid_until", _valid_for(5, -1),
                                                              ("valid for five years", "п.32")),
    "a reissued certificate valid for six years": Nonsense("certificates", "valid_until", _valid_for(6, reissued=True),
                                                           ("keeps the validity", "п.32")),
    "an assessment before its cohort started": Nonsense("assessments", "held_on", _assessed_before_the_cohort,
                                                        ("before its cohort", "started")),
    "a fourth monitoring year": Nonsense("monitoring", "year_no", lambda good: (0, 4),
                                         ("monitoring year 4", "1, 2 or 3")),
    "a monitoring due in the fourth year": Nonsense("monitoring", "due_date",
                                                    _monitoring(lambda issued: add_years_rule(issued, 4)),
                                                    ("outside the three years", "п.37")),
    "a monitoring due before the issue": Nonsense("monitoring", "due_date",
                                                  _monitoring(lambda issued: issued - timedelta(days=10)),
                                                  ("outside the three years",)),
    "a monitoring done before the issue": Nonsense("monitoring", "done_on",
                                                   _monitoring(lambda issued: issued - timedelta(days=1)),
                                                   ("done on", "before certificate")),
    "a 100,000-character note": Nonsense("cohorts", "note", lambda good: (0, LONG_NOTE),
                                         ("100,000 characters long", "at most 10,000")),
    "a surname longer than its column": Nonsense("teachers", "surname", lambda good: (1, "Ә" * 101),
                                                 ("101 characters long", "at most 100")),
    "a provider's head longer than its column": Nonsense("providers", "head_name", lambda good: (0, "Б" * 250),
                                                         ("250 characters long", "at most 200")),
}


@pytest.fixture(scope="module")
def nonsense(good: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, int, object]]:
    """Each package of nonsense, made once: its file, the spreadsheet row changed and the value put there."""
    folder = tmp_path_factory.mktemp("nonsense")
    made: dict[str, tuple[Path, int, object]] = {}

    def get(case: str) -> tuple[Path, int, object]:
        if case not in made:
            spec = NONSENSE[case]
            index, value = spec.pick(good)
            row = index + 3
            path = edited_package(good, folder / f"{len(made):02d}.zip", set_cell(spec.sheet, row, spec.column, value),
                                  long_texts=(value,) if isinstance(value, str) else ())
            made[case] = (path, row, value)
        return made[case]
    return get


def _import(url: str, package: Path) -> Any:
    database = Database(url)
    try:
        with database.transaction("test", immediate=True) as session:
            return import_package(session, package, today=TODAY, by="test")
    finally:
        database.dispose()


def test_the_demo_package_itself_is_imported(good: Path, empty: Template, tmp_path: Path) -> None:
    """The control: the package every case below is made from says nothing the Rules forbid."""
    target = empty.copy(tmp_path, "region.sqlite3")
    summary = _import(target, good)
    assert summary.applied and summary.added["monitoring"] > 0 and summary.added["certificates"] > 0


@pytest.mark.parametrize("case", list(NONSENSE))
def test_a_package_whose_records_say_nonsense_is_refused_whole(
        case: str, nonsense: Callable[[str], tuple[Path, int, object]], empty: Template, good: Path,
        tmp_path: Path) -> None:
    package, row, _value = nonsense(case)
    spec = NONSENSE[case]
    target = empty.copy(tmp_path, "region.sqlite3")
    before = stored(target)
    with pytest.raises(PackageRejected) as caught:
        _import(target, package)
    assert stored(target) == before
    heading = SPECS[spec.sheet].column(spec.column).heading
    place = f'Sheet "{SPECS[spec.sheet].kk}", row {row}, column {column_of(good, spec.sheet, spec.column)} ({heading})'
    problems = [problem for problem in caught.value.problems
                if (problem.sheet, problem.row, problem.column) == (spec.sheet, row, heading)]
    assert len(problems) == 1, "\n".join(problem.message for problem in caught.value.problems)
    message = problems[0].message
    assert message.startswith(place) and all(word in message for word in spec.words), message
    assert "export the package again" in message
    assert all(len(value) <= 60 for value in quotes(message)[1:])  # a long value is quoted in part


def test_an_assessment_is_checked_against_a_cohort_held_here(good: Path, empty: Template, tmp_path: Path) -> None:
    """A package that names a cohort this database already holds: the assessment is checked against it."""
    target = empty.copy(tmp_path, "region.sqlite3")
    _import(target, good)
    assessment = sheet_rows(good, "assessments")[0]
    cohorts = sheet_rows(good, "cohorts")
    index = _first(cohorts, lambda row: row["code"] == assessment["cohort"])
    start = _day(cohorts[index]["start_date"])

    def edit(book: Any) -> None:
        book[SPECS["cohorts"].kk].delete_rows(index + 3)
        set_cell("assessments", 3, "held_on", start - timedelta(days=1))(book)

    package = edited_package(good, tmp_path / "without-the-cohort.zip", edit)
    before = stored(target)
    with pytest.raises(PackageRejected) as caught:
        _import(target, package)
    assert stored(target) == before
    assert [(problem.sheet, problem.row) for problem in caught.value.problems] == [("assessments", 3)]
    assert "before its cohort" in caught.value.problems[0].message


def test_the_command_line_names_sheet_row_and_column(nonsense: Callable[[str], tuple[Path, int, object]],
                                                      empty: Template, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    package, row, _value = nonsense("a cohort ending before it starts")
    target = empty.copy(tmp_path, "region.sqlite3")
    code, out, err = run_cli(capsys, "--db", target, "package", "import", str(package), "--json")
    assert code == 2 and not err
    report = json.loads(out)
    assert report["refused"] is True and report["applied"] is False
    assert [(problem["sheet"], problem["row"], problem["column"]) for problem in report["problems"]] == [
        ("cohorts", row, SPECS["cohorts"].column("end_date").heading)]
    code, out, err = run_cli(capsys, "--db", target, "package", "import", str(package))
    assert code == 2 and "before it starts" in err and "Traceback" not in err
