"""Results of the final assessment from .xlsx files: the blank file filled in and read back, headers in
Kazakh, Russian and English, IINs stored as numbers, the words for passed and not passed, every problem
by row and column, and files with a problem (or refused on import) that change nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from pedesk.models import Assessment, Enrolment, Teacher
from pedesk.models.database import Database
from pedesk.models.enums import EnrolmentStatus
from pedesk.services.assessments.results_import import (
    ResultsPreview,
    apply_results_import,
    preview_results_import,
    read_passed,
    write_results_template,
)
from pedesk.services.common.errors import ValidationError
from tests.services.assessments.test_assessments import COHORTS, World, expert
from tests.services.assessments.test_assessments import database as database  # noqa: F401 - the fixtures
from tests.services.assessments.test_assessments import template as template  # noqa: F401
from tests.services.assessments.test_assessments import world as world  # noqa: F401

S = EnrolmentStatus
TODAY = date(2026, 11, 25)
END = COHORTS["SHORT"][2]


def iins(database: Database, world: World, cohort: str = "SHORT") -> list[str]:
    with database.reading() as session:
        return [session.get_one(Enrolment, enrolment_id).teacher.iin for enrolment_id in world.listeners[cohort]]


def workbook(path: Path, rows: list[list[object]], *, title: str = "Нәтижелер") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([title])
    sheet.append([])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def preview(database: Database, world: World, path: Path, cohort: str = "SHORT") -> ResultsPreview:
    with database.reading() as session:
        return preview_results_import(session, world.cohorts[cohort], path, today=TODAY)


def statuses(database: Database, world: World, cohort: str = "SHORT") -> list[EnrolmentStatus]:
    with database.reading() as session:
        return [EnrolmentStatus(session.get_one(Enrolment, item).status) for item in world.listeners[cohort]]


def count_attempts(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count(Assessment.id))) or 0)


def test_the_blank_file_filled_in_is_imported(database: Database, world: World, tmp_path: Path) -> None:
    target = tmp_path / "results.xlsx"
    with database.reading() as session:
        assert write_results_template(session, world.cohorts["SHORT"], target, lang="kk") == target
    book = openpyxl.load_workbook(target)
    sheet = book.active
    assert sheet is not None
    assert [cell.value for cell in sheet[4]][:5] == ["ЖСН / ИИН", "Т.А.Ә. / ФИО", "Балл",
                                                    "Ең жоғары балл / Максимальный балл", "Нәтиже / Результат"]
    assert [sheet.cell(row=row, column=1).value for row in range(5, 9)] == iins(database, world)
    assert str(sheet.cell(row=6, column=1).value).startswith("0")  # kept as text
    for row, (score, verdict) in enumerate([(85, "өтті"), (40, "өтпеді"), (None, "сдал"), (None, None)], start=5):
        sheet.cell(row=row, column=3, value=score)
        sheet.cell(row=row, column=4, value=100 if score else None)
        sheet.cell(row=row, column=5, value=verdict)
    book.save(target)
    found = preview(database, world, target)
    assert found.ready and found.header_row == 4 and found.empty_rows == (8,)
    assert [(row.row, row.score, row.passed) for row in found.rows] == [
        (5, Decimal(85), True), (6, Decimal(40), False), (7, None, True)]
    with database.transaction(user="aigul") as session:
        apply_results_import(session, found, held_on=END, assessor=None, today=TODAY)
    assert statuses(database, world) == [S.COMPLETED, S.NOT_CERTIFIED, S.COMPLETED, S.IN_TRAINING]


def test_russian_and_english_headers_numbers_and_dates(database: Database, world: World, tmp_path: Path) -> None:
    a, b, c, _d = iins(database, world)
    russian = workbook(tmp_path / "ru.xlsx", [
        ["№", "ФИО", "ИИН", "Набранный балл", "Максимальный балл", "Результат", "Дата"],
        [1, "Әлімова Айгүл", int(a), 90, 100, "зачтено", "20.03.2026"],
        [2, "Әлімова Айгүл", int(b), "55,5", 100, "Не сдал", date(2026, 3, 16)],
    ])
    found = preview(database, world, russian)
    assert found.ready and {field for field, _letter, _header in found.columns} == {
        "iin", "full_name", "score", "max_score", "passed", "held_on"}
    assert [(row.iin, row.score, row.passed, row.held_on) for row in found.rows] == [
        (a, Decimal(90), True, date(2026, 3, 20)), (b, Decimal("55.5"), False, date(2026, 3, 16))]
    english = workbook(tmp_path / "en.xlsx", [["IIN", "Full name", "Score", "Max", "Passed"], [c, "", 7, 10, "yes"]])
    assert [(row.iin, row.passed) for row in preview(database, world, english).rows] == [(c, True)]
    with database.transaction(user="aigul") as session:
        apply_results_import(session, found, held_on=END, assessor=None, today=TODAY)
    with database.reading() as session:
        dates = session.scalars(select(Assessment.held_on).order_by(Assessment.enrolment_id)).all()
    assert dates == [date(2026, 3, 20), date(2026, 3, 16)]


def test_every_problem_names_its_row_and_column_and_nothing_is_imported(database: Database, world: World,
                                                                        tmp_path: Path) -> None:
    a, b, c, d = iins(database, world)
    with database.reading() as session:
        stranger = session.scalars(select(Teacher.iin).where(Teacher.iin.not_in([a, b, c, d]))).first()
    path = workbook(tmp_path / "bad.xlsx", [
        ["ЖСН", "Т.А.Ә.", "Балл", "Ең жоғары балл", "Нәтиже", "Күні"],
        [a, "", 85, 100, "өтті", None],
        [stranger, "", 70, 100, "өтті", None],
        [b, "", 120, 100, "өтті", None],
        [c, "", 50, 100, "мүмкін", None],
        [a, "", 60, 100, "өтті", None],
        [d, "", 60, 100, "өтті", "01.03.2026"],
    ])
    found = preview(database, world, path)
    assert not found.ready
    where = [(problem.row, problem.column, problem.field) for problem in found.problems]
    assert where == [(5, "A", "iin"), (6, "C", "score"), (7, "E", "passed"), (8, "A", "iin"), (9, "F", "held_on")]
    assert found.problems[0].message.startswith("Row 5, column A (ЖСН): the IIN")
    assert "is not among the listeners of the cohort SHORT" in found.problems[0].message
    assert found.problems[1].message.startswith("Row 6, column C (Балл):")
    assert "already in row 4" in found.problems[3].message
    with pytest.raises(ValidationError) as caught, database.transaction(user="aigul") as session:
        apply_results_import(session, found, held_on=END, assessor=None, today=TODAY)
    assert caught.value.problems[0].field == "file" and len(caught.value.problems) == 6
    assert count_attempts(database) == 0 and statuses(database, world)[0] == S.IN_TRAINING


def test_a_file_without_the_result_column_is_refused(database: Database, world: World, tmp_path: Path) -> None:
    path = workbook(tmp_path / "list.xlsx", [["ЖСН", "Т.А.Ә.", "Балл"], [iins(database, world)[0], "", 80]])
    with pytest.raises(ValidationError) as caught:
        preview(database, world, path)
    assert caught.value.problems[0].field == "file" and "Нәтиже" in caught.value.problems[0].message


def test_a_long_course_import_needs_the_external_assessor(database: Database, world: World, tmp_path: Path) -> None:
    first, _second = iins(database, world, "LONG")
    path = workbook(tmp_path / "long.xlsx", [["ИИН", "Результат"], [first, "да"]])
    found = preview(database, world, path, "LONG")
    assert found.ready
    with pytest.raises(ValidationError) as caught, database.transaction(user="aigul") as session:
        apply_results_import(session, found, held_on=COHORTS["LONG"][2], assessor=None, today=TODAY)
    assert "assessor_provider_id" in [problem.field for problem in caught.value.problems]
    assert count_attempts(database) == 0
    with database.transaction(user="aigul") as session:
        apply_results_import(session, found, held_on=COHORTS["LONG"][2], assessor=expert(world), today=TODAY)
    assert statuses(database, world, "LONG") == [S.COMPLETED, S.IN_TRAINING]


@pytest.mark.parametrize(("text", "verdict"), [
    ("Өтті", True), ("өтпеді", False), ("сдал", True), ("не сдал", False), ("Зачтено", True),
    ("не зачтено", False), ("иә", True), ("жоқ", False), ("да", True), ("нет", False), ("YES", True), ("no", False),
    (1, True), (0, False), (True, True), (None, None),
])
def test_the_words_for_passed_and_not_passed(text: object, verdict: bool | None) -> None:
    assert read_passed(text) is verdict
