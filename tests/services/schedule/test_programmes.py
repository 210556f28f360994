"""Programmes: durations at the limits of п.21 (35/36, 107/108 hours, 12/13 months abroad), format and
"abroad" agreeing (п.4), unique codes per office, the own office required, the paged listing."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pedesk.models import CourseFormat, EducationLevel, Office, Programme, Region
from pedesk.models.database import Database
from pedesk.models.enums import CourseKind
from pedesk.services.common.errors import ValidationError
from pedesk.services.reference.settings import OfficeSettings, save_office_settings
from pedesk.services.schedule.programmes import (
    ProgrammeData,
    count_programmes,
    get_programme,
    page_programmes,
    save_programme,
    validate_programme,
)


def _id(session: Session, model: Any, code: str) -> int:
    return int(session.scalars(select(model.id).where(model.code == code)).one())


@pytest.fixture
def ids(database: Database) -> dict[str, int]:
    """The own office set up, and the ids of the reference items the tests use."""
    with database.transaction() as session:
        region = _id(session, Region, "KARAGANDA")
        save_office_settings(
            session,
            OfficeSettings(code="KRG-MK", name_kk="Кабинет", name_ru="Кабинет", city_kk="Қарағанды",
                           city_ru="Караганда", region_id=region, head_name="Ахметова Г.",
                           head_position_kk="Басшы", head_position_ru="Руководитель"),
        )
        return {
            "primary": _id(session, EducationLevel, "primary"),
            "secondary": _id(session, EducationLevel, "secondary"),
            "on_the_job": _id(session, CourseFormat, "on_the_job"),
            "abroad": _id(session, CourseFormat, "abroad"),
        }


def _data(ids: dict[str, int], **changes: Any) -> ProgrammeData:
    base = ProgrammeData(
        code="P-001", title_kk="Жаңартылған білім беру мазмұны", title_ru="Обновлённое содержание образования",
        academic_hours=72, kind=CourseKind.SHORT, level_id=ids["primary"], format_id=ids["on_the_job"],
    )
    return replace(base, **changes)


def _problems(database: Database, data: ProgrammeData, programme_id: int | None = None) -> dict[str, str]:
    with database.reading() as session:
        return {p.field: p.message for p in validate_programme(session, data, programme_id)}


@pytest.mark.parametrize(
    ("kind", "hours", "ok"),
    [(CourseKind.SHORT, 35, False), (CourseKind.SHORT, 36, True), (CourseKind.LONG, 107, False),
     (CourseKind.LONG, 108, True), ("long", 108, True), ("short", 0, False)],
)
def test_hours_at_the_limits_of_paragraph_21(database: Database, ids: dict[str, int], kind: Any, hours: int,
                                              ok: bool) -> None:
    problems = _problems(database, _data(ids, kind=kind, academic_hours=hours))
    if ok:
        assert problems == {}
    else:
        assert list(problems) == ["academic_hours"]
        assert problems["academic_hours"].startswith("Academic hours:")
        assert f"this programme has {hours}" in problems["academic_hours"]


@pytest.mark.parametrize(("months", "ok"), [(12, True), (1, True), (13, False), (0, False), (None, False)])
def test_long_course_abroad_lasts_up_to_twelve_months(database: Database, ids: dict[str, int],
                                                      months: int | None, ok: bool) -> None:
    data = _data(ids, kind=CourseKind.LONG, academic_hours=40, abroad=True, format_id=ids["abroad"],
                 abroad_months=months)
    problems = _problems(database, data)
    if ok:
        assert problems == {}
    else:
        assert list(problems) == ["abroad_months"]
        assert problems["abroad_months"].startswith("Length in months:")


def test_short_course_abroad_needs_36_hours(database: Database, ids: dict[str, int]) -> None:
    data = _data(ids, academic_hours=35, abroad=True, format_id=ids["abroad"])
    assert list(_problems(database, data)) == ["academic_hours"]
    assert _problems(database, replace(data, academic_hours=36)) == {}


def test_format_and_abroad_must_agree(database: Database, ids: dict[str, int]) -> None:
    marked = _problems(database, _data(ids, abroad=True, format_id=ids["on_the_job"]))
    unmarked = _problems(database, _data(ids, abroad=False, format_id=ids["abroad"]))
    assert list(marked) == ["format_id"] and list(unmarked) == ["format_id"]
    assert marked["format_id"].startswith("Format: the programme is marked as a course abroad")
    assert unmarked["format_id"].startswith("Format: the chosen format is the course abroad")


def test_required_fields_are_named(database: Database, ids: dict[str, int]) -> None:
    problems = _problems(database, ProgrammeData("", " ", "", None, None, None, None))
    assert set(problems) == {"code", "title_kk", "title_ru", "academic_hours", "kind", "level_id", "format_id"}
    assert problems["title_kk"] == "Title in Kazakh: this field is required. Fill it in."
    assert problems["level_id"].startswith("Education level:")
    assert _problems(database, _data(ids, kind="medium", level_id=9999))["kind"].startswith("Kind of course:")
    assert _problems(database, _data(ids, level_id=9999))["level_id"].endswith("Choose one from the list.")


def test_code_is_unique_within_the_office(database: Database, ids: dict[str, int]) -> None:
    with database.transaction() as session:
        first = save_programme(session, _data(ids)).id
    problems = _problems(database, _data(ids, title_ru="Другая"))
    assert list(problems) == ["code"]
    assert '"Обновлённое содержание образования"' in problems["code"]
    assert _problems(database, _data(ids, title_ru="Другая"), first) == {}  # the programme itself
    with database.transaction() as session:
        other_office = Office(code="AST-MK", name_kk="Астана", name_ru="Астана")
        session.add(other_office)
        session.flush()
        session.add(Programme(office_id=other_office.id, code="P-002", title_kk="А", title_ru="А", academic_hours=36,
                              kind=CourseKind.SHORT, level_id=ids["primary"], format_id=ids["on_the_job"]))
    assert _problems(database, _data(ids, code="P-002")) == {}  # another office's code is free here


def test_saving_needs_the_office_settings(database: Database) -> None:
    with database.reading() as session:
        level = _id(session, EducationLevel, "primary")
        fmt = _id(session, CourseFormat, "on_the_job")
    data = ProgrammeData("P-1", "А", "А", 36, CourseKind.SHORT, level, fmt)
    with pytest.raises(ValidationError) as caught, database.transaction() as session:
        save_programme(session, data)
    assert [p.field for p in caught.value.problems] == ["office"]
    assert "Open Settings" in caught.value.problems[0].message
    with database.reading() as session:
        assert session.scalar(select(func.count(Programme.id))) == 0
        assert count_programmes(session) == 0 and page_programmes(session) == []


def test_save_stores_every_field_and_updates(database: Database, ids: dict[str, int]) -> None:
    with database.transaction() as session:
        saved = save_programme(session, _data(ids, code=" P-9 ", direction="Математика", abroad_months=3,
                                              language_course=True))
        programme_id, office_id = saved.id, saved.office_id
    with database.reading() as session:
        assert session.scalars(select(Office.id).where(Office.is_own.is_(True))).one() == office_id
        loaded = get_programme(session, programme_id)
    assert loaded == _data(ids, code="P-9", direction="Математика", abroad_months=None, language_course=True)
    with database.transaction() as session:
        save_programme(session, _data(ids, code="P-9", kind=CourseKind.LONG, academic_hours=120, active=False),
                       programme_id)
    with database.reading() as session:
        changed = get_programme(session, programme_id)
        assert session.scalar(select(func.count(Programme.id))) == 1
    assert changed is not None and (changed.kind, changed.academic_hours, changed.active) == (CourseKind.LONG, 120, False)


def test_programme_listing(database: Database, ids: dict[str, int]) -> None:
    with database.transaction() as session:
        for n in range(1, 13):
            save_programme(session, _data(ids, code=f"P-{n:03d}", title_ru=f"Программа {n}", title_kk=f"Бағдарлама {n}",
                                          kind=CourseKind.LONG if n % 3 == 0 else CourseKind.SHORT,
                                          academic_hours=108 if n % 3 == 0 else 36, active=n != 12,
                                          level_id=ids["secondary"] if n == 5 else ids["primary"]))
        save_programme(session, _data(ids, code="ABR-1", title_ru="Стажировка ЖАҢА", kind=CourseKind.LONG,
                                      abroad=True, format_id=ids["abroad"], abroad_months=6, academic_hours=200))
    with database.reading() as session:
        assert count_programmes(session) == 13
        first, second = page_programmes(session, "", 0, 7), page_programmes(session, "", 7, 7)
        assert [row.code for row in first + second] == ["ABR-1", *[f"P-{n:03d}" for n in range(1, 13)]]
        assert count_programmes(session, kind=CourseKind.LONG) == 5
        assert count_programmes(session, active=False) == 1
        assert [r.code for r in page_programmes(session, "", kind="long", active=True)] == [
            "ABR-1", "P-003", "P-006", "P-009"
        ]
        assert [r.code for r in page_programmes(session, "жаңа")] == ["ABR-1"]  # folded Kazakh case
        assert count_programmes(session, "БАҒДАРЛАМА 1") == 4  # 1, 10, 11, 12
        row = page_programmes(session, "p-005", lang="ru")[0]
        abroad = page_programmes(session, "abr", lang="kk")[0]
    assert (row.title_ru, row.hours, row.kind, row.level, row.format, row.abroad) == (
        "Программа 5", 36, CourseKind.SHORT,
        "Среднее образование (общее среднее, техническое и профессиональное образование)",
        "Без отрыва от трудовой деятельности (в том числе дистанционно)", False,
    )
    assert abroad.abroad is True and abroad.format == "Шетелде, еңбек қызметінен 1 жылға дейінгі мерзімге қол үзіп"
