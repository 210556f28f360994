"""The questionnaire refuses what a life does not allow and what a keyboard should not have typed (issue 14
points 6 and 7): a date of birth in the future even when the IIN agrees with it, more years of service than
the age allows, hidden characters and mojibake in its text fields, each naming the field, the form saving
nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from pedesk.models import Teacher
from pedesk.models.database import Database
from pedesk.services.common.errors import ValidationError
from pedesk.services.rules.iin import check_iin, make_iin
from pedesk.services.teachers import (
    PreviousCourseData,
    TeacherData,
    age_on,
    experience_problem,
    save_teacher,
    under_age_warning,
    validate_teacher,
)

TODAY = date(2026, 11, 25)
BORN = date(1990, 6, 15)


def _data(**changes: object) -> TeacherData:
    base = TeacherData(iin=make_iin(BORN, "female", 501), surname="Әлібекова", name="Айгерім", birth_date=BORN,
                       position="мұғалім", total_experience_years=10, teaching_experience_years=8)
    return replace(base, **changes)  # type: ignore[arg-type]


def _messages(database: Database, data: TeacherData) -> dict[str, str]:
    with database.reading() as session:
        return {problem.field: problem.message for problem in validate_teacher(session, data, today=TODAY)}


def test_a_date_of_birth_in_the_future_is_refused_even_when_the_iin_agrees(database: Database) -> None:
    future = date(2027, 3, 1)
    iin = make_iin(future, "male", 502)
    assert check_iin(iin).valid and check_iin(iin).birth_date == future  # the IIN itself agrees
    messages = _messages(database, _data(iin=iin, birth_date=future, total_experience_years=None,
                                         teaching_experience_years=None))
    assert set(messages) == {"birth_date"}
    assert messages["birth_date"].startswith("Date of birth: the date of birth ") and "is in the future" in messages[
        "birth_date"]
    with pytest.raises(ValidationError), database.transaction() as session:
        save_teacher(session, _data(iin=iin, birth_date=future), today=TODAY)
    with database.reading() as session:
        assert session.scalar(select(func.count(Teacher.id))) == 0


def test_years_of_service_longer_than_a_working_life_are_refused(database: Database) -> None:
    assert age_on(BORN, TODAY) == 36  # so at most 36 - 14 = 22 years of service
    assert _messages(database, _data(total_experience_years=22, teaching_experience_years=22)) == {}
    messages = _messages(database, _data(total_experience_years=23, teaching_experience_years=5))
    assert set(messages) == {"total_experience_years"}
    assert messages["total_experience_years"] == (
        "Total work experience: 23 years of service is more than a person of 36 can have worked: work starts at "
        "14 at the earliest, so at most 22. Check the years of service and the date of birth.")
    assert set(_messages(database, _data(total_experience_years=None, teaching_experience_years=30))) == {
        "teaching_experience_years"}
    assert experience_problem(0, date(2015, 1, 1), TODAY) is None  # a child has no years of service, and 0 fits
    assert experience_problem(1, date(2015, 1, 1), TODAY) is not None


def test_under_18_at_the_start_is_a_warning_only() -> None:
    start = date(2027, 2, 1)
    assert under_age_warning(date(2009, 2, 1), start) is None  # 18 on the first day
    warning = under_age_warning(date(2009, 2, 2), start)
    assert warning is not None and warning.startswith("the teacher will be 17 at the start of the course on ")


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"surname": "Әлібекова\x07"}, "surname", "Surname: the text holds a hidden character (U+0007) at position 10"),
        ({"name": "Ай\u200bгерім"}, "name", "First name: the text holds a hidden character (U+200B) at position 3"),
        ({"position": "мұғалім\x85"}, "position", "Position: the text holds a hidden character (U+0085)"),
        ({"surname": "Ахметова".encode().decode("cp1251")}, "surname",
         'Surname: the text "РђС…РјРµС‚РѕРІР°" is garbled: it was saved in one code page and read in another, '
         'and probably reads "Ахметова".'),
        ({"workplace": "Ð�Ñ…Ð¼ÐµÑ‚"}, "workplace", 'Place of work: the text "Ð�Ñ…Ð¼ÐµÑ‚" is garbled'),
        ({"additional_info": "x" * 5000}, "additional_info", "Additional information: the text is too long (5000"),
        ({"previous_courses": (PreviousCourseData("Курс\ufeff"),)}, "previous_courses",
         "Previous courses, row 1: the text holds a hidden character (U+FEFF)"),
    ],
)
def test_hidden_characters_mojibake_and_length_are_refused_by_field(
    database: Database, changes: dict[str, object], field: str, expected: str
) -> None:
    messages = _messages(database, _data(**changes))
    assert set(messages) == {field} and messages[field].startswith(expected)
