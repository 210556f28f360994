"""Cohorts and their timetable (Кесте): validation, the agreed lock (п.13), hours, conflicts, calendar, paging."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.models import (
    Cohort,
    Enrolment,
    Office,
    Provider,
    Teacher,
)
from pedesk.models.database import Database
from pedesk.models.enums import EnrolmentStatus, ScheduleStatus
from pedesk.services.common.errors import ValidationError
from pedesk.services.schedule import cohorts as schedule
from pedesk.services.schedule.cohort_queries import CohortPhase
from pedesk.services.schedule.cohorts import CohortData, SessionData
from tests.builders import ScheduleWorld as World
from tests.builders import schedule_world


@pytest.fixture
def world(database: Database) -> World:
    with database.transaction() as session:
        return schedule_world(session)


def _data(world: World, code: str = "2026-001", start: date = date(2026, 3, 2), end: date = date(2026, 3, 13),
          **changes: object) -> CohortData:
    data = CohortData(code=code, programme_id=world.kazakh, provider_id=world.provider, start_date=start,
                      end_date=end, language="kk", capacity=25, location="Қарағанды, Ерубаев 20")
    return replace(data, **changes)  # type: ignore[arg-type]


def _cohort(database: Database, world: World, code: str = "2026-001", **changes: object) -> int:
    with database.transaction() as session:
        return schedule.save_cohort(session, _data(world, code, **changes)).id  # type: ignore[arg-type]


def _problems(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {problem.field: problem.message for problem in error.value.problems}


# --- Cohorts ----------------------------------------------------------------------------------------------


def test_save_cohort_creates_and_edits_with_trainers(database: Database, world: World) -> None:
    with database.transaction() as session:
        cohort = schedule.save_cohort(session, _data(world, trainer_ids=(world.trainer_a,),
                                                     guest_trainer_ids=(world.trainer_b,)))
        cohort_id = cohort.id
    with database.transaction() as session:
        schedule.save_cohort(session, _data(world, capacity=30, trainer_ids=(world.trainer_b,)), id=cohort_id)
    with database.reading() as session:
        data = schedule.cohort_data(session, cohort_id)
        assert data.capacity == 30
        assert data.trainer_ids == (world.trainer_b,)
        assert data.guest_trainer_ids == ()
        assert session.get(Cohort, cohort_id).office_id == world.office  # type: ignore[union-attr]


def test_each_bad_field_gets_its_own_message(database: Database, world: World) -> None:
    bad = _data(world, code="  ", programme_id=999, provider_id=998, start=date(2026, 3, 13),
                end=date(2026, 3, 2), capacity=0, language="de", trainer_ids=(997,))
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.save_cohort(session, bad)
    problems = _problems(error)
    assert set(problems) == {"code", "programme_id", "provider_id", "end_date", "capacity", "language",
                             "trainer_ids"}
    assert "Cohort code" in problems["code"]
    assert "before the start date" in problems["end_date"]
    assert "from 1 to 500" in problems["capacity"]
    assert "Kazakh, Russian or English" in problems["language"]
    assert "п.5" in problems["provider_id"]
    with database.reading() as session:
        assert session.scalars(select(Cohort)).all() == []


def test_capacity_above_500_and_a_person_in_both_trainer_lists(database: Database, world: World) -> None:
    bad = _data(world, capacity=501, trainer_ids=(world.trainer_a,), guest_trainer_ids=(world.trainer_a,))
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.save_cohort(session, bad)
    assert set(_problems(error)) == {"capacity", "guest_trainer_ids"}


def test_duplicate_code_within_the_office_is_refused(database: Database, world: World) -> None:
    first = _cohort(database, world, "2026-001")
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.save_cohort(session, _data(world, " 2026-001 "))
    assert "already has a cohort 2026-001" in _problems(error)["code"]
    with database.transaction() as session:  # saving the cohort itself under its own code is fine
        schedule.save_cohort(session, _data(world, "2026-001", capacity=20), id=first)


def test_a_cohort_of_another_office_cannot_be_changed_here(database: Database, world: World) -> None:
    cohort_id = _cohort(database, world)
    with database.transaction() as session:
        other = Office(code="AKM", is_own=False, name_kk="Ақмола", name_ru="Акмола")
        session.add(other)
        cohort = session.get(Cohort, cohort_id)
        assert cohort is not None
        cohort.office = other
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.save_cohort(session, _data(world, capacity=10), id=cohort_id)
    assert "another office (Акмола)" in _problems(error)["cohort"]


def test_without_an_own_office_the_user_is_sent_to_settings(database: Database) -> None:
    with database.transaction() as session:
        provider = Provider(name_kk="Өрлеу", name_ru="Өрлеу")
        session.add(provider)
    data = CohortData(code="X", programme_id=1, provider_id=1, start_date=date(2026, 1, 1),
                      end_date=date(2026, 1, 5), language="kk", capacity=10)
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.save_cohort(session, data)
    assert "Settings" in _problems(error)["office"]


def test_new_dates_may_not_leave_sessions_outside(database: Database, world: World) -> None:
    cohort_id = _cohort(database, world)
    with database.transaction() as session:
        schedule.add_session(session, cohort_id, SessionData(date(2026, 3, 12), time(9, 0), 4, "Тақырып"))
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.save_cohort(session, _data(world, end=date(2026, 3, 10)), id=cohort_id)
    assert "outside the new dates" in _problems(error)["end_date"]


# --- Sessions and the agreed lock (п.13) ------------------------------------------------------------------


def test_a_session_outside_the_cohort_dates_is_refused(database: Database, world: World) -> None:
    cohort_id = _cohort(database, world)
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.add_session(session, cohort_id, SessionData(date(2026, 3, 14), time(9, 0), 2, "Кіріспе"))
    assert "outside the dates of cohort 2026-001" in _problems(error)["day"]
    for hours in (0, 13):
        with pytest.raises(ValidationError) as error, database.transaction() as session:
            schedule.add_session(session, cohort_id, SessionData(date(2026, 3, 2), time(9, 0), hours))
        assert "from 1 to 12" in _problems(error)["academic_hours"]
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.add_session(session, cohort_id, SessionData(date(2026, 3, 2), time(20, 0), 6))
    assert "after midnight" in _problems(error)["start_time"]


def _fill_timetable(database: Database, cohort_id: int, hours: list[int]) -> list[int]:
    ids = []
    with database.transaction() as session:
        for i, h in enumerate(hours):
            day = date(2026, 3, 2 + i)
            ids.append(schedule.add_session(session, cohort_id, SessionData(day, time(9, 0), h, f"Т{i}")).session_id)
    return ids


def test_agreed_schedule_locks_sessions_until_reopened_with_a_reason(database: Database, world: World) -> None:
    cohort_id = _cohort(database, world)
    ids = _fill_timetable(database, cohort_id, [12, 12, 12])
    with database.transaction() as session:
        schedule.agree_schedule(session, cohort_id, date(2026, 2, 1), "Білім басқармасы")
    entry = SessionData(date(2026, 3, 6), time(9, 0), 2, "Қосымша")
    attempts = [
        lambda s: schedule.add_session(s, cohort_id, entry),
        lambda s: schedule.update_session(s, ids[0], entry),
        lambda s: schedule.delete_session(s, ids[0]),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as error, database.transaction() as session:
            attempt(session)
        assert "Reopen it with a reason first" in _problems(error)["schedule"]
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.save_cohort(session, _data(world, start=date(2026, 3, 3)), id=cohort_id)
    assert "Reopen the schedule" in _problems(error)["start_date"]
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.reopen_schedule(session, cohort_id, "   ")
    assert "Reason" in _problems(error)["reason"]
    with database.transaction() as session:
        cohort = schedule.reopen_schedule(session, cohort_id, "Тренер ауырып қалды", on=date(2026, 2, 20))
        assert cohort.schedule_status == ScheduleStatus.DRAFT
        assert cohort.reopen_reason == "2026-02-20: Тренер ауырып қалды"
        assert cohort.agreed_on is None
        schedule.delete_session(session, ids[0])
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.reopen_schedule(session, cohort_id, "again")
    assert "nothing to reopen" in _problems(error)["schedule"]


def test_agree_is_refused_when_hours_differ_or_the_timetable_is_empty(database: Database, world: World) -> None:
    cohort_id = _cohort(database, world)
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.agree_schedule(session, cohort_id, date(2026, 2, 1), "")
    problems = _problems(error)
    assert "is empty" in problems["schedule"]
    assert "п.13" in problems["agreed_with"]
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.agree_schedule(session, cohort_id, date(2026, 2, 1), "Білім басқармасы " * 30)
    assert "too long (509 characters)" in _problems(error)["agreed_with"]
    _fill_timetable(database, cohort_id, [12, 12])
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.agree_schedule(session, cohort_id, date(2026, 2, 1), "Білім басқармасы")
    assert "24 academic hours, 12 fewer than the 36" in _problems(error)["schedule"]
    with database.reading() as session:
        cohort = session.get(Cohort, cohort_id)
        assert cohort is not None and cohort.schedule_status == ScheduleStatus.DRAFT


def test_hours_summary(database: Database, world: World) -> None:
    cohort_id = _cohort(database, world)
    with database.reading() as session:
        assert schedule.hours_summary(session, cohort_id).planned == 0
    _fill_timetable(database, cohort_id, [12, 12, 8, 8])
    with database.reading() as session:
        summary = schedule.hours_summary(session, cohort_id)
    assert (summary.planned, summary.required, summary.difference) == (40, 36, 4)
    assert "4 more than the 36" in summary.remark
    with database.transaction() as session:
        cohort_id = session.scalars(select(Cohort.id).where(Cohort.code == "2026-001")).one()
        assert schedule.hours_summary(session, cohort_id).required == 36
        schedule.save_cohort(session, _data(world, programme_id=world.maths), id=cohort_id)
        assert schedule.hours_summary(session, cohort_id).required == 108  # the new programme's
    _fill_timetable(database, _cohort(database, world, "2026-002"), [12, 12, 12])
    with database.reading() as session:
        cohort = session.scalars(select(Cohort).where(Cohort.code == "2026-002")).one()
        assert schedule.hours_summary(session, cohort.id).remark == ""


def test_list_formed_mark(database: Database, world: World) -> None:
    cohort_id = _cohort(database, world)
    assert schedule.list_deadline(date(2026, 3, 2)) == date(2026, 1, 2)
    with pytest.raises(ValidationError) as error, database.transaction() as session:
        schedule.mark_list_formed(session, cohort_id, date(2026, 3, 3))
    assert "п.12" in _problems(error)["list_formed_on"]
    with database.transaction() as session:
        assert schedule.mark_list_formed(session, cohort_id, date(2026, 1, 2)).list_formed_on == date(2026, 1, 2)


# --- Conflicts --------------------------------------------------------------------------------------------


def test_trainer_booked_twice_across_two_cohorts(database: Database, world: World) -> None:
    first = _cohort(database, world, "2026-001")
    second = _cohort(database, world, "2026-002", programme_id=world.maths, end=date(2026, 3, 27))
    day = date(2026, 3, 4)
    with database.transaction() as session:
        saved = schedule.add_session(session, first, SessionData(day, time(9, 0), 2, "А", world.trainer_a, "101"))
        assert saved.conflicts == ()
        clash = schedule.add_session(session, second, SessionData(day, time(10, 0), 2, "Б", world.trainer_a,
                                                                   "202"))
    assert len(clash.conflicts) == 1
    conflict = clash.conflicts[0]
    assert conflict.kind == schedule.ConflictKind.TRAINER
    assert conflict.who == "Әлібеков Ерлан" and conflict.day == day
    assert (conflict.first.cohort_code, conflict.second.cohort_code) == ("2026-001", "2026-002")
    assert (conflict.first.start, conflict.first.end) == (time(9, 0), time(10, 30))
    assert "09:00–10:30" in conflict.message and "2026-002" in conflict.message
    with database.reading() as session:
        assert len(schedule.find_conflicts(session, date(2026, 3, 1), date(2026, 3, 31), cohort_id=second)) == 1
        assert schedule.find_conflicts(session, date(2026, 3, 5), date(2026, 3, 31)) == []


def _beside_a_booked_one(database: Database, world: World, booked: SessionData) -> int:
    """The cohort 2026-002, beside 2026-001 which has the session ``booked``: one programme, the same dates."""
    first = _cohort(database, world, "2026-001")
    second = _cohort(database, world, "2026-002")
    with database.transaction() as session:
        schedule.add_session(session, first, booked)
    return second


def test_room_booked_twice_ignores_distance_and_empty_rooms(database: Database, world: World) -> None:
    day = date(2026, 3, 5)
    second = _beside_a_booked_one(database, world, SessionData(day, time(9, 0), 4, "А", world.trainer_a,
                                                               "Ауд. 101"))
    with database.transaction() as session:
        distance = schedule.add_session(session, second, SessionData(day, time(9, 0), 2, "Б", world.trainer_b,
                                                                      "Ауд. 101", distance=True))
        no_room = schedule.add_session(session, second, SessionData(day, time(11, 0), 2, "В", None, ""))
        clash = schedule.add_session(session, second, SessionData(day, time(11, 30), 1, "Г", None, "АУД. 101"))
    assert distance.conflicts == () and no_room.conflicts == ()
    assert [c.kind for c in clash.conflicts] == [schedule.ConflictKind.ROOM]
    assert clash.conflicts[0].room == "Ауд. 101"
    assert "Room Ауд. 101" in clash.conflicts[0].message


def test_back_to_back_sessions_do_not_conflict(database: Database, world: World) -> None:
    day = date(2026, 3, 6)
    second = _beside_a_booked_one(database, world, SessionData(day, time(9, 0), 2, "А", world.trainer_a, "101"))
    with database.transaction() as session:
        after = schedule.add_session(session, second, SessionData(day, time(10, 30), 2, "Б", world.trainer_a, "101"))
        moved = schedule.update_session(session, after.session_id,
                                        SessionData(day, time(10, 29), 2, "Б", world.trainer_a, "101"))
    assert after.conflicts == ()
    assert {c.kind for c in moved.conflicts} == {schedule.ConflictKind.TRAINER, schedule.ConflictKind.ROOM}


# --- Calendar and the paged list --------------------------------------------------------------------------


def _enrol(session: Session, cohort_id: int, iin: str, status: EnrolmentStatus) -> None:
    teacher = Teacher(iin=iin, surname="Ахметова", name="Айгүл", birth_date=date(1985, 1, 1))
    session.add(Enrolment(cohort_id=cohort_id, teacher=teacher, applied_on=date(2026, 1, 5), status=status))


def test_cohorts_between_returns_the_overlapping_ones(database: Database, world: World) -> None:
    spans = {"FEB": (date(2026, 2, 2), date(2026, 2, 13)), "EDGE": (date(2026, 2, 23), date(2026, 3, 1)),
             "MAR": (date(2026, 3, 16), date(2026, 3, 27)), "END": (date(2026, 3, 31), date(2026, 4, 10)),
             "APR": (date(2026, 4, 1), date(2026, 4, 10))}
    ids = {code: _cohort(database, world, code, start=start, end=end) for code, (start, end) in spans.items()}
    with database.transaction() as session:
        _enrol(session, ids["MAR"], "850101300001", EnrolmentStatus.ENROLLED)
        _enrol(session, ids["MAR"], "850101300002", EnrolmentStatus.WITHDRAWN)
    with database.reading() as session:
        rows = schedule.cohorts_between(session, date(2026, 3, 1), date(2026, 3, 31), "kk",
                                        today=date(2026, 3, 20))
    assert [row.code for row in rows] == ["EDGE", "MAR", "END"]
    mar = rows[1]
    assert (mar.enrolled, mar.capacity, mar.programme) == (1, 25, "Қазақ тілін оқыту әдістемесі")
    assert mar.list_deadline == date(2026, 1, 16) and mar.list_formed_on is None
    assert mar.status == CohortPhase.RUNNING and mar.status_label == "running"
    assert mar.schedule_label == "draft"
    with pytest.raises(ValidationError), database.reading() as session:
        schedule.cohorts_between(session, date(2026, 3, 31), date(2026, 3, 1), "kk")


def test_paging_and_search_fold_kazakh_case(database: Database, world: World) -> None:
    for i in range(5):
        _cohort(database, world, f"KAZ-{i}", start=date(2026, 3, 2 + i), end=date(2026, 3, 20))
    _cohort(database, world, "МАТ-1", programme_id=world.maths, start=date(2026, 1, 5), end=date(2026, 1, 30))
    with database.reading() as session:
        assert schedule.count_cohorts(session) == 6
        assert schedule.count_cohorts(session, "ҚАЗАҚ ТІЛІН") == 5
        found = schedule.page_cohorts(session, "қазақ", offset=1, limit=2, lang="ru")
        assert [row.code for row in found] == ["KAZ-3", "KAZ-2"]
        assert found[0].programme == "Методика преподавания казахского языка"
        assert [row.code for row in schedule.page_cohorts(session, "мат-")] == ["МАТ-1"]
        assert [row.code for row in schedule.page_cohorts(session, "kaz-4")] == ["KAZ-4"]
        assert schedule.count_cohorts(session, "математ", phase=CohortPhase.FINISHED, today=date(2026, 2, 1)) == 1
        assert schedule.page_cohorts(session, "100%") == []
        upcoming = schedule.page_cohorts(session, phase=CohortPhase.UPCOMING, today=date(2026, 3, 4))
        assert [row.code for row in upcoming] == ["KAZ-4", "KAZ-3"]
