"""The monitoring card (PDF) and the support report (xlsx), read back: the card's teacher, certificate, works with
a late one marked, monitoring, final analysis and signature in Kazakh and Russian with embedded fonts; the report
of a cohort (rows, counts, coverage, totals, types) and of a period (a late work not counted, a visit done late);
refusals before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]
from pypdf import PdfReader
from sqlalchemy.orm import Session

from pedesk.i18n import gettext_in
from pedesk.models import Certificate, Cohort, Office, Programme, School
from pedesk.models.database import Database
from pedesk.models.enums import MonitoringResult
from pedesk.services.certificates.issuing import annul_certificate
from pedesk.services.common.errors import ValidationError
from pedesk.services.support.card import write_monitoring_card
from pedesk.services.support.records import (
    MonitoringData,
    WorkData,
    record_final_analysis,
    record_monitoring,
    record_work,
)
from pedesk.services.support.report import write_support_report
from tests.builders import COURSE_END as END
from tests.builders import TODAY as ISSUED
from tests.builders import (
    USER,
    certified,
    cohort,
    flat,
    pdf_fonts,
    pdf_text,
    programme,
    signing_office,
    teacher,
)

# END, the course's last day (30.10.2026): works due 30.10.2027; ISSUED (25.11.2026): monitoring due 25.11.2027,
# 2028, 2029, the final analysis with the third
RECORDED = date(2030, 1, 15)  # the day the records were entered
TODAY = date(2029, 12, 31)
LONG_TITLE = ("Ашық сабақ: «Функционалдық сауаттылықты дамытудағы зерттеу сабағы», әріптестерге арналған шеберлік "
              "сыныбы және қорытынды рефлексия")
FINDING = "Сабақта топтық жұмыс пен қалыптастырушы бағалауды жүйелі қолданады"
OFFICE = {"name_kk": "Қарағанды облысының әдістемелік кабинеті", "name_ru": "Методический кабинет Карагандинской области",
          "head_name": "Сәрсенбаева Гүлнар"}
ANALYSIS = "Үш жылда педагогтің тәжірибесі айқын өзгерді: оқушылардың сұрақ қоюы мен өзара бағалауы артты"


@dataclass
class World:
    """Certificate ids by listener: "a" complete, "b" two works and a late one, "c" nothing, "d" another cohort,
    "abroad" a course abroad, "annulled" an annulled certificate; ``numbers`` their numbers."""

    certificates: dict[str, int]
    numbers: dict[str, str]
    cohorts: dict[str, int]


def _programme(session: Session, office: Office, code: str, *, abroad: bool = False) -> Programme:
    return programme(session, office, code, f"Жаңартылған білім беру мазмұны {code}",
                     f"Обновлённое содержание образования {code}", 72, abroad=abroad)


def _listener(session: Session, group: Cohort, serial: int, surname: str, issued: date, *,
              school: School | None = None) -> int:
    person = teacher(session, serial, surname, "Гүлнар", patronymic="Серікқызы", school=school,
                     position="бастауыш сынып мұғалімі" if school else "")
    return certified(session, group, person, issued, serial, USER)


def _work(session: Session, certificate_id: int, held_on: date, title: str = "Ашық сабақ",
          kind: str = "independent_work", remote: bool = False) -> None:
    record_work(session, certificate_id, WorkData(kind=kind, held_on=held_on, title=title, place="№5 мектеп-гимназия",
                                                  evidence="фотоесеп, хаттама № 3", remote=remote), today=RECORDED)


def _visit(session: Session, certificate_id: int, year_no: int, done_on: date) -> None:
    record_monitoring(session, certificate_id, year_no, MonitoringData(
        done_on=done_on, method="Сабаққа қатысу", done_by="Омарова Әсел", findings=FINDING,
        result=MonitoringResult.POSITIVE), today=RECORDED)


def _records(session: Session, ids: dict[str, int]) -> None:
    a, b = ids["a"], ids["b"]
    for held in (date(2026, 12, 1), date(2027, 3, 1)):
        _work(session, a, held)
    _work(session, a, date(2027, 5, 20), LONG_TITLE, remote=True)
    _work(session, a, date(2027, 4, 2), "«Үздік педагог» байқауы", kind="recognition")
    _work(session, a, date(2027, 11, 15), "Кеш өткен семинар")  # after 30.10.2027: not counted
    for held in (date(2027, 1, 10), date(2027, 6, 1), date(2027, 12, 1)):  # the third one late
        _work(session, b, held)
    for year_no, done_on in ((1, date(2027, 11, 20)), (2, date(2028, 12, 10)), (3, date(2029, 11, 20))):
        _visit(session, a, year_no, done_on)  # year 2 done late
    _visit(session, b, 1, date(2027, 12, 5))  # done late
    record_final_analysis(session, a, MonitoringData(done_on=date(2029, 12, 1), method="", done_by="Омарова Әсел",
                                                     findings=ANALYSIS, result=MonitoringResult.POSITIVE),
                          today=RECORDED)
    for held in (date(2027, 4, 1), date(2027, 9, 1), date(2028, 1, 10)):
        _work(session, ids["d"], held)


def build_world(database: Database) -> World:
    """Two cohorts of one programme and a course abroad, with works and monitoring recorded."""
    with database.transaction(USER) as session:
        office = signing_office(session, **OFFICE)
        school = School(name_kk="№5 мектеп-гимназия", name_ru="Школа-гимназия № 5")
        course = _programme(session, office, "P72")
        first, second = cohort(session, office, course, "C1", END), cohort(session, office, course, "C2",
                                                                            date(2027, 3, 15))
        abroad = cohort(session, office, _programme(session, office, "ABR", abroad=True), "ABR", END)
        ids = {"a": _listener(session, first, 1, "Әлібекова", ISSUED, school=school),
               "b": _listener(session, first, 2, "Бекова", ISSUED), "c": _listener(session, first, 3, "Жұмабаева", ISSUED),
               "annulled": _listener(session, first, 4, "Нұрланова", ISSUED),
               "d": _listener(session, second, 5, "Дәулетова", date(2027, 4, 10)),
               "abroad": _listener(session, abroad, 6, "Шетелова", ISSUED)}
        annul_certificate(session, ids["annulled"], reason="қате", order_no="12", order_date=ISSUED, today=ISSUED,
                          by=USER)
        _records(session, ids)
        numbers = {key: session.get(Certificate, value).number for key, value in ids.items()}  # type: ignore[union-attr]
        return World(ids, numbers, {"C1": first.id, "C2": second.id, "ABR": abroad.id})


@pytest.fixture
def world(database: Database) -> World:
    return build_world(database)








def _card(database: Database, world: World, tmp_path: Path, lang: str, key: str = "a") -> tuple[str, PdfReader]:
    with database.reading() as session:
        path = write_monitoring_card(session, world.certificates[key], tmp_path / f"card-{key}-{lang}.pdf",
                                     lang=lang, today=TODAY)
    return pdf_text(path)


def test_the_card_in_kazakh_names_the_teacher_the_works_and_the_monitoring(database: Database, world: World,
                                                                          tmp_path: Path) -> None:
    text, reader = _card(database, world, tmp_path, "kk")
    with database.reading() as session:
        iin = session.get(Certificate, world.certificates["a"]).teacher.iin  # type: ignore[union-attr]
    for expected in ("Қарағанды облысының әдістемелік кабинеті", "Әлібекова Гүлнар Серікқызы", iin,
                     world.numbers["a"], "№5 мектеп-гимназия", "бастауыш сынып мұғалімі", "Жаңартылған білім беру "
                     "мазмұны P72", "Кеш өткен семинар", "«Үздік педагог» байқауы", "шеберлік сыныбы", FINDING[:40],
                     ANALYSIS[:40], "Омарова Әсел", "01.12.2029", "15.11.2027", "10.12.2028"):
        assert expected in text, expected
    # headings and words of the existing catalogue, in Kazakh
    for kazakh in ("ЖСН", "Жұмыс орны", "Лауазымы", "Өзіндік жұмыс", "Қоғамдық мойындау", "Өткізілген күні",
                   "Қашықтықтан", "Педагог тәжірибесіндегі өзгерістер", "Тәжірибедегі оң өзгерістер",
                   "Өзіндік жұмыстар: 3 / 3", "Мониторинг: үш жыл бойы жылына бір рет"):
        assert kazakh in text, kazakh
    for word in ("Post-course support monitoring card", "after the deadline: not counted", "done late", "Analysis",
                 "Methodologist", "Printed on {date}"):
        kazakh = gettext_in("kk", word)
        assert kazakh != word and flat(kazakh.split("{")[0]) in text, word
    assert "Independent work" not in text and "Full name" not in text
    fonts = pdf_fonts(reader)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


def test_the_card_in_russian_and_a_listener_without_records(database: Database, world: World, tmp_path: Path) -> None:
    text, reader = _card(database, world, tmp_path, "ru")
    for russian in ("Методический кабинет Карагандинской области", "ИИН", "Место работы", "Школа-гимназия № 5",
                    "Обновлённое содержание образования P72", "Самостоятельная работа", "Общественное признание",
                    "Самостоятельные работы: 3 из 3", "Мониторинг: ежегодно в течение трёх лет",
                    "Изменения в практике педагога", "Положительные изменения в практике"):
        assert russian in text, russian
    assert all(pdf_fonts(reader).values())
    empty, _reader = _card(database, world, tmp_path, "ru", "c")
    assert world.numbers["c"] in empty and "Самостоятельные работы: 0 из 3" in empty
    assert "25.11.2027" in empty and "25.11.2029" in empty  # the due dates of the three years


def test_the_card_is_refused_for_a_course_abroad_an_annulled_certificate_and_a_bad_file(
        database: Database, world: World, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    for key, words in (("abroad", "abroad"), ("annulled", "annulled or replaced")):
        target = tmp_path / f"{key}.pdf"
        with pytest.raises(ValidationError) as caught, database.reading() as session:
            write_monitoring_card(session, world.certificates[key], target, lang="kk", today=TODAY)
        assert words in caught.value.for_field("certificate")[0] and not target.exists()
    with pytest.raises(ValidationError) as caught, database.reading() as session:
        write_monitoring_card(session, 999_999, tmp_path / "none.pdf", lang="kk", today=TODAY)
    assert caught.value.for_field("certificate")
    for path, lang, field in ((tmp_path / "card.txt", "kk", "path"), (tmp_path / "card.pdf", "en", "lang"),
                              (tmp_path / "missing" / "card.pdf", "ru", "path")):
        with pytest.raises(ValidationError) as caught, database.reading() as session:
            write_monitoring_card(session, world.certificates["a"], path, lang=lang, today=TODAY)
        assert caught.value.for_field(field) and not path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no partial files either


def _rows(sheet: Any, first: int = 7) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(min_row=first, values_only=True)]


def test_the_report_of_a_cohort(database: Database, world: World, tmp_path: Path) -> None:
    with database.reading() as session:
        summary = write_support_report(session, tmp_path / "c1.xlsx", lang="kk", today=TODAY,
                                       cohort_id=world.cohorts["C1"])
    assert (summary.listeners, summary.works_complete, summary.coverage) == (3, 1, 33.3)
    assert (summary.monitoring_due, summary.monitoring_done, summary.monitoring_percent) == (9, 4, 44.4)
    sheet: Any = load_workbook(summary.path).active
    assert sheet["A1"].value == "Қарағанды облысының әдістемелік кабинеті" and "C1" in sheet["A3"].value
    assert sheet["C6"].value == "ЖСН" and sheet["B6"].value == "Тыңдаушы" and sheet.freeze_panes == "C7"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    rows = _rows(sheet)
    listeners = rows[:3]
    assert [row[1] for row in listeners] == ["Әлібекова Гүлнар Серікқызы", "Бекова Гүлнар Серікқызы",
                                             "Жұмабаева Гүлнар Серікқызы"]  # the annulled one is not listed
    a, b, c = listeners
    assert isinstance(a[2], str) and len(a[2]) == 12 and a[3] == world.numbers["a"]
    assert isinstance(a[4], datetime) and a[4].date() == END and a[6].date() == date(2027, 10, 30)
    assert a[5:14] == [3, a[6], "Иә", 1, 3, 3, 0, datetime(2029, 11, 25), datetime(2029, 12, 1)]
    assert b[5:14] == [2, a[6], gettext_in("kk", "No"), 1, 3, 1, 2, datetime(2029, 11, 25), None]
    assert (c[5], c[8], c[9], c[10], c[11]) == (0, 0, 3, 0, 3)
    values = [row for row in rows if row[1] == "Барлығы"][0]
    headings = rows[rows.index(values) - 1]
    assert headings[2:4] == ["Тыңдаушылар", gettext_in("kk", "With three works")] and headings[5] == "Мерзімі келген мониторинг"
    assert values[2:8] == [3, 1, 33.3, 9, 4, 44.4]


def test_the_report_of_a_period_counts_works_by_the_deadline_and_late_visits(database: Database, world: World,
                                                                            tmp_path: Path) -> None:
    with database.reading() as session:
        summary = write_support_report(session, tmp_path / "h2.xlsx", lang="ru", today=TODAY,
                                       start=date(2027, 7, 1), end=date(2027, 12, 31))
    # C1's works are due 30.10.2027, C2's on 15.03.2028 (outside); year 1 of C1 is due 25.11.2027
    assert (summary.listeners, summary.works_listeners, summary.works_complete, summary.coverage) == (3, 3, 1, 33.3)
    assert (summary.monitoring_due, summary.monitoring_done, summary.monitoring_late) == (3, 2, 1)
    book = load_workbook(summary.path)
    overview, details = book.worksheets
    assert (overview.title, details.title) == (gettext_in("ru", "Summary"), "Слушатели")
    assert overview.freeze_panes == "C7" and overview.page_setup.orientation == "landscape"
    assert overview["A1"].value == "Методический кабинет Карагандинской области"
    rows = _rows(overview)
    assert rows[0][:12] == ["C1", "Обновлённое содержание образования P72", 3, 1, 33.3, 3, 1, 1, 1, 66.7, 0, 0]
    assert rows[1][0] == "Итого" and rows[1][2:10] == [3, 1, 33.3, 3, 1, 1, 1, 66.7]
    by_name = {row[1]: row for row in _rows(details)}
    assert set(by_name) == {"Әлібекова Гүлнар Серікқызы", "Бекова Гүлнар Серікқызы", "Жұмабаева Гүлнар Серікқызы"}
    b = by_name["Бекова Гүлнар Серікқызы"]
    assert isinstance(b[2], str) and isinstance(b[5], datetime) and b[5].date() == date(2027, 10, 30)
    assert (b[6], b[7], b[8]) == (2, gettext_in("ru", "No"), 1)  # the work of 01.12.2027 is late, not counted
    assert b[9:13] == [1, 0, 1, 0]  # year 1 done on 05.12.2027, after 25.11.2027
    assert by_name["Әлібекова Гүлнар Серікқызы"][9:13] == [1, 1, 0, 0]
    assert by_name["Жұмабаева Гүлнар Серікқызы"][9:13] == [1, 0, 0, 1]


def test_the_report_of_a_later_period_has_the_final_analysis_and_the_other_cohort(database: Database, world: World,
                                                                                 tmp_path: Path) -> None:
    with database.reading() as session:
        summary = write_support_report(session, tmp_path / "y.xlsx", lang="kk", today=TODAY,
                                       start=date(2028, 1, 1), end=date(2029, 12, 31))
    assert (summary.works_listeners, summary.works_complete) == (1, 1)  # C2's deadline, 15.03.2028
    # years 2-3 of C1 (3 listeners) and years 1-2 of C2 (one): 8 due; a's two and nothing else done
    assert (summary.monitoring_due, summary.monitoring_done, summary.monitoring_late) == (8, 2, 1)
    assert (summary.final_due, summary.final_done) == (3, 1)


def test_the_report_refuses_a_wrong_scope_before_writing(database: Database, world: World, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "r.xlsx"
    cases: list[tuple[dict[str, Any], str]] = [
        ({}, "cohort"), ({"cohort_id": world.cohorts["C1"], "start": date(2027, 1, 1), "end": date(2027, 6, 30)},
                         "cohort"),
        ({"start": date(2027, 1, 1)}, "end"), ({"end": date(2027, 1, 1)}, "start"),
        ({"start": date(2027, 7, 1), "end": date(2027, 1, 1)}, "end"), ({"cohort_id": 999_999}, "cohort"),
        ({"cohort_id": world.cohorts["ABR"]}, "cohort"),
    ]
    for scope, field in cases:
        with pytest.raises(ValidationError) as caught, database.reading() as session:
            write_support_report(session, target, lang="kk", today=TODAY, **scope)
        assert caught.value.for_field(field), (scope, caught.value)
    with pytest.raises(ValidationError) as caught, database.reading() as session:
        write_support_report(session, tmp_path / "r.csv", lang="kk", today=TODAY, cohort_id=world.cohorts["C1"])
    assert caught.value.for_field("path")
    assert list(tmp_path.iterdir()) == []
