"""The teachers' registry: the questionnaire's checks field by field (Appendix 3), one record per IIN
(upsert for list imports), the folded search (Kazakh case, IIN prefix, paging), the 5-year hours with
their boundary and no double counting (п.21), and the teachers due for a course."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pedesk.models import (
    Cohort,
    Enrolment,
    PreviousCourse,
    Programme,
    QualificationCategory,
    Region,
    School,
    Teacher,
)
from pedesk.models.database import Database
from pedesk.models.enums import CourseKind, EnrolmentStatus, Language
from pedesk.services.common.errors import Problem, ValidationError
from pedesk.services.rules.iin import make_iin
from pedesk.services.teachers import (
    PreviousCourseData,
    TeacherData,
    count_due_for_course,
    count_teachers,
    get_teacher,
    page_teachers,
    save_teacher,
    teacher_history,
    teacher_hours,
    teachers_due_for_course,
    upsert_teacher,
    validate_teacher,
)
from pedesk.services.teachers.registry import find_by_iin
from tests.builders import (
    cohort,
    listener,
    own_office,
    programme,
    provider,
    recorded_certificate,
    ref_id,
    statements,
)

BIRTH = date(1979, 10, 28)
IIN = make_iin(BIRTH, "male", 2728)
TODAY = date(2026, 11, 25)


def _data(**changes: Any) -> TeacherData:
    base = TeacherData(
        iin=IIN, surname="Әлібеков", name="Ерлан", patronymic="Серікұлы", birth_date=BIRTH,
        position="Математика пәнінің мұғалімі", education="Жоғары, ҚарМУ, 2001 ж.",
        total_experience_years=22, teaching_experience_years=20, instruction_language=Language.KK,
        home_address="Қарағанды, Бұқар жырау даңғылы, 10", phone="+7 701 234 56 78", email="erlan@mail.kz",
        additional_info="Олимпиада жүлдегерлерінің жетекшісі",
    )
    return replace(base, **changes)


def _problems(database: Database, data: TeacherData, teacher_id: int | None = None) -> list[Problem]:
    with database.reading() as session:
        return validate_teacher(session, data, teacher_id)


def _fields(database: Database, data: TeacherData, teacher_id: int | None = None) -> dict[str, str]:
    return {problem.field: problem.message for problem in _problems(database, data, teacher_id)}


def _save(database: Database, data: TeacherData, teacher_id: int | None = None) -> int:
    with database.transaction() as session:
        return save_teacher(session, data, teacher_id).id


# --- The questionnaire ------------------------------------------------------------------------------------


def test_a_valid_questionnaire_is_saved_with_every_field(database: Database) -> None:
    with database.reading() as session:
        category = ref_id(session, QualificationCategory, "pedagog_expert")
        region = ref_id(session, Region, "KARAGANDA")
    with database.transaction() as session:
        school = School(name_kk="№5 мектеп-гимназия", name_ru="Школа-гимназия №5", region_id=region)
        session.add(school)
        session.flush()
        school_id = school.id
    courses = (PreviousCourseData("Критериалды бағалау", "«Өрлеу»", date(2023, 3, 1), date(2023, 3, 10), 72, "0012345"),)
    data = _data(category_id=category, category_valid_until=date(2029, 5, 1), school_id=school_id,
                 previous_courses=courses)
    assert _problems(database, data) == []
    teacher_id = _save(database, data)
    with database.reading() as session:
        stored = get_teacher(session, teacher_id)
        teacher = session.get(Teacher, teacher_id)
        assert teacher is not None
        assert teacher.search_key == f"әлібеков ерлан серікұлы {IIN}"
        # the place of work and its region come from the school when left empty (Appendix 3)
        assert (teacher.workplace, teacher.workplace_region_id) == ("№5 мектеп-гимназия", region)
    assert stored == replace(data, workplace="№5 мектеп-гимназия", workplace_region_id=region)
    # saving again replaces the earlier-courses rows
    _save(database, replace(data, previous_courses=()), teacher_id)
    with database.reading() as session:
        assert session.scalar(select(func.count(PreviousCourse.id))) == 0


@pytest.mark.parametrize(
    ("iin", "words"),
    [("", "empty"), ("12345", "12 digits"), (IIN[:11] + str((int(IIN[11]) + 1) % 10), "check-digit"),
     ("7910283027ab", "other than digits")],
)
def test_a_bad_iin_gets_the_iin_services_reason(database: Database, iin: str, words: str) -> None:
    problems = _fields(database, _data(iin=iin))
    assert set(problems) == {"iin"}
    assert words in problems["iin"]


def test_the_birth_date_is_required_and_must_agree_with_the_iin(database: Database) -> None:
    assert set(_fields(database, _data(birth_date=None))) == {"birth_date"}
    problems = _fields(database, _data(birth_date=date(1979, 10, 29)))
    assert set(problems) == {"birth_date"}
    assert IIN in problems["birth_date"] and "does not match" in problems["birth_date"]


def test_names_are_required_and_cleaned(database: Database) -> None:
    problems = _fields(database, _data(surname="  ", name=""))
    assert set(problems) == {"surname", "name"}
    assert "required" in problems["surname"]
    # a Latin "A" and "e" typed inside a Cyrillic name, and doubled spaces
    teacher_id = _save(database, _data(surname="Aлібеков", name="Eрлан ", patronymic="Серік  ұлы"))
    with database.reading() as session:
        stored = get_teacher(session, teacher_id)
    assert stored is not None
    assert (stored.surname, stored.name, stored.patronymic) == ("Алібеков", "Ерлан", "Серік ұлы")


def test_the_iin_is_unique_and_the_message_says_whose(database: Database) -> None:
    first = _save(database, _data())
    problems = _fields(database, _data(surname="Басқа", name="Адам"))
    assert set(problems) == {"iin"}
    assert "Әлібеков Ерлан Серікұлы" in problems["iin"]
    assert _problems(database, _data(phone=""), first) == []  # the teacher's own record is no clash


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"phone": "позвонить"}, "phone"), ({"phone": "12"}, "phone"), ({"email": "erlan@"}, "email"),
     ({"email": "erlan mail.kz"}, "email")],
)
def test_phone_and_email_formats(database: Database, changes: dict[str, str], field: str) -> None:
    assert set(_fields(database, _data(**changes))) == {field}


def test_good_phone_and_email_pass(database: Database) -> None:
    assert _problems(database, _data(phone="8 (7212) 41-22-33, +7 701 234 56 78", email="")) == []


@pytest.mark.parametrize(
    ("total", "teaching", "field"),
    [(61, 20, "total_experience_years"), (20, -1, "teaching_experience_years"),
     (10, 11, "teaching_experience_years")],
)
def test_experience_limits(database: Database, total: int, teaching: int, field: str) -> None:
    problems = _fields(database, _data(total_experience_years=total, teaching_experience_years=teaching))
    assert set(problems) == {field}


def test_experience_at_the_limits_passes(database: Database) -> None:
    born = date(1950, 2, 1)  # old enough for 60 years of service (work starts at 14 at the earliest)
    senior = _data(iin=make_iin(born, "male", 2729), birth_date=born)
    assert _problems(database, replace(senior, total_experience_years=60, teaching_experience_years=60)) == []
    assert _problems(database, _data(total_experience_years=0, teaching_experience_years=0)) == []


def test_category_valid_until_needs_a_category(database: Database) -> None:
    problems = _fields(database, _data(category_valid_until=date(2028, 1, 1)))
    assert set(problems) == {"category_valid_until"}
    assert _fields(database, _data(category_id=999_999)).keys() == {"category_id"}
    assert _fields(database, _data(instruction_language="de")).keys() == {"instruction_language"}


def test_previous_course_rows_name_the_row(database: Database) -> None:
    rows = (
        PreviousCourseData("Жарамды курс", "", date(2022, 1, 10), date(2022, 1, 20), 1),
        PreviousCourseData(" ", "", date(2022, 2, 1), date(2022, 2, 5), 36),
        PreviousCourseData("Күндері ауысқан", "", date(2022, 3, 10), date(2022, 3, 1), 36),
        PreviousCourseData("Сағаты жоқ", "", None, None, 0),
        PreviousCourseData("Тым көп", "", None, None, 2001),
        PreviousCourseData("Ең көбі", "", None, None, 2000),
    )
    problems = _problems(database, _data(previous_courses=rows))
    assert {problem.field for problem in problems} == {"previous_courses"}
    assert [problem.row for problem in problems] == [2, 3, 4, 5]
    assert "row 2" in problems[0].message and "topic" in problems[0].message
    assert "before it starts" in problems[1].message
    assert "0 academic hours" in problems[2].message and "2001 academic hours" in problems[3].message


def test_save_refuses_and_changes_nothing(database: Database) -> None:
    with pytest.raises(ValidationError) as caught, database.transaction() as session:
        save_teacher(session, _data(email="no"))
    assert caught.value.for_field("email")
    with database.reading() as session:
        assert session.scalar(select(func.count(Teacher.id))) == 0


# --- One record per IIN -------------------------------------------------------------------------------------


def test_upsert_by_iin_does_not_duplicate_and_keeps_what_the_data_leaves_empty(database: Database) -> None:
    course = PreviousCourseData("Критериалды бағалау", "«Өрлеу»", date(2023, 3, 1), date(2023, 3, 10), 72)
    with database.transaction() as session:
        teacher, created = upsert_teacher(session, _data(previous_courses=(course,)))
        first_id = teacher.id
    assert created
    spaced = IIN[:6] + " " + IIN[6:]
    update = TeacherData(iin=spaced, surname="Әлібеков", name="Ерлан", position="Директордың орынбасары",
                         phone="", previous_courses=(course, replace(course, topic="STEM", academic_hours=36)))
    with database.transaction() as session:
        teacher, created = upsert_teacher(session, update)
    assert not created and teacher.id == first_id
    with database.reading() as session:
        assert session.scalar(select(func.count(Teacher.id))) == 1
        stored = get_teacher(session, first_id)
    assert stored is not None
    assert stored.position == "Директордың орынбасары"
    assert (stored.phone, stored.email, stored.birth_date, stored.patronymic) == (
        "+7 701 234 56 78", "erlan@mail.kz", BIRTH, "Серікұлы")
    assert [row.topic for row in stored.previous_courses] == ["Критериалды бағалау", "STEM"]


def test_upsert_new_teacher_takes_the_birth_date_from_the_iin(database: Database) -> None:
    with database.transaction() as session:
        teacher, created = upsert_teacher(session, TeacherData(iin=IIN, surname="Әлібеков", name="Ерлан"))
        assert created and teacher.birth_date == BIRTH


def test_upsert_with_another_category_drops_the_old_valid_until(database: Database) -> None:
    with database.reading() as session:
        expert = ref_id(session, QualificationCategory, "pedagog_expert")
        master = ref_id(session, QualificationCategory, "pedagog_master")
    _save(database, _data(category_id=expert, category_valid_until=date(2028, 1, 1)))
    with database.transaction() as session:
        teacher, _created = upsert_teacher(session, TeacherData(iin=IIN, surname="Әлібеков", name="Ерлан",
                                                                 category_id=master))
        assert (teacher.category_id, teacher.category_valid_until) == (master, None)


def test_upsert_refuses_a_broken_merge(database: Database) -> None:
    _save(database, _data())
    with pytest.raises(ValidationError) as caught, database.transaction() as session:
        upsert_teacher(session, TeacherData(iin=IIN, surname="Әлібеков", name="Ерлан", birth_date=date(1980, 1, 1)))
    assert caught.value.for_field("birth_date")


def test_find_by_iin_reads_a_number_cell(database: Database) -> None:
    iin = make_iin(date(2005, 3, 12), "female", 1)
    _save(database, _data(iin=iin, birth_date=date(2005, 3, 12), total_experience_years=1,
                          teaching_experience_years=1))
    with database.reading() as session:
        found = find_by_iin(session, int(iin))  # "050312..." arrives as the number 50312...
        assert found is not None and found.iin == iin
        assert find_by_iin(session, "not an iin") is None


# --- Search ------------------------------------------------------------------------------------------------

_PEOPLE = [
    ("Әлібеков", "Ерлан", "Серікұлы", date(1979, 10, 28), "male"),
    ("Әлімова", "Айгүл", "Ерланқызы", date(1985, 2, 3), "female"),
    ("Иванова", "Мария", "Петровна", date(1990, 6, 15), "female"),
    ("Ахметов", "Жандос", "Әліұлы", date(1979, 11, 2), "male"),
    ("Сейітова", "Дана", "", date(2001, 1, 5), "female"),
]


@pytest.fixture
def registry(database: Database) -> dict[str, str]:
    iins = {}
    with database.transaction() as session:
        for serial, (surname, name, patronymic, birth, sex) in enumerate(_PEOPLE):
            iin = make_iin(birth, sex, serial * 10)
            save_teacher(session, TeacherData(iin=iin, surname=surname, name=name, patronymic=patronymic,
                                              birth_date=birth))
            iins[surname] = iin
    return iins


def test_search_folds_kazakh_case_and_needs_every_word(database: Database, registry: dict[str, str]) -> None:
    with database.reading() as session:
        assert [row.surname for row in page_teachers(session, "ӘЛІ")] == ["Ахметов", "Әлібеков", "Әлімова"]
        assert [row.surname for row in page_teachers(session, "әлі ерлан")] == ["Әлібеков", "Әлімова"]
        assert [row.surname for row in page_teachers(session, "иВАН")] == ["Иванова"]
        assert page_teachers(session, "әлі мария") == []
        assert count_teachers(session, "ӘЛІ") == 3 and count_teachers(session, "") == 5


def test_search_by_iin_prefix(database: Database, registry: dict[str, str]) -> None:
    with database.reading() as session:
        rows = page_teachers(session, "791")
        assert [row.surname for row in rows] == ["Әлібеков", "Ахметов"]  # IIN order: 791028 < 791102
        assert [row.iin for row in page_teachers(session, "7910 28")] == [registry["Әлібеков"]]
        assert [row.surname for row in page_teachers(session, "0")] == ["Сейітова"]  # born 2001: 010105...
        assert count_teachers(session, "79") == 2
        assert page_teachers(session, registry["Иванова"] + "0") == []  # 13 digits
        assert count_teachers(session, "99") == 0


def test_search_rows_carry_the_registry_columns(database: Database, registry: dict[str, str]) -> None:
    with database.reading() as session:
        row = page_teachers(session, "иванова", lang="ru")[0]
    assert (row.iin, row.name, row.patronymic, row.birth_date) == (
        registry["Иванова"], "Мария", "Петровна", date(1990, 6, 15))
    assert row.full_name == "Иванова Мария Петровна" and row.category == ""


def test_paging_is_stable_and_one_query(database: Database, registry: dict[str, str]) -> None:
    with database.reading() as session:
        everyone = [row.id for row in page_teachers(session, "", 0, 100)]
        with statements(database) as seen:
            pages = [page_teachers(session, "", offset, 2) for offset in (0, 2, 4)]
        assert len(seen) == 3
        assert [row.id for page in pages for row in page] == everyone
        assert [len(page) for page in pages] == [2, 2, 1]
        surnames = [session.scalars(select(Teacher.surname).where(Teacher.id == id_)).one() for id_ in everyone]
        assert surnames == ["Ахметов", "Әлібеков", "Әлімова", "Иванова", "Сейітова"]  # the Kazakh alphabet


# --- History and hours (п.21) --------------------------------------------------------------------------------


@pytest.fixture
def programme_ids(database: Database) -> dict[str, int]:
    with database.transaction() as session:
        office = own_office(session, name_kk="Кабинет", name_ru="Кабинет")
        courses = {code: programme(session, office, code, f"{code} бағдарлама", f"Программа {code}", hours,
                                   kind=CourseKind.SHORT)
                   for code, hours in (("P20", 20), ("P36", 36), ("P72", 72), ("P120", 120))}
        provider(session)
        session.flush()
        return {code: course.id for code, course in courses.items()}


def _course(session: Session, ids: dict[str, int], teacher_id: int, code: str, end: date,
            status: EnrolmentStatus = EnrolmentStatus.COMPLETED, certificate: str = "") -> Enrolment:
    count = session.scalar(select(func.count(Cohort.id))) or 0
    course = session.get_one(Programme, ids[code])
    group = cohort(session, course.office, course, f"C-{count + 1}", end, start=end - timedelta(days=9), capacity=25)
    enrolment = listener(session, group, session.get_one(Teacher, teacher_id), status,
                         applied_on=end - timedelta(days=90))
    if certificate:
        recorded_certificate(session, enrolment, certificate, end, valid_until=end.replace(year=end.year + 5), hours=0,
                             external=False)
    return enrolment


def test_five_year_hours_boundary_and_no_double_counting(database: Database, programme_ids: dict[str, int]) -> None:
    window_start = date(2021, 11, 25)  # TODAY minus 5 years: a course ending on it no longer counts
    written = (
        PreviousCourseData("Шекарада", "", window_start - timedelta(days=9), window_start, 100),
        PreviousCourseData("Шекарадан кейін", "", None, window_start + timedelta(days=1), 5),
        # the completed P72 course below, written again with its dates and again with its certificate number
        PreviousCourseData("Сол курс", "", date(2024, 4, 1), date(2024, 4, 10), 72),
        PreviousCourseData("Сол курс (нөмірі)", "", date(2025, 1, 1), date(2025, 1, 2), 120, "KRG-2025-7"),
        PreviousCourseData("Күнсіз", "", None, None, 40),
    )
    teacher_id = _save(database, _data(previous_courses=written))
    with database.transaction() as session:
        _course(session, programme_ids, teacher_id, "P72", date(2024, 4, 10))
        _course(session, programme_ids, teacher_id, "P120", date(2025, 5, 30), certificate="KRG-2025-7")
        _course(session, programme_ids, teacher_id, "P36", date(2026, 3, 1), EnrolmentStatus.NOT_CERTIFIED)
        _course(session, programme_ids, teacher_id, "P36", TODAY + timedelta(days=30), EnrolmentStatus.APPLIED)
    with database.reading() as session:
        history = teacher_history(session, teacher_id, TODAY, lang="kk")
        assert history.hours_last_five_years == 5 + 72 + 120
        assert teacher_hours(session, teacher_id, TODAY) == 197
        # a day later the course that ended one day after the window start drops out too
        assert teacher_hours(session, teacher_id, TODAY + timedelta(days=1)) == 192
    assert history.window_start == window_start and not history.due_for_course
    assert [e.status for e in history.enrolments] == [
        EnrolmentStatus.APPLIED, EnrolmentStatus.NOT_CERTIFIED, EnrolmentStatus.COMPLETED, EnrolmentStatus.COMPLETED]
    assert history.enrolments[-1].programme == "P72 бағдарлама" and history.enrolments[-1].academic_hours == 72
    assert [row.topic for row in history.previous_courses] == ["Шекарадан кейін", "Сол курс", "Сол курс (нөмірі)"]
    (certificate,) = history.certificates
    assert (certificate.number, certificate.topic, certificate.expired) == ("KRG-2025-7", "P120 бағдарлама", False)


def test_certificate_expired_on_its_valid_until(database: Database, programme_ids: dict[str, int]) -> None:
    teacher_id = _save(database, _data())
    with database.transaction() as session:
        _course(session, programme_ids, teacher_id, "P72", date(2022, 1, 10), certificate="OLD-1")
    with database.reading() as session:
        (before,) = teacher_history(session, teacher_id, date(2027, 1, 9)).certificates
        (on_day,) = teacher_history(session, teacher_id, date(2027, 1, 10)).certificates
    assert not before.expired and on_day.expired


def test_due_for_course_under_36_hours(database: Database, programme_ids: dict[str, int]) -> None:
    iins = [make_iin(BIRTH, "male", serial) for serial in (100, 200, 300, 400)]
    ids = [_save(database, _data(iin=iin, surname=name)) for iin, name in zip(iins, ("А", "Б", "В", "Г"), strict=True)]
    with database.transaction() as session:
        _course(session, programme_ids, ids[1], "P36", date(2024, 5, 1))  # exactly 36: not due
        written = PreviousCourse(teacher_id=ids[2], topic="Қысқа", end_date=date(2025, 1, 1), academic_hours=35)
        session.add(written)  # 35: due
        _course(session, programme_ids, ids[3], "P72", date(2020, 5, 1))  # outside the window: due
    with database.reading() as session:
        due = teachers_due_for_course(session, TODAY)
        assert [(row.id, row.hours) for row in due] == [(ids[0], 0), (ids[2], 35), (ids[3], 0)]
        assert count_due_for_course(session, TODAY) == 3
        assert [row.id for row in teachers_due_for_course(session, TODAY, limit=1, offset=1)] == [ids[2]]
        for teacher_id in ids:  # the SQL list agrees with each teacher's history
            history = teacher_history(session, teacher_id, TODAY)
            assert history.due_for_course == (teacher_id in {row.id for row in due})


def test_due_list_does_not_count_a_course_twice(database: Database, programme_ids: dict[str, int]) -> None:
    """A 20-hour course that is also written in the questionnaire stays 20 hours: still due (< 36)."""
    same_dates = PreviousCourseData("Сол курс", "", date(2024, 4, 21), date(2024, 4, 30), 20)
    same_number = PreviousCourseData("Нөмірі бар", "", date(2023, 1, 1), date(2023, 1, 3), 20, "N-1")
    no_start = PreviousCourseData("Басы жоқ", "", None, date(2024, 4, 30), 20)
    first = _save(database, _data(previous_courses=(same_dates,)))
    second = _save(database, _data(iin=make_iin(BIRTH, "male", 500), previous_courses=(same_number,)))
    third = _save(database, _data(iin=make_iin(BIRTH, "male", 600), previous_courses=(no_start,)))
    fourth = _save(database, _data(iin=make_iin(BIRTH, "male", 700), previous_courses=(same_dates,)))
    with database.transaction() as session:
        _course(session, programme_ids, first, "P20", date(2024, 4, 30))
        _course(session, programme_ids, second, "P20", date(2025, 6, 1), certificate="N-1")
        _course(session, programme_ids, third, "P20", date(2024, 4, 30))
        # not completed: the questionnaire's row is the only record of hours, and counts
        _course(session, programme_ids, fourth, "P20", date(2024, 4, 30), EnrolmentStatus.NOT_CERTIFIED)
        _course(session, programme_ids, fourth, "P20", date(2025, 9, 1))
    with database.reading() as session:
        hours = {row.id: row.hours for row in teachers_due_for_course(session, TODAY)}
        assert hours == {first: 20, second: 20, third: 20}
        assert [teacher_hours(session, id_, TODAY) for id_ in (first, second, third, fourth)] == [20, 20, 20, 40]
