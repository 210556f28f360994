"""A department's list checked as life allows and as text should be (issue 14 points 6 and 7): a date of birth
in the future is refused even when the IIN agrees, an age under 18 at the course's start is a warning, more
years of service than a working life is refused; mojibake, control and invisible characters and over-long
values are refused with the row and column named, quoting at most 60 characters, and nothing is stored."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pedesk.models import Enrolment, Teacher
from pedesk.models.database import Database
from pedesk.services.enrolment import ListenerImportPreview, apply_listener_import, preview_listener_import
from pedesk.services.rules.iin import check_iin, make_iin
from tests.builders import (
    CONTROL,
    HUGE,
    MOJIBAKE_1251,
    MOJIBAKE_1252,
    ZERO_WIDTH,
    list_cohort,
    quotes,
    run_cli,
    workbook,
)

TODAY = date.today()
START = TODAY + timedelta(days=90)  # the cohort of list_cohort


@pytest.fixture
def cohort_id(database: Database) -> int:
    with database.transaction() as session:
        return list_cohort(session).id


def _preview(database: Database, path: Path, cohort_id: int) -> ListenerImportPreview:
    with database.reading() as session:
        return preview_listener_import(session, path, cohort_id, today=TODAY)


def _years_ago(years: int, days: int = 0) -> date:
    return date(TODAY.year - years, TODAY.month, min(TODAY.day, 28)) + timedelta(days=days)


def test_dates_as_life_allows(database: Database, cohort_id: int, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    future = TODAY + timedelta(days=400)
    future_iin = make_iin(future, "female", 61)
    assert check_iin(future_iin).valid  # the IIN agrees with the date, and still it cannot be
    young = START.replace(year=START.year - 17)  # 17 on the cohort's first day
    thirty = _years_ago(30, -10)  # 30 today: at most 16 years of service
    path = workbook([
        ["ТАӘ", "ЖСН", "Туған күні", "Жалпы өтілі", "Педагогикалық өтілі"],
        ["Болашақова Айым", future_iin, future.strftime("%d.%m.%Y"), None, None],
        ["Болашақов Ерлан", make_iin(future, "male", 62), None, None, None],
        ["Жасова Дана", make_iin(young, "female", 63), young.strftime("%d.%m.%Y"), 0, 0],
        ["Ерте Арман", make_iin(thirty, "male", 64), thirty.strftime("%d.%m.%Y"), 17, 10],
        ["Дұрыс Асқар", make_iin(thirty, "male", 65), thirty.strftime("%d.%m.%Y"), 16, 16],
    ], tmp_path / "dates.xlsx")
    preview = _preview(database, path, cohort_id)
    assert [(p.row, p.column, p.field) for p in preview.problems] == [
        (2, "C", "birth_date"), (3, "B", "iin"), (5, "D", "total_experience_years")]
    messages = {p.row: p.message for p in preview.problems}
    assert messages[2].startswith("Row 2, column C (Туған күні): the date of birth ") and "is in the future" in messages[2]
    assert "is in the future" in messages[3]
    assert messages[5] == (
        "Row 5, column D (Жалпы өтілі): Total work experience: 17 years of service is more than a person of 30 "
        "can have worked: work starts at 14 at the earliest, so at most 16. Check the years of service and the "
        "date of birth.")
    assert [(w.row, w.column) for w in preview.warnings] == [(4, "C")]
    assert preview.warnings[0].message.startswith("Row 4, column C (Туған күні): the teacher will be 17 at the start")
    assert [row.row for row in preview.rows] == [4, 6]  # the young teacher is imported all the same
    code, out, _err = run_cli(capsys, "--db", database.url, "listeners", "import", str(path), "--cohort",
                              "L-01", "--json")
    data = json.loads(out)
    assert code == 1 and (data["imported"], data["skipped"]) == (2, 3)
    assert data["warnings"] == [{"row": 4, "column": "C", "header": "Туған күні", "message": preview.warnings[0].message}]
    with database.reading() as session:
        assert session.scalar(select(func.count(Enrolment.id))) == 2


def bad_values_file(tmp_path: Path) -> Path:
    iin = [make_iin(date(1980 + n, 1, 10), "female", 70 + n) for n in range(8)]
    return workbook([
        ["ТАӘ", "ЖСН", "Лауазымы", "Білімі", "Жұмыс орны", "Туған күні", "Санаты", "Ескерту"],
        [MOJIBAKE_1252, iin[0], None, None, None, None, None, None],
        ["Ахметова Айгүл", iin[1], None, None, MOJIBAKE_1251, None, None, None],
        ["Серікова Айгүл", iin[2], CONTROL, None, None, None, None, None],
        [f"Серікова {ZERO_WIDTH}", iin[3], None, None, None, None, None, None],
        ["Бекова Сара", iin[4], None, HUGE, None, None, None, None],
        ["Омарова Гүл", iin[5], None, None, None, "1" * 150, "Ж" * 150, None],
        ["Садықова Нұр", iin[6], "мұғалім\x85", None, None, None, None, "Қ" * 5000],
        ["Жақсы Мұғалім", iin[7], "мұғалім", "Жоғары", "№5 мектеп", "10.01.1987", None, "Ескерту"],
    ], tmp_path / "values.xlsx")


def test_mojibake_hidden_characters_and_long_values_are_refused_by_row_and_column(
    database: Database, cohort_id: int, tmp_path: Path
) -> None:
    preview = _preview(database, bad_values_file(tmp_path), cohort_id)
    assert [(p.row, p.column) for p in preview.problems] == [
        (2, "A"), (3, "E"), (4, "C"), (5, "A"), (6, "D"), (7, "F"), (7, "G"), (8, "C"), (8, "H")]
    messages = [p.message for p in preview.problems]
    assert messages[0] == (
        'Row 2, column A (ТАӘ): the text "Ð�Ñ…Ð¼ÐµÑ‚Ð¾Ð²Ð°" is garbled: it was saved in one code page and read in '
        "another. Type it anew, or save the file again from the program that made it.")
    assert 'probably reads "Ахметова"' in messages[1]
    assert "hidden character (U+0007) at position 8" in messages[2]
    assert "hidden character (U+200B) at position 12" in messages[3]
    assert "the text is too long (32767 characters); at most 600 fit" in messages[4]
    assert "too long (150 characters); at most 100 fit" in messages[5] and "at most 100 fit" in messages[6]
    assert "hidden character (U+0085)" in messages[7] and "too long (5000 characters); at most 4000" in messages[8]
    assert all(len(quoted) <= 60 for message in messages for quoted in quotes(message))
    assert all(len(message) < 400 for message in messages)
    assert [row.row for row in preview.rows] == [9]
    with database.transaction() as session:
        result = apply_listener_import(session, preview, today=TODAY)
    assert (result.imported, [item.row for item in result.skipped]) == (1, [2, 3, 4, 5, 6, 7, 8])
    with database.reading() as session:
        assert session.scalars(select(Teacher.surname)).all() == ["Жақсы"]
