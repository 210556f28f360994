"""Post-course support (п.35-37): works within 12 months of the course's end, three monitoring years from the
issue date (29 February included), overdue on given dates, no support after a course abroad or on an annulled
certificate, and the `support due` worklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.models import Certificate, Enrolment, Office, Programme
from pedesk.models.database import Database
from pedesk.models.enums import MonitoringResult
from pedesk.models.support import MonitoringRecord
from pedesk.services.certificates.issuing import annul_certificate
from pedesk.services.common.errors import ValidationError
from pedesk.services.support.due import support_due
from pedesk.services.support.queries import page_supported
from pedesk.services.support.records import (
    MonitoringData,
    WorkData,
    record_final_analysis,
    record_monitoring,
    record_work,
    support_status,
    update_work,
)
from tests.builders import COURSE_END as END
from tests.builders import TODAY as ISSUED
from tests.builders import USER, certified, cohort, own_office, programme, teacher

LEAP_ISSUED = date(2028, 2, 29)


@dataclass
class World:
    certificates: dict[str, int]  # "regular", "second", "abroad", "leap" -> certificate id


def _certified(session: Session, office: Office, course: Programme, serial: int, end: date, issued: date) -> int:
    return certified(session, cohort(session, office, course, f"C{serial}", end),
                     teacher(session, serial, f"Әлібекова{serial:02d}", "Гүлнар"), issued, serial, USER)


@pytest.fixture
def world(database: Database) -> World:
    with database.transaction(USER) as session:
        office = own_office(session, name_kk="Кабинет", name_ru="Кабинет", city_kk="Қарағанды", city_ru="Караганда",
                            head_name="Сәрсенбаева Гүлнар", head_position_kk="Басшы", head_position_ru="Руководитель")
        regular = programme(session, office, "P72", search_key=None)
        abroad = programme(session, office, "ABR", abroad=True, search_key=None)
        ids = {"regular": _certified(session, office, regular, 1, END, ISSUED),
               "second": _certified(session, office, regular, 2, END, ISSUED),
               "abroad": _certified(session, office, abroad, 3, END, ISSUED),
               "leap": _certified(session, office, regular, 4, date(2028, 2, 25), LEAP_ISSUED)}
        return World(ids)


def _work(held_on: date | None, title: str = "Ашық сабақ", kind: str = "independent_work") -> WorkData:
    return WorkData(kind=kind, held_on=held_on, title=title, place="№5 мектеп", evidence="фотоесеп")


def _visit(done_on: date) -> MonitoringData:
    return MonitoringData(done_on=done_on, method="Сабаққа қатысу", done_by="Омарова А.",
                          findings="Жаңа тәсілдерді қолданады", result=MonitoringResult.POSITIVE)


def _refusal(database: Database, call: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught, database.transaction(USER) as session:
        call(session)  # type: ignore[operator]
    return {problem.field: problem.message for problem in caught.value.problems}


def test_no_support_after_a_course_abroad_nor_on_an_annulled_certificate(database: Database, world: World) -> None:
    abroad = world.certificates["abroad"]
    refused = _refusal(database, lambda s: record_work(s, abroad, _work(date(2027, 1, 10)), today=date(2027, 2, 1)))
    assert "abroad" in refused["certificate"] and "п.5" in refused["certificate"]
    refused = _refusal(database, lambda s: record_monitoring(s, abroad, 1, _visit(date(2027, 11, 20)),
                                                             today=date(2027, 12, 1)))
    assert "abroad" in refused["certificate"]
    with database.transaction(USER) as session:
        annul_certificate(session, world.certificates["second"], reason="қате", order_no="12",
                          order_date=ISSUED, today=ISSUED, by=USER)
    refused = _refusal(database, lambda s: record_work(s, world.certificates["second"], _work(date(2027, 1, 10)),
                                                       today=date(2027, 2, 1)))
    assert "annulled or replaced" in refused["certificate"]
    with database.reading() as session:
        due = support_due(session, today=date(2027, 11, 1))
    assert {item.certificate_id for item in due} == {world.certificates["regular"]}


def test_work_dates_are_checked_against_the_course_end_and_today(database: Database, world: World) -> None:
    regular = world.certificates["regular"]
    today = date(2027, 1, 15)
    refused = _refusal(database, lambda s: record_work(s, regular, _work(END - timedelta(1)), today=today))
    assert "before the course ended" in refused["held_on"]
    refused = _refusal(database, lambda s: record_work(s, regular, _work(today + timedelta(1)), today=today))
    assert "in the future" in refused["held_on"]
    refused = _refusal(database, lambda s: record_work(s, regular, _work(None, title=" ", kind="x"), today=today))
    assert set(refused) == {"kind", "held_on", "title"}
    with database.transaction(USER) as session:
        work_id = record_work(session, regular, _work(END), today=today).id
    with database.transaction(USER) as session:
        work = update_work(session, work_id, _work(date(2026, 12, 1), title="Шеберлік сынып"), today=today)
        assert (work.held_on, work.title) == (date(2026, 12, 1), "Шеберлік сынып")


def test_three_works_within_twelve_months_of_the_course_end(database: Database, world: World) -> None:
    regular = world.certificates["regular"]
    deadline = date(2027, 10, 30)
    with database.transaction(USER) as session:
        for held in (date(2026, 12, 1), date(2027, 3, 1)):
            record_work(session, regular, _work(held), today=deadline)
        record_work(session, regular, _work(date(2027, 4, 1), kind="recognition"), today=deadline)
        record_work(session, regular, _work(deadline + timedelta(1)), today=date(2027, 12, 1))  # too late
    with database.reading() as session:
        status = support_status(session, regular, today=deadline)
        assert (status.works_done, status.works_due, status.works_overdue) == (2, deadline, False)
        assert support_status(session, regular, today=deadline + timedelta(1)).works_overdue
        due = support_due(session, today=date(2027, 10, 5), kinds=("works",))
        assert [(i.certificate_id, i.due, i.overdue, i.works_done) for i in due if i.certificate_id == regular] == [
            (regular, deadline, False, 2)]
        assert not support_due(session, today=date(2027, 9, 5), kinds=("works",))  # not yet this month
    with database.transaction(USER) as session:
        record_work(session, regular, _work(deadline), today=deadline)  # the last day still counts
    with database.reading() as session:
        assert support_status(session, regular, today=date(2028, 1, 1)).works_complete
        assert regular not in {i.certificate_id for i in support_due(session, today=date(2027, 11, 5))
                               if i.kind == "works"}


def test_three_monitoring_years_from_the_issue_date_with_29_february(database: Database, world: World) -> None:
    with database.reading() as session:
        status = support_status(session, world.certificates["leap"], today=LEAP_ISSUED)
        assert [year.due for year in status.monitoring] == [date(2029, 3, 1), date(2030, 3, 1), date(2031, 3, 1)]
        regular = support_status(session, world.certificates["regular"], today=ISSUED)
        assert [year.due for year in regular.monitoring] == [date(2027, 11, 25), date(2028, 11, 25),
                                                             date(2029, 11, 25)]
        march = support_due(session, today=date(2029, 2, 10), month=date(2029, 3, 1), kinds=("monitoring",))
        assert [(i.year_no, i.due, i.overdue) for i in march if i.certificate_id == world.certificates["leap"]] == [
            (1, date(2029, 3, 1), False)]


def test_monitoring_overdue_on_given_dates_and_recorded_visits(database: Database, world: World) -> None:
    regular = world.certificates["regular"]
    with database.reading() as session:
        assert not support_status(session, regular, today=date(2027, 11, 25)).monitoring[0].overdue
        assert support_status(session, regular, today=date(2027, 11, 26)).monitoring[0].overdue
        late = support_due(session, today=date(2027, 12, 10), kinds=("monitoring",))
        assert [(i.certificate_id, i.year_no, i.overdue) for i in late] == [(regular, 1, True),
                                                                          (world.certificates["second"], 1, True)]
        assert late[0].as_json()["due"] == "2027-11-25" and late[0].as_json()["overdue"] is True
    refused = _refusal(database, lambda s: record_monitoring(s, regular, 1, _visit(date(2027, 12, 11)),
                                                             today=date(2027, 12, 10)))
    assert "in the future" in refused["done_on"]
    refused = _refusal(database, lambda s: record_monitoring(s, regular, 4, _visit(date(2027, 12, 1)),
                                                             today=date(2027, 12, 10)))
    assert "year_no" in refused
    with database.transaction(USER) as session:
        record_monitoring(session, regular, 1, _visit(date(2027, 12, 1)), today=date(2027, 12, 10))
    with database.reading() as session:
        records = session.scalars(select(MonitoringRecord).where(MonitoringRecord.certificate_id == regular)
                                  .order_by(MonitoringRecord.year_no)).all()
        assert [(r.year_no, r.due_date, r.done_on) for r in records] == [
            (1, date(2027, 11, 25), date(2027, 12, 1)), (2, date(2028, 11, 25), None), (3, date(2029, 11, 25), None)]
        assert [i.certificate_id for i in support_due(session, today=date(2027, 12, 10), kinds=("monitoring",))] == [
            world.certificates["second"]]
        status = support_status(session, regular, today=date(2027, 12, 10))
        assert status.monitoring[0].result == MonitoringResult.POSITIVE and status.any_overdue  # the works are


def test_overdue_items_leave_the_list_after_twelve_months(database: Database, world: World) -> None:
    with database.reading() as session:
        assert support_due(session, today=date(2028, 11, 1), kinds=("monitoring",))
        year_one = [i for i in support_due(session, today=date(2028, 11, 26), kinds=("monitoring",))
                    if i.year_no == 1]
        assert not year_one


def test_final_analysis_after_the_three_visits(database: Database, world: World) -> None:
    """п.35: the final analysis closes the three years: refused before the three visits, not dated before the last
    one, listed as due with the third monitoring once the visits are in, and shown in the status."""
    regular = world.certificates["regular"]
    today = date(2029, 12, 20)
    analysis = MonitoringData(done_on=date(2029, 12, 15), method="", done_by="Омарова А.",
                              findings="Үш жыл ішінде сабақтары өзгерді", result=MonitoringResult.POSITIVE)
    refused = _refusal(database, lambda s: record_final_analysis(s, regular, analysis, today=today))
    assert "year(s) 1, 2, 3" in refused["year_no"]
    with database.reading() as session:  # past its due date, but not late while it cannot be made
        before = support_status(session, regular, today=today)
        assert before.final is not None and not before.final.overdue and before.monitoring[0].overdue
    with database.transaction(USER) as session:
        for year_no, visit in enumerate((date(2027, 11, 30), date(2028, 11, 28), date(2029, 12, 1)), 1):
            record_monitoring(session, regular, year_no, _visit(visit), today=today)
    with database.reading() as session:
        status = support_status(session, regular, today=today)
        assert status.final is not None and (status.final.due, status.final.overdue) == (date(2029, 11, 25), True)
        listed = next(r for r in page_supported(session, "", 0, 50, today=today) if r.id == regular)
        assert listed.monitoring_overdue  # the final analysis is late: the row is red
        due = support_due(session, today=today, kinds=("monitoring",))
        assert [(i.year_no, i.due, i.overdue) for i in due if i.certificate_id == regular] == [
            (0, date(2029, 11, 25), True)]
    early = MonitoringData(done_on=date(2029, 11, 30), method="", done_by="Омарова А.", findings=" ",
                           result=MonitoringResult.POSITIVE)
    refused = _refusal(database, lambda s: record_final_analysis(s, regular, early, today=today))
    assert "before the last monitoring visit" in refused["done_on"] and "findings" in refused
    with database.transaction(USER) as session:
        record = record_final_analysis(session, regular, analysis, today=today)
        assert (record.year_no, record.due_date, record.method) == (0, date(2029, 11, 25), "")
    with database.reading() as session:
        status = support_status(session, regular, today=today)
        assert status.final is not None and status.final.done_on == date(2029, 12, 15) and not status.final.overdue
        assert regular not in {i.certificate_id for i in support_due(session, today=today, kinds=("monitoring",))}
        row = next(r for r in page_supported(session, "", 0, 50, today=today) if r.id == regular)
        assert (row.monitoring_done, row.final_done) == (3, True)


def test_the_list_counts_only_works_held_within_the_twelve_months(database: Database, world: World) -> None:
    regular = world.certificates["regular"]
    with database.transaction(USER) as session:
        record_work(session, regular, _work(date(2027, 1, 10)), today=date(2028, 1, 1))
        record_work(session, regular, _work(date(2027, 12, 1)), today=date(2028, 1, 1))  # after 30 October 2027
    with database.reading() as session:
        row = next(r for r in page_supported(session, "", 0, 50, today=date(2028, 1, 1)) if r.id == regular)
    assert (row.works_done, row.works_late, row.works_overdue) == (1, 1, True)


def test_the_support_follows_the_listener_through_a_reissue(database: Database, world: World,
                                                            tmp_path: object) -> None:
    """A certificate reissued after a correction: the works and visits recorded on the old one count for the new
    one, the monitoring years still count from the first issue date, and the new records go on the new one."""
    from pathlib import Path

    from pypdf import PdfReader

    from pedesk.services.certificates.issuing import reissue_certificate
    from pedesk.services.support.card import write_monitoring_card
    from pedesk.services.support.report import write_support_report

    old = world.certificates["regular"]
    with database.transaction(USER) as session:
        for held in (date(2026, 12, 1), date(2027, 2, 1), date(2027, 3, 1)):
            record_work(session, old, _work(held, title=f"Ашық сабақ {held.month}"), today=date(2027, 12, 10))
        record_monitoring(session, old, 1, _visit(date(2027, 11, 30)), today=date(2027, 12, 10))
    with database.transaction(USER) as session:
        new = reissue_certificate(session, old, on=date(2028, 3, 1), reason="Тегі қате жазылған", order_no="7",
                                  order_date=date(2028, 3, 1), today=date(2028, 3, 1), by=USER).id
    today = date(2028, 11, 30)
    with database.reading() as session:
        status = support_status(session, new, today=today)
        assert (status.works_done, status.works_complete) == (3, True)
        assert [(year.due, year.done_on) for year in status.monitoring] == [
            (date(2027, 11, 25), date(2027, 11, 30)), (date(2028, 11, 25), None), (date(2029, 11, 25), None)]
        due = [(item.certificate_id, item.kind, item.year_no) for item in support_due(session, today=today)
               if item.certificate_id in (old, new)]
        assert due == [(new, "monitoring", 2)]
        row = next(r for r in page_supported(session, "", 0, 50, today=today) if r.id == new)
        assert (row.works_done, row.monitoring_done, row.next_monitoring) == (3, 1, date(2028, 11, 25))
        assert old not in {r.id for r in page_supported(session, "", 0, 50, today=today)}
    with database.transaction(USER) as session:
        record = record_monitoring(session, new, 2, _visit(date(2028, 11, 28)), today=today)
        assert (record.certificate_id, record.due_date) == (new, date(2028, 11, 25))
    with database.reading() as session:
        card = write_monitoring_card(session, new, Path(str(tmp_path)) / "card.pdf", lang="kk", today=today)
        text = " ".join(page.extract_text() for page in PdfReader(str(card)).pages)
        assert "Ашық сабақ 12" in text and "Жаңа тәсілдерді" in text
        cohort_id = session.scalars(select(Enrolment.cohort_id).join(Certificate).where(Certificate.id == new)).one()
        summary = write_support_report(session, Path(str(tmp_path)) / "r.xlsx", lang="ru", today=today,
                                       cohort_id=cohort_id)
        assert (summary.listeners, summary.works_complete, summary.monitoring_due, summary.monitoring_done) == (
            1, 1, 2, 2)
