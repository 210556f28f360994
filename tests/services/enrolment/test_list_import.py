"""Importing a cohort's list of listeners from department spreadsheets of different shapes: the preview (every
problem by row and column, nothing written), the apply (every stored field, teachers updated by IIN, schools
matched or added, the cohort's capacity and п.12 reason), the CLI's exit codes and JSON, and refused or
cancelled imports that change nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pedesk.models import Base, Enrolment, QualificationCategory, Region, School, Teacher
from pedesk.models.database import Database
from pedesk.models.enums import Language
from pedesk.services.common.errors import ValidationError
from pedesk.services.common.progress import Cancelled
from pedesk.services.enrolment import enrol_teacher
from pedesk.services.enrolment.list_import import (
    ListenerImportPreview,
    ListenerImportResult,
    apply_listener_import,
    preview_listener_import,
    split_full_name,
)
from pedesk.services.reference import regions as ref
from pedesk.services.rules.iin import make_iin
from pedesk.services.teachers import TeacherData, upsert_teacher
from tests.builders import cohort, own_office, programme, provider, ref_id, run_cli, stored, workbook

TODAY = date.today()
IIN_A = make_iin(date(2001, 5, 3), "female", 11)  # starts with 0: a number cell drops it
IIN_B = make_iin(date(1985, 11, 20), "male", 12)
IIN_C = make_iin(date(2003, 1, 15), "male", 13)  # starts with 0, no birth date in the file
IIN_D = make_iin(date(1990, 4, 12), "female", 14)
IIN_E = make_iin(date(1978, 9, 1), "male", 15)
IIN_F = make_iin(date(2002, 7, 9), "male", 16)
IIN_G = make_iin(date(1988, 3, 30), "male", 17)


def _bad_checksum(iin: str) -> str:
    return iin[:11] + str((int(iin[11]) + 1) % 10)


@dataclass(frozen=True)
class Ids:
    region: int
    school5: int
    gymnasium: int
    cohort: int  # K-01: 25 places, list not formed
    small: int  # K-02: 3 places
    late: int  # K-03: starts in 20 days, its list is formed (п.12)
    finished: int  # K-00: ended a month ago


@pytest.fixture
def ids(database: Database) -> Ids:
    with database.transaction() as session:
        region = ref_id(session, Region, "KARAGANDA")
        abai = ref.save_district(session, ref.DistrictData(region, "Абай ауданы", "Абайский район")).id
        school5 = ref.save_school(session, ref.SchoolData("№5 жалпы білім беретін мектеп",
                                                          "Общеобразовательная школа №5", region, abai)).id
        gymnasium = ref.save_school(session, ref.SchoolData("Сарань гимназиясы", "Гимназия г. Сарань", region)).id
        office = own_office(session, name_kk="Кабинет", name_ru="Кабинет", region_id=region)
        course = programme(session, office, "P1", "Әдістеме", "Методика", 36)
        host = provider(session)
        cohorts = [cohort(session, office, course, code, TODAY + timedelta(days=days + 11),
                          start=TODAY + timedelta(days=days), host=host, capacity=capacity)
                   for code, days, capacity in (("K-01", 90, 25), ("K-02", 120, 3), ("K-03", 20, 25), ("K-00", -41, 25))]
        session.flush()
        return Ids(region, school5, gymnasium, *(cohort.id for cohort in cohorts))


def kazakh_file(tmp_path: Path) -> Path:
    """Kazakh headers under two merged title rows, one ТАӘ column, numeric IINs, Excel dates."""
    return workbook([
        ["Қарағанды облысы бойынша курсқа жіберілетін педагогтердің тізімі"],
        ["Абай ауданы білім бөлімі"],
        [],
        ["№", "Т.А.Ә.", "ЖСН", "Туған күні", "Лауазымы", "Жұмыс орны", "Білімі", "Санаты", "Санаттың мерзімі",
         "Жалпы өтілі", "Педагогикалық өтілі", "Оқыту тілі", "Телефон", "E-mail"],
        [1, "Ахметова Айгүл Серікқызы", int(IIN_A), datetime(2001, 5, 3), "математика пәнінің мұғалімі",
         "№5 жалпы білім беретін мектеп", "Жоғары, Қарағанды университеті, 2022", "Педагог-модератор",
         datetime(2027, 5, 31), "3 жыл", 3, "қазақ", "+7 701 111 22 33", "aigul@mail.kz"],
        [2, "Нұрланов Ерлан Серік ұлы", int(IIN_B), datetime(1985, 11, 20), "физика пәнінің мұғалімі",
         "Сарань гимназиясы", "Жоғары", "жоғары санатты", None, "15 жыл", "12 жыл", "орыс тілі",
         "8 (72131) 4-55-55", ""],
        [3, "Қасымов Дәурен", int(IIN_C), None, "бастауыш сынып мұғалімі", None, "Орта арнаулы", None, None, 1,
         1, "қаз", None, None],
        [4],  # a numbered but empty line of the form
    ], tmp_path / "tizim.xlsx", "A1:N1", "A2:N2")


def russian_file(tmp_path: Path) -> Path:
    """Russian headers, "dd.mm.yyyy" text dates, blank rows, "Итого" and a footer after it."""
    return workbook([
        ["Список педагогов, направляемых на курсы повышения квалификации"],
        ["ФИО", "ИИН", "Дата рождения", "Должность", "Место работы", "Образование", "Категория", "Стаж",
         "Язык обучения", "Телефон", "Эл. почта"],
        ["Иванова Мария Петровна", IIN_D, "12.04.1990", "учитель русского языка",
         'КГУ "Общеобразовательная школа №5"', "высшее", "Педагог-эксперт", "12 лет", "русский",
         "87011234567", "ivanova@mail.ru"],
        [],
        ["Петров Сергей Иванович", IIN_E, "01.09.1978", "учитель истории", "Гимназия г. Сарань", "высшее",
         "высшая", "25 лет", "русский", None, None],
        [None] * 11,
        ["Итого: 2"],
        ["Исполнитель: Сейтова А."],
    ], tmp_path / "список.xlsx")


def three_columns_file(tmp_path: Path, headers: list[str]) -> Path:
    """Surname, name, patronymic in three columns; IINs as text with spaces; Latin look-alike letters."""
    spaced = " ".join([IIN_F[:4], IIN_F[4:8], IIN_F[8:]])
    return workbook([
        [*headers, "ЖСН", "Лауазымы"],
        ["Aхметов", "Eрлан", "Бoлатұлы", spaced, "мұғалiм"],  # Latin A, E, o and i
        ["Сейтқали", "Мaрат", None, f"\u00a0{IIN_G[:6]}\u00a0{IIN_G[6:]} ", "директор"],
    ], tmp_path / "three.xlsx")


def _preview(database: Database, path: Path, cohort_id: int, reason: str = "") -> ListenerImportPreview:
    with database.reading() as session:
        return preview_listener_import(session, path, cohort_id, today=TODAY, reason=reason)


def _import(
    database: Database, path: Path, cohort_id: int, reason: str = ""
) -> tuple[ListenerImportPreview, ListenerImportResult]:
    preview = _preview(database, path, cohort_id, reason)
    with database.transaction() as session:
        return preview, apply_listener_import(session, preview, reason=reason, today=TODAY)


def _teacher(database: Database, iin: str) -> Teacher:
    with database.reading() as session:
        return session.scalars(select(Teacher).where(Teacher.iin == iin)).one()


def _category(database: Database, code: str) -> int:
    with database.reading() as session:
        return session.scalars(select(QualificationCategory.id).where(QualificationCategory.code == code)).one()


def _counts(database: Database) -> dict[str, int]:
    with database.reading() as session:
        return {table.name: int(session.scalar(select(func.count()).select_from(table)) or 0)
                for table in Base.metadata.sorted_tables}


def _enrolled(capsys: pytest.CaptureFixture[str], db: str, code: str) -> int:
    status, out, _err = run_cli(capsys, "--db", db, "cohorts", "list", "--json")
    assert status == 0
    return int(next(row["enrolled"] for row in json.loads(out) if row["code"] == code))


def _db(database: Database) -> str:
    """The database for the command line: its URL."""
    return database.url


# --- (1) Kazakh headers, merged titles, one ТАӘ column, numeric IINs, Excel dates -----------------------------


def test_kazakh_file_every_stored_field(database: Database, ids: Ids, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    before = _counts(database)
    preview = _preview(database, kazakh_file(tmp_path), ids.cohort)
    assert _counts(database) == before  # the preview writes nothing
    assert (preview.header_row, preview.data_rows, preview.problems) == (4, 3, ())
    assert [(field, letter) for field, letter, _header in preview.columns] == [
        ("full_name", "B"), ("iin", "C"), ("birth_date", "D"), ("position", "E"), ("education", "G"),
        ("category_valid_until", "I"), ("category", "H"), ("workplace", "F"), ("teaching_experience_years", "K"),
        ("total_experience_years", "J"), ("instruction_language", "L"), ("phone", "M"), ("email", "N"),
    ]
    assert [(row.row, row.teacher_id, row.workplace.kind, row.workplace.school_id) for row in preview.rows] == [
        (5, None, "existing", ids.school5), (6, None, "existing", ids.gymnasium), (7, None, "none", None)
    ]
    with database.transaction() as session:
        result = apply_listener_import(session, preview, today=TODAY)
    assert (result.rows, result.imported, result.updated, result.teachers_added, result.skipped,
            result.schools_added) == (3, 3, 0, 3, (), 0)
    a, b, c = (_teacher(database, iin) for iin in (IIN_A, IIN_B, IIN_C))
    assert IIN_A.startswith("0") and a.iin == IIN_A and c.iin == IIN_C
    assert (a.surname, a.name, a.patronymic, a.birth_date) == ("Ахметова", "Айгүл", "Серікқызы", date(2001, 5, 3))
    assert (a.position, a.education) == ("математика пәнінің мұғалімі", "Жоғары, Қарағанды университеті, 2022")
    assert (a.school_id, a.workplace, a.workplace_region_id) == (ids.school5, "№5 жалпы білім беретін мектеп",
                                                                 ids.region)
    assert (a.category_id, a.category_valid_until) == (_category(database, "pedagog_moderator"), date(2027, 5, 31))
    assert (a.total_experience_years, a.teaching_experience_years, a.instruction_language) == (3, 3, Language.KK)
    assert (a.phone, a.email) == ("+7 701 111 22 33", "aigul@mail.kz")
    assert (b.surname, b.name, b.patronymic, b.birth_date) == ("Нұрланов", "Ерлан", "Серік ұлы", date(1985, 11, 20))
    assert (b.school_id, b.workplace, b.category_id) == (ids.gymnasium, "Сарань гимназиясы",
                                                         _category(database, "highest"))
    assert (b.total_experience_years, b.teaching_experience_years, b.instruction_language) == (15, 12, Language.RU)
    assert (b.phone, b.email) == ("8 (72131) 4-55-55", "")
    assert (c.surname, c.name, c.patronymic, c.birth_date) == ("Қасымов", "Дәурен", "", date(2003, 1, 15))
    assert (c.school_id, c.workplace, c.category_id, c.instruction_language) == (None, "", None, Language.KK)
    assert _enrolled(capsys, _db(database), "K-01") == 3


# --- (2) Russian headers, text dates, blank rows and a totals row -------------------------------------------


def test_russian_file_with_text_dates_blank_and_totals_rows(database: Database, ids: Ids, tmp_path: Path) -> None:
    preview, _result = _import(database, russian_file(tmp_path), ids.cohort)
    assert (preview.header_row, preview.data_rows, preview.problems) == (2, 2, ())
    assert [row.row for row in preview.rows] == [3, 5]
    d, e = _teacher(database, IIN_D), _teacher(database, IIN_E)
    assert (d.surname, d.name, d.patronymic, d.birth_date) == ("Иванова", "Мария", "Петровна", date(1990, 4, 12))
    assert (d.position, d.education, d.school_id, d.workplace) == (
        "учитель русского языка", "высшее", ids.school5, "Общеобразовательная школа №5")
    assert (d.category_id, d.total_experience_years, d.teaching_experience_years) == (
        _category(database, "pedagog_expert"), 12, None)
    assert (d.instruction_language, d.phone, d.email) == (Language.RU, "87011234567", "ivanova@mail.ru")
    assert (e.birth_date, e.school_id, e.category_id, e.total_experience_years) == (
        date(1978, 9, 1), ids.gymnasium, _category(database, "highest"), 25)


# --- (3) Three name columns, IINs as text with spaces, Latin look-alikes ---------------------------------------


@pytest.mark.parametrize("headers", [["Тегі", "Аты", "Әкесінің аты"], ["Фамилия", "Имя", "Отчество"]])
def test_three_name_columns_spaced_iins_and_look_alikes(
    database: Database, ids: Ids, tmp_path: Path, headers: list[str]
) -> None:
    preview, _result = _import(database, three_columns_file(tmp_path, headers), ids.cohort)
    assert preview.problems == ()
    f, g = _teacher(database, IIN_F), _teacher(database, IIN_G)
    assert (f.surname, f.name, f.patronymic, f.position) == ("Ахметов", "Ерлан", "Болатұлы", "мұғалім")
    assert (f.birth_date, g.birth_date) == (date(2002, 7, 9), date(1988, 3, 30))  # from the IIN
    assert (g.surname, g.name, g.patronymic, g.position) == ("Сейтқали", "Марат", "", "директор")
    assert all(not any("a" <= ch.lower() <= "z" for ch in t.surname + t.name + t.patronymic) for t in (f, g))


def test_full_names_are_split_into_surname_name_patronymic() -> None:
    assert split_full_name("Ахметова Айгүл Серікқызы") == ("Ахметова", "Айгүл", "Серікқызы")
    assert split_full_name("Нұрланов  Ерлан Серік ұлы") == ("Нұрланов", "Ерлан", "Серік ұлы")
    assert split_full_name("Жұмабаева Әсем Қайрат қызы") == ("Жұмабаева", "Әсем", "Қайрат қызы")
    assert split_full_name("Иванова Мария Петровна") == ("Иванова", "Мария", "Петровна")
    assert split_full_name("Пак Виктор") == ("Пак", "Виктор", "")
    assert split_full_name("Ахметов") is None
    assert split_full_name("Ахметов Ерлан Серік Болат") is None


# --- (4) Bad rows: every problem by row and column -----------------------------------------------------------


def bad_rows_file(tmp_path: Path) -> Path:
    good = make_iin(date(1980, 10, 10), "male", 21)
    return workbook([
        ["ТАӘ", "ЖСН", "Туған күні", "Лауазымы", "Санаты"],
        ["Жақсыбеков Нұрлан Асқарұлы", good, "10.10.1980", "мұғалім", "педагог"],
        ["Бекова Сара", _bad_checksum(make_iin(date(1990, 1, 1), "female", 22)), "01.01.1990", "мұғалім", None],
        ["Омаров Бауыржан", make_iin(date(1976, 5, 5), "male", 23), "05.05.1975", "мұғалім", None],
        ["Жақсыбеков Нұрлан", good, "10.10.1980", "мұғалім", None],
        [None, make_iin(date(1979, 2, 2), "male", 24), None, "мұғалім", None],
        ["Тұрсынова Әсел", make_iin(date(1990, 2, 28), "female", 25), "31.02.1990", "мұғалім", None],
        ["Ахметов", make_iin(date(1970, 6, 6), "male", 26), None, "мұғалім", None],
        ["Садықова Гүлнар", make_iin(date(1982, 8, 8), "female", 27), None, "мұғалім", "супер-педагог"],
    ], tmp_path / "bad.xlsx")


def test_bad_rows_are_reported_by_row_and_column(database: Database, ids: Ids, tmp_path: Path) -> None:
    preview = _preview(database, bad_rows_file(tmp_path), ids.cohort)
    assert [(p.row, p.column, p.field) for p in preview.problems] == [
        (3, "B", "iin"), (4, "C", "birth_date"), (5, "B", "iin"), (6, "A", "full_name"), (7, "C", "birth_date"),
        (8, "A", "full_name"), (9, "E", "category"),
    ]
    messages = {p.row: p.message for p in preview.problems}
    assert messages[3].startswith("Row 3, column B (ЖСН): The IIN ") and "fails the check-digit test" in messages[3]
    assert messages[4].startswith("Row 4, column C (Туған күні): The date of birth") and "does not match" in messages[4]
    assert "is already in row 2 of the file; only row 2 is imported" in messages[5]
    assert messages[6] == "Row 6, column A (ТАӘ): the full name is empty. Fill in the surname, name and patronymic, or delete the row."
    assert '"31.02.1990" is not a date' in messages[7]
    assert 'cannot tell the surname, the name and the patronymic apart in "Ахметов"' in messages[8]
    assert 'the category "супер-педагог" is not known. Write one of: Trainee teacher, Teacher, ' in messages[9]
    assert preview.problems[0].header == "ЖСН" and preview.rows_with_problems == (3, 4, 5, 6, 7, 8, 9)
    with database.transaction() as session:
        result = apply_listener_import(session, preview, today=TODAY)
    assert (result.imported, [s.row for s in result.skipped]) == (1, [3, 4, 5, 6, 7, 8, 9])
    assert result.skipped[0].reasons == (messages[3],)
    with database.reading() as session:
        assert session.scalar(select(func.count(Teacher.id))) == 1


def test_cli_bad_rows_exit_1_with_json_problems(database: Database, ids: Ids, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = _db(database)
    code, out, _err = run_cli(capsys, "--db", db, "listeners", "import", str(bad_rows_file(tmp_path)),
                           "--cohort", "K-01", "--json")
    data = json.loads(out)
    assert code == 1
    assert {"rows", "imported", "updated", "skipped", "problems"} <= set(data)
    assert (data["rows"], data["imported"], data["updated"], data["skipped"]) == (8, 1, 0, 7)
    assert [(p["row"], p["column"]) for p in data["problems"]] == [
        (3, "B"), (4, "C"), (5, "B"), (6, "A"), (7, "C"), (8, "A"), (9, "E")]
    assert all(set(p) == {"row", "column", "message"} for p in data["problems"])
    code, out, _err = run_cli(capsys, "--db", db, "listeners", "import", str(bad_rows_file(tmp_path)),
                           "--cohort", "K-02")
    lines = out.splitlines()
    assert code == 1 and lines[0].startswith("Imported 1 of 8 rows")
    assert lines[1].startswith("Row 3, column B (ЖСН): The IIN") and len(lines) == 8


# --- (5) Workplaces: a known school written differently, an unknown one added -----------------------------


def test_workplaces_match_known_schools_or_are_added(database: Database, ids: Ids, tmp_path: Path) -> None:
    path = workbook([
        ["ФИО", "ИИН", "Место работы"],
        ["Ким Ольга Викторовна", make_iin(date(1981, 1, 1), "female", 31), "«Общеобразовательная  школа № 5»"],
        ["Ли Анна Сергеевна", make_iin(date(1982, 2, 2), "female", 32), 'КММ "Ботақара жалпы орта мектебі"'],
        ["Цой Виктор Андреевич", make_iin(date(1983, 3, 3), "male", 33), "Ботақара жалпы орта мектебі КММ"],
        ["Пак Инна Юрьевна", make_iin(date(1984, 4, 4), "female", 34), "гимназия г.Сарань"],
    ], tmp_path / "workplaces.xlsx")
    schools_before = _counts(database)["school"]
    preview, result = _import(database, path, ids.cohort)
    assert [(row.workplace.kind, row.workplace.school_id) for row in preview.rows] == [
        ("existing", ids.school5), ("new", None), ("new", None), ("existing", ids.gymnasium)]
    assert preview.new_schools == ('КММ "Ботақара жалпы орта мектебі"',)
    assert result.schools_added == 1
    assert _counts(database)["school"] == schools_before + 1
    with database.reading() as session:
        added = session.scalars(select(School).where(School.name_kk == 'КММ "Ботақара жалпы орта мектебі"')).one()
        assert (added.name_ru, added.region_id) == (added.name_kk, ids.region)
        linked = session.scalars(select(Teacher.school_id).order_by(Teacher.id)).all()
        assert linked == [ids.school5, added.id, added.id, ids.gymnasium]


# --- (6) Existing teachers updated by IIN; the cohort's capacity -----------------------------------------------


def test_existing_teachers_updated_not_duplicated_and_capacity(
    database: Database, ids: Ids, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    known, enrolled = make_iin(date(1975, 6, 1), "female", 41), make_iin(date(1977, 7, 2), "male", 42)
    with database.transaction() as session:
        stored, _created = upsert_teacher(session, TeacherData(
            iin=known, surname="Әбенова", name="Гүлмира", birth_date=date(1975, 6, 1), position="мұғалім",
            education="Жоғары", phone="+7 700 000 00 00", email="old@mail.kz", total_experience_years=20))
        other, _created = upsert_teacher(session, TeacherData(iin=enrolled, surname="Бекұлы", name="Арман"))
        enrol_teacher(session, ids.small, other.id, on=TODAY)
    path = workbook([
        ["Т.А.Ә.", "ЖСН", "Лауазымы", "Телефон", "E-mail"],
        ["Әбенова Гүлмира", int(known), "директордың орынбасары", None, "new@mail.kz"],
        ["Бекұлы Арман", enrolled, None, None, None],
        ["Жаңабаев Нұр", make_iin(date(1990, 1, 2), "male", 43), "мұғалім", None, None],
        ["Соңғы Адам", make_iin(date(1991, 1, 3), "male", 44), "мұғалім", None, None],
    ], tmp_path / "existing.xlsx")
    preview = _preview(database, path, ids.small)
    assert [(row.row, row.teacher_id, row.changes, row.already_enrolled) for row in preview.rows] == [
        (2, stored.id, ("position", "email"), False), (3, other.id, (), True), (4, None, (), False)]
    assert [(p.row, p.column, p.field) for p in preview.problems] == [(5, "", "cohort")]
    assert preview.problems[0].message.startswith("Row 5: the cohort K-02 is full (3 places)")
    teachers_before = _counts(database)["teacher"]
    with database.transaction() as session:
        result = apply_listener_import(session, preview, today=TODAY)
    assert (result.imported, result.updated, result.teachers_added, result.already_enrolled) == (2, 1, 1, 1)
    assert [s.row for s in result.skipped] == [5]
    assert _counts(database)["teacher"] == teachers_before + 1
    updated = _teacher(database, known)
    assert (updated.id, updated.position, updated.email) == (stored.id, "директордың орынбасары", "new@mail.kz")
    assert (updated.phone, updated.education, updated.total_experience_years) == ("+7 700 000 00 00", "Жоғары", 20)
    assert _enrolled(capsys, _db(database), "K-02") == 3


# --- п.12: a formed list needs a reason -------------------------------------------------------------------------


def test_formed_list_needs_a_reason(database: Database, ids: Ids, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = russian_file(tmp_path)
    preview = _preview(database, path, ids.late)
    assert [(p.row, p.field) for p in preview.problems] == [(0, "reason")]
    assert "The list of the cohort K-03 was formed on" in preview.problems[0].message
    db = _db(database)
    code, out, _err = run_cli(capsys, "--db", db, "listeners", "import", str(path), "--cohort", "K-03", "--json")
    data = json.loads(out)
    assert code == 1 and (data["imported"], data["skipped"]) == (0, 2)
    assert data["problems"][0]["row"] is None and "needs a reason" in data["problems"][0]["message"]
    assert _enrolled(capsys, db, "K-03") == 0
    reason = "Ауырған педагогтің орнына"
    code, out, _err = run_cli(capsys, "--db", db, "listeners", "import", str(path), "--cohort", "K-03",
                           "--reason", reason, "--json")
    assert code == 0 and json.loads(out)["imported"] == 2 and json.loads(out)["problems"] == []
    assert _enrolled(capsys, db, "K-03") == 2
    with database.reading() as session:
        assert set(session.scalars(select(Enrolment.late_addition_reason))) == {reason}


# --- The CLI: exit codes, dry run ------------------------------------------------------------------------------


def test_cli_imports_a_clean_file_exit_0_and_dry_run_changes_nothing(
    database: Database, ids: Ids, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, path = _db(database), kazakh_file(tmp_path)
    before = _counts(database)
    code, out, _err = run_cli(capsys, "--db", db, "listeners", "import", str(path), "--cohort", "K-01",
                           "--dry-run", "--json")
    data = json.loads(out)
    assert code == 0 and data["dry_run"] is True
    assert (data["rows"], data["imported"], data["updated"], data["skipped"], data["problems"]) == (3, 3, 0, 0, [])
    assert _counts(database) == before
    code, out, _err = run_cli(capsys, "--db", db, "listeners", "import", str(path), "--cohort", "K-01")
    assert code == 0 and out.splitlines() == [
        "Imported 3 of 3 rows: 0 teachers updated, 0 schools added, 0 rows skipped, 0 already in the cohort."]
    code, out, _err = run_cli(capsys, "--db", db, "listeners", "import", str(path), "--cohort", "K-01", "--json")
    data = json.loads(out)
    assert code == 0 and (data["imported"], data["already_enrolled"], data["skipped"]) == (0, 3, 0)
    assert _enrolled(capsys, db, "K-01") == 3


# --- Refused files and cancelled imports change nothing -------------------------------------------------------


def _refused_files(tmp_path: Path) -> dict[str, Path]:
    good = kazakh_file(tmp_path).read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good[: len(good) // 2])
    text = tmp_path / "list.xlsx"
    text.write_text("ТАӘ;ЖСН\nАхметов Ерлан;123\n", encoding="utf-8")
    no_header = workbook([["Тізім"], ["Ахметов Ерлан", IIN_B], ["Серікова Айым", IIN_A]], tmp_path / "no-header.xlsx")
    return {"is damaged": truncated, "is not an Excel workbook (.xlsx)": text,
            "has no header row with the teachers' IIN and names": no_header}


def test_refused_files_change_nothing(database: Database, ids: Ids, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = _db(database)
    before, raw = _counts(database), stored(db)
    for expected, path in _refused_files(tmp_path).items():
        with pytest.raises(ValidationError) as caught:
            _preview(database, path, ids.cohort)
        assert [p.field for p in caught.value.problems] == ["file"] and expected in str(caught.value)
        code, out, err = run_cli(capsys, "--db", db, "listeners", "import", str(path), "--cohort", "K-01")
        assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1 and expected in err
    code, _out, err = run_cli(capsys, "--db", db, "listeners", "import", str(kazakh_file(tmp_path)),
                           "--cohort", "NO-SUCH")
    assert code == 2 and "There is no cohort with the code NO-SUCH" in err
    assert _counts(database) == before and stored(db) == raw


def test_preview_without_apply_and_cancelled_apply_change_nothing(database: Database, ids: Ids,
                                                                  tmp_path: Path) -> None:
    before = _counts(database)
    for path in (kazakh_file(tmp_path), russian_file(tmp_path), bad_rows_file(tmp_path)):
        _preview(database, path, ids.cohort)  # the user looks, then cancels
    assert _counts(database) == before
    preview = _preview(database, kazakh_file(tmp_path), ids.cohort)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int, _stage: str) -> None:
        calls.append((done, total))
        if done > 0:
            raise Cancelled

    with pytest.raises(Cancelled), database.transaction() as session:
        apply_listener_import(session, preview, today=TODAY, progress=progress)
    assert calls == [(0, 3), (3, 3)] and _counts(database) == before


def test_rows_the_enrolment_refuses_leave_nothing_behind(database: Database, ids: Ids, tmp_path: Path) -> None:
    before = _counts(database)
    preview, result = _import(database, russian_file(tmp_path), ids.finished, reason="Кешіккен тізім")
    assert preview.problems == () and len(preview.to_enrol) == 2
    assert (result.imported, [s.row for s in result.skipped]) == (0, [3, 5])
    assert "ended on" in result.skipped[0].reasons[0]
    assert _counts(database) == before  # neither the teachers nor their enrolments were stored


def test_apply_refuses_when_teachers_changed_since_the_preview(database: Database, ids: Ids,
                                                               tmp_path: Path) -> None:
    preview = _preview(database, russian_file(tmp_path), ids.cohort)
    with database.transaction() as session:
        upsert_teacher(session, TeacherData(iin=IIN_D, surname="Иванова", name="Мария"))
    before = _counts(database)
    with pytest.raises(ValidationError) as caught, database.transaction() as session:
        apply_listener_import(session, preview, today=TODAY)
    assert caught.value.problems[0].field == "file" and "Open the file again" in str(caught.value)
    assert _counts(database) == before
