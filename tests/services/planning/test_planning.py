"""Annual planning (п.9-11): schools' applications with their checks, deadline warnings on given dates, the
district and region totals, and planned against actual enrolments."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.models import Cohort, CourseFormat, EducationLevel, Office, Programme, Provider, School, Teacher
from pedesk.models.database import Database
from pedesk.models.enums import CourseKind, EnrolmentStatus, Language
from pedesk.models.reference import District, Region
from pedesk.services.common.errors import ValidationError
from pedesk.services.common.text import search_key
from pedesk.services.enrolment import change_status, cohort_listeners, enrol_teacher
from pedesk.services.planning.lists import cohorts_for_application, start_list_from_application
from pedesk.services.planning.plan import (
    ApplicationData,
    application_data,
    plan_applications,
    save_application,
)
from pedesk.services.planning.totals import (
    district_plan,
    form_region_plan,
    forward_district_plan,
    planned_vs_actual,
    region_plan,
)
from pedesk.services.rules.iin import make_iin

YEAR = 2027


@dataclass
class World:
    schools: list[int]  # two in district A, one in district B
    districts: list[int]
    programmes: dict[str, int]  # SHORT1, SHORT2 (short), LONG1 (long)
    cohorts: dict[str, int]  # C2027 (SHORT1, 2027), C2026 (SHORT1, 2026)
    teachers: list[str]  # IINs, the first three at school 0


def _programme(session: Session, office: Office, code: str, kind: CourseKind) -> Programme:
    level = session.scalars(select(EducationLevel).where(EducationLevel.code == "primary")).one()
    fmt = session.scalars(select(CourseFormat).where(CourseFormat.code == "on_the_job")).one()
    programme = Programme(office=office, code=code, title_kk=f"{code} кк", title_ru=f"{code} ру",
                          academic_hours=36 if kind is CourseKind.SHORT else 108, kind=kind, level=level, format=fmt)
    session.add(programme)
    session.flush()
    return programme


@pytest.fixture
def world(database: Database) -> World:
    return build_world(database)


def build_world(database: Database) -> World:
    """Two districts with three schools, three programmes, two cohorts of SHORT1 and five teachers."""
    with database.transaction() as session:
        region = session.scalars(select(Region)).first()
        assert region is not None
        districts = [District(region=region, name_kk=n, name_ru=n, name_en=n) for n in ("Абай", "Бұқар")]
        session.add_all(districts)
        schools = [School(name_kk=f"№{i}", name_ru=f"№{i}", district=districts[0 if i < 2 else 1])
                   for i in range(3)]
        session.add_all(schools)
        office = Office(code="KRG", is_own=True, name_kk="Кабинет", name_ru="Кабинет")
        provider = Provider(name_kk="Өрлеу", name_ru="Өрлеу")
        programmes = {code: _programme(session, office, code, kind) for code, kind in (
            ("SHORT1", CourseKind.SHORT), ("SHORT2", CourseKind.SHORT), ("LONG1", CourseKind.LONG))}
        cohorts = {}
        for code, start in (("C2027", date(2027, 3, 1)), ("C2026", date(2026, 12, 1))):
            cohort = Cohort(office=office, code=code, programme=programmes["SHORT1"], provider=provider,
                            start_date=start, end_date=start + timedelta(days=11), language=Language.KK, capacity=25)
            session.add(cohort)
            cohorts[code] = cohort
        iins = []
        for serial in range(5):
            birth = date(1980, 1, 1) + timedelta(days=400 * serial)
            iin = make_iin(birth, "female", serial)
            session.add(Teacher(iin=iin, surname=f"Әлімова{serial}", name="Айгүл", birth_date=birth,
                                school=schools[0 if serial < 3 else 2], search_key=search_key("Әлімова", iin)))
            iins.append(iin)
        session.flush()
        return World([s.id for s in schools], [d.id for d in districts],
                      {code: p.id for code, p in programmes.items()}, {code: c.id for code, c in cohorts.items()},
                      iins)


def _save(database: Database, data: ApplicationData, entry_id: int | None = None) -> tuple[int, tuple[str, ...]]:
    with database.transaction() as session:
        result = save_application(session, data, entry_id)
        return result.entry_id, result.warnings


def _app(world: World, school: int = 0, programme: str = "SHORT1", count: int = 0, iins: str = "",
         received: date = date(2026, 7, 20), kind: CourseKind = CourseKind.SHORT) -> ApplicationData:
    return ApplicationData(plan_year=YEAR, school_id=world.schools[school], course_kind=kind, received_on=received,
                           programme_id=world.programmes[programme] if programme else None,
                           teachers_count=count, teacher_iins=iins)


def _refusals(database: Database, data: ApplicationData) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught, database.transaction() as session:
        save_application(session, data)
    return {problem.field: problem.message for problem in caught.value.problems}


def test_the_count_follows_the_list_of_iins(database: Database, world: World) -> None:
    listed = f"{world.teachers[0]}; {world.teachers[1]}\n{world.teachers[2]}"
    entry_id, warnings = _save(database, _app(world, count=10, iins=listed))
    assert warnings == ()
    with database.reading() as session:
        (entry,) = plan_applications(session, YEAR)
        assert entry.id == entry_id and entry.teachers_count == 3
        assert entry.teacher_iins == ",".join(world.teachers[:3])
        assert entry.district_id == world.districts[0]  # from the school
        assert application_data(entry).teacher_iins == ", ".join(world.teachers[:3])


def test_applications_after_1_august_are_recorded_with_a_warning(database: Database, world: World) -> None:
    assert _save(database, _app(world, count=2, received=date(2026, 8, 1)))[1] == ()
    entry_id, warnings = _save(database, _app(world, count=2, received=date(2026, 8, 2)))
    assert len(warnings) == 1 and "п.9" in warnings[0] and "Aug 1, 2026" in warnings[0]
    _, edited = _save(database, _app(world, count=4, received=date(2026, 7, 31)), entry_id)
    assert edited == ()
    with database.reading() as session:
        assert [e.teachers_count for e in plan_applications(session, YEAR)] == [4, 2]


def test_refusals_name_the_field_and_change_nothing(database: Database, world: World) -> None:
    bad = replace(_app(world, count=1), school_id=None, programme_id=None, received_on=None, plan_year=1900)
    assert set(_refusals(database, bad)) == {"school_id", "programme_id", "received_on", "plan_year"}
    assert "Teachers" in _refusals(database, _app(world))["teachers_count"]
    refused = _refusals(database, _app(world, iins=f"{world.teachers[0]}, 123, {world.teachers[0]}"))
    assert "teacher_iins" in refused
    wrong_kind = _refusals(database, _app(world, count=1, kind=CourseKind.LONG))
    assert "SHORT1" in wrong_kind["course_kind"]
    with database.reading() as session:
        assert plan_applications(session, YEAR) == []


def test_a_direction_instead_of_a_programme(database: Database, world: World) -> None:
    _save(database, replace(_app(world, programme="", count=3), direction="  Инклюзия "))
    with database.reading() as session:
        (fact,) = planned_vs_actual(session, YEAR, "ru")
    assert (fact.programme, fact.planned, fact.actual) == ("Направление: Инклюзия", 3, 0)  # in the plan's language


def test_district_and_region_totals_and_their_deadlines(database: Database, world: World) -> None:
    _save(database, _app(world, 0, count=3))
    _save(database, _app(world, 1, count=2))
    _save(database, _app(world, 1, "LONG1", count=1, kind=CourseKind.LONG))
    _save(database, _app(world, 2, "SHORT2", count=4))
    with database.transaction() as session:
        rows = [(r.district, r.course_kind, r.schools, r.teachers) for r in district_plan(session, YEAR)]
        assert rows == [("Абай", CourseKind.LONG, 1, 1), ("Абай", CourseKind.SHORT, 2, 5),
                        ("Бұқар", CourseKind.SHORT, 1, 4)]
        assert forward_district_plan(session, YEAR, world.districts[0], date(2026, 9, 1)) == ()
        late = forward_district_plan(session, YEAR, world.districts[1], date(2026, 9, 2))
        assert len(late) == 1 and "п.10" in late[0]
        plan = region_plan(session, YEAR)
        assert (plan.short, plan.long, plan.formed_on) == (9, 1, None)
        assert "п.11" in form_region_plan(session, YEAR, date(2026, 11, 2))[0]
        assert form_region_plan(session, YEAR, date(2026, 11, 1)) == ()
    with database.reading() as session:
        assert {r.forwarded_on for r in district_plan(session, YEAR)} == {date(2026, 9, 1), date(2026, 9, 2)}
        assert region_plan(session, YEAR).formed_on == date(2026, 11, 1)
        assert len(plan_applications(session, YEAR)) == 4  # the stored plans are not applications


def test_forwarding_needs_applications(database: Database, world: World) -> None:
    with pytest.raises(ValidationError) as district, database.transaction() as session:
        forward_district_plan(session, YEAR, world.districts[0], date(2026, 8, 20))
    assert "district_id" in {p.field for p in district.value.problems}
    with pytest.raises(ValidationError), database.transaction() as session:
        form_region_plan(session, YEAR, date(2026, 10, 20))


def test_planned_against_actual_per_programme_and_district(database: Database, world: World) -> None:
    _save(database, _app(world, 0, count=3))
    _save(database, _app(world, 1, count=2))
    _save(database, _app(world, 2, "SHORT2", count=4))
    with database.transaction() as session:
        ids = {t.iin: t.id for t in session.scalars(select(Teacher))}
        on = date(2026, 12, 20)
        enrolments = [enrol_teacher(session, world.cohorts["C2027"], ids[iin], on=on).enrolment
                      for iin in world.teachers[:4]]
        enrol_teacher(session, world.cohorts["C2026"], ids[world.teachers[4]], on=date(2026, 9, 1))  # not 2027
        change_status(session, enrolments[1].id, EnrolmentStatus.WITHDRAWN, on=on, reason="Ауырып қалды")
    with database.reading() as session:
        facts = {(f.programme, f.district): (f.planned, f.actual) for f in planned_vs_actual(session, YEAR)}
    assert facts == {
        ("SHORT1 SHORT1 ру", "Абай"): (5, 2),  # teachers 0-2 at school 0, one withdrew
        ("SHORT1 SHORT1 ру", "Бұқар"): (0, 1),  # teacher 3 at school 2 came without a plan
        ("SHORT2 SHORT2 ру", "Бұқар"): (4, 0),
    }


def test_a_cohort_list_started_from_an_application(database: Database, world: World) -> None:
    unknown = make_iin(date(1990, 5, 5), "male", 7)
    entry_id, _ = _save(database, _app(world, iins=f"{world.teachers[0]}, {world.teachers[1]}, {unknown}"))
    with database.transaction() as session:
        enrol_teacher(session, world.cohorts["C2027"], session.scalars(
            select(Teacher.id).where(Teacher.iin == world.teachers[1])).one(), on=date(2026, 12, 1))
        assert [c.code for c in cohorts_for_application(session, entry_id)] == ["C2026", "C2027"]
        outcomes = start_list_from_application(session, entry_id, world.cohorts["C2027"], on=date(2026, 12, 2))
    assert [(o.iin, o.enrolled) for o in outcomes] == [(world.teachers[0], True), (world.teachers[1], False),
                                                      (unknown, False)]
    assert outcomes[1].teacher == "Әлімова1 Айгүл" and outcomes[1].messages
    assert "Listeners" in outcomes[2].messages[0]
    with database.reading() as session:
        assert len(cohort_listeners(session, world.cohorts["C2027"])) == 2


def test_a_cohort_of_another_programme_is_refused(database: Database, world: World) -> None:
    entry_id, _ = _save(database, _app(world, 2, "SHORT2", iins=world.teachers[3]))
    with pytest.raises(ValidationError) as caught, database.transaction() as session:
        start_list_from_application(session, entry_id, world.cohorts["C2027"], on=date(2026, 12, 2))
    assert caught.value.for_field("cohort_id")
