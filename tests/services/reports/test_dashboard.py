"""The Dashboard on given dates: cohorts starting soon, lists not formed (п.12), deadlines, packages (п.17)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pedesk.models import Cohort, CourseFormat, EducationLevel, Office, Programme, Provider
from pedesk.models.database import Database
from pedesk.models.enums import CourseKind, Language
from pedesk.services.reports.attention import dashboard, package_notice, when_label

TODAY = date(2026, 4, 10)


def _add_cohorts(database: Database, starts: dict[str, date], *, own: bool = True,
                 formed: frozenset[str] = frozenset()) -> None:
    with database.transaction() as session:
        office = Office(code="KRG" if own else "AKM", is_own=own, name_kk="Кабинет", name_ru="Кабинет")
        provider = Provider(name_kk="Өрлеу", name_ru="Өрлеу")
        level = session.scalars(select(EducationLevel).where(EducationLevel.code == "primary")).one()
        fmt = session.scalars(select(CourseFormat).where(CourseFormat.code == "on_the_job")).one()
        programme = Programme(office=office, code="P1", title_kk="Әдістеме", title_ru="Методика",
                              academic_hours=36, kind=CourseKind.SHORT, level=level, format=fmt)
        for code, start in starts.items():
            session.add(Cohort(office=office, code=code, programme=programme, provider=provider,
                               start_date=start, end_date=start + timedelta(days=11), language=Language.KK,
                               capacity=25, list_formed_on=start - timedelta(days=70) if code in formed else None))


def test_cohorts_starting_within_30_days_and_lists_not_formed(database: Database) -> None:
    _add_cohorts(database, {
        "SOON": TODAY + timedelta(days=5),
        "DAY30": TODAY + timedelta(days=30),
        "D45": TODAY + timedelta(days=45),
        "FORMED": TODAY + timedelta(days=40),
        "D90": TODAY + timedelta(days=90),
        "DUE_TODAY": date(2026, 6, 10),  # list due on 10 April, today
        "DUE_TOMORROW": date(2026, 6, 11),
        "PAST": TODAY - timedelta(days=1),
    }, formed=frozenset({"FORMED"}))
    with database.reading() as session:
        board = dashboard(session, TODAY, "ru")
    assert board.office_set_up
    assert [c.code for c in board.starting_soon] == ["SOON", "DAY30"]
    soon = board.starting_soon[0]
    assert (soon.days_until, soon.programme, soon.when) == (5, "Методика", "in 5 days")
    assert "0 of 25 places" in soon.message
    flagged = {w.code: w for w in board.lists_not_formed}
    # D90 and DUE_TOMORROW are outside the two-month window; FORMED is formed.
    assert set(flagged) == {"SOON", "DAY30", "D45", "DUE_TODAY"}
    assert [w.code for w in board.lists_not_formed][:2] == ["SOON", "DAY30"]  # most overdue first
    d45 = flagged["D45"]
    assert d45.days_left == 45
    assert d45.deadline == date(2026, 3, 25)
    assert "п.12" in d45.message


def test_only_the_own_office_cohorts_are_on_the_dashboard(database: Database) -> None:
    _add_cohorts(database, {"OTHER": TODAY + timedelta(days=10)}, own=False)
    with database.reading() as session:
        board = dashboard(session, TODAY, "kk")
    assert not board.office_set_up
    assert board.starting_soon == () and board.lists_not_formed == ()


def test_planning_deadlines_cross_the_year_end(database: Database) -> None:
    with database.reading() as session:
        summer = dashboard(session, date(2026, 7, 20), "kk").deadlines
        autumn = dashboard(session, date(2026, 9, 2), "kk").deadlines
        winter = dashboard(session, date(2026, 11, 2), "kk").deadlines
        next_year = dashboard(session, date(2026, 11, 15), "kk", deadline_days=300).deadlines
    assert [(d.key, d.due) for d in summer] == [("school_applications", date(2026, 8, 1)),
                                               ("district_plan", date(2026, 9, 1))]
    assert [d.soon for d in summer] == [True, False]
    assert summer[0].when == "in 12 days" and "п.9" in summer[0].label
    assert [(d.due, d.days_left) for d in autumn] == [(date(2026, 11, 1), 60)]
    assert winter == ()  # 1 November has passed; the next deadline is 1 August 2027
    assert [(d.key, d.due) for d in next_year] == [
        ("school_applications", date(2027, 8, 1)),
        ("district_plan", date(2027, 9, 1)),
    ]
    assert not any(d.soon for d in next_year)


@pytest.mark.parametrize(
    ("today", "current", "month_start", "period"),
    [
        (date(2026, 1, 20), True, date(2026, 1, 1), "2025-H2"),
        (date(2026, 6, 1), True, date(2026, 6, 1), "2026-H1"),
        (date(2026, 5, 10), False, date(2026, 6, 1), "2026-H1"),
        (date(2026, 12, 5), False, date(2027, 1, 1), "2026-H2"),
    ],
)
def test_package_months(today: date, current: bool, month_start: date, period: str) -> None:
    notice = package_notice(today)
    assert notice is not None
    assert (notice.current, notice.month_start, notice.period) == (current, month_start, period)
    assert notice.days_until == (0 if current else (month_start - today).days)
    assert "п.17" in notice.message and "administration imports" in notice.message


def test_no_package_notice_far_from_january_and_june(database: Database) -> None:
    assert package_notice(date(2026, 4, 30)) is None  # 32 days before June
    assert package_notice(date(2026, 9, 15)) is None
    with database.reading() as session:
        assert dashboard(session, date(2026, 3, 1), "kk").package is None
        board = dashboard(session, date(2026, 1, 5), "kk")
    assert board.package is not None
    assert (board.package.period_start, board.package.period_end) == (date(2025, 7, 1), date(2025, 12, 31))
    assert board.package.period_label == "July to December 2025"


def test_when_label() -> None:
    assert when_label(0) == "today"
    assert when_label(1) == "in 1 day"
    assert when_label(3) == "in 3 days"


def test_cohorts_whose_listeners_wait_for_certificates(database: Database) -> None:
    from pedesk.models import Assessment, Enrolment, Teacher
    from pedesk.models.enums import AssessmentKind, EnrolmentStatus

    _add_cohorts(database, {"DONE": TODAY - timedelta(days=20), "RUNNING": TODAY - timedelta(days=3)})
    with database.transaction() as session:
        cohorts = {c.code: c for c in session.scalars(select(Cohort))}
        for serial, (code, status) in enumerate((("DONE", EnrolmentStatus.COMPLETED),
                                                 ("DONE", EnrolmentStatus.COMPLETED),
                                                 ("DONE", EnrolmentStatus.NOT_CERTIFIED),
                                                 ("RUNNING", EnrolmentStatus.IN_TRAINING))):
            teacher = Teacher(iin=f"80010130000{serial}", surname=f"Ахметова{serial}", name="Әсел",
                              birth_date=date(1980, 1, 1))
            enrolment = Enrolment(cohort=cohorts[code], teacher=teacher, status=status, applied_on=TODAY)
            session.add(enrolment)
            session.flush()
            session.add(Assessment(enrolment_id=enrolment.id, kind=AssessmentKind.INTERNAL, held_on=TODAY,
                                   passed=status == EnrolmentStatus.COMPLETED))
    with database.reading() as session:
        board = dashboard(session, TODAY, "ru")
    assert [(a.code, a.waiting) for a in board.awaiting_certificates] == [("DONE", 2)]
    assert "2 listeners passed" in board.awaiting_certificates[0].message
