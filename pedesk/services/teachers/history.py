"""A teacher's courses of the last 5 years and the academic hours they add up to (п.21 DECISION: 36 to
180 academic hours per teacher in the 5-year inter-course period), and the list of teachers due for a
course. Import from ``pedesk.services.teachers.registry``, which re-exports this. No Qt.

The hours are the programme hours of the teacher's *completed* enrolments plus the hours of the earlier
courses written in the questionnaire, each counted when its end date lies in the window
(``rules.hours_in_window``). A questionnaire row that records one of those completed courses again is
not counted twice: it is the same course when it carries the number of that enrolment's certificate, or
when it has the cohort's end date and its start date (or no start date).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, Subquery, exists, func, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from pedesk.i18n import current_language
from pedesk.models import Certificate, Cohort, Enrolment, PreviousCourse, Programme, Teacher
from pedesk.models.enums import CertificateStatus, EnrolmentStatus
from pedesk.services.common import name_order
from pedesk.services.reference import DEFAULT_PAGE_SIZE, clean_page
from pedesk.services.rules import (
    HOURS_WINDOW_YEARS,
    MIN_HOURS_IN_WINDOW,
    add_years_rule,
    certificate_is_expired,
    hours_in_window,
    is_due_for_course,
)
from pedesk.services.teachers.questionnaire import PreviousCourseData

__all__ = [
    "DueTeacher",
    "HistoryCertificate",
    "HistoryEnrolment",
    "TeacherHistory",
    "count_due_for_course",
    "teacher_history",
    "teacher_hours",
    "teachers_due_for_course",
    "window_start",
]


@dataclass(frozen=True)
class HistoryEnrolment:
    """An enrolment of the teacher whose cohort ends inside the window or later (upcoming included)."""

    enrolment_id: int
    cohort_id: int
    cohort_code: str
    programme_code: str
    programme: str
    start: date
    end: date
    academic_hours: int
    status: EnrolmentStatus


@dataclass(frozen=True)
class HistoryCertificate:
    """A certificate valid at some time in the window (so one that expired in it shows as expired);
    ``topic`` is the programme's title, or an external certificate's own topic."""

    id: int
    number: str
    topic: str
    academic_hours: int
    issue_date: date
    valid_until: date
    expired: bool
    status: CertificateStatus
    external: bool


@dataclass(frozen=True)
class TeacherHistory:
    teacher_id: int
    today: date
    window_start: date
    enrolments: tuple[HistoryEnrolment, ...]
    certificates: tuple[HistoryCertificate, ...]
    previous_courses: tuple[PreviousCourseData, ...]
    hours_last_five_years: int
    due_for_course: bool


@dataclass(frozen=True)
class DueTeacher:
    """A teacher under 36 academic hours in the last 5 years (п.21 DECISION)."""

    id: int
    iin: str
    surname: str
    name: str
    patronymic: str
    workplace: str
    phone: str
    hours: int


def window_start(today: date) -> date:
    """п.21 DECISION: courses that end after this date and up to ``today`` count (see ``hours_in_window``)."""
    return add_years_rule(today, -HOURS_WINDOW_YEARS)


@dataclass(frozen=True)
class _Completed:
    start: date
    end: date
    hours: int
    certificate_numbers: frozenset[str]


def _same_course(row: PreviousCourseData, done: _Completed) -> bool:
    if row.certificate_number and row.certificate_number in done.certificate_numbers:
        return True
    return row.end_date == done.end and row.start_date in (None, done.start)


def _counted_hours(completed: Sequence[_Completed], previous: Iterable[PreviousCourseData], today: date) -> int:
    courses = [(done.end, done.hours) for done in completed]
    courses += [
        (row.end_date, row.academic_hours)
        for row in previous
        if row.end_date is not None and row.academic_hours is not None
        and not any(_same_course(row, done) for done in completed)
    ]
    return hours_in_window(courses, today)


def _completed(session: Session, teacher_id: int) -> list[_Completed]:
    rows = session.execute(
        select(Enrolment.id, Cohort.start_date, Cohort.end_date, Programme.academic_hours)
        .join(Cohort, Enrolment.cohort_id == Cohort.id)
        .join(Programme, Cohort.programme_id == Programme.id)
        .where(Enrolment.teacher_id == teacher_id, Enrolment.status == EnrolmentStatus.COMPLETED)
    ).all()
    numbers: dict[int, set[str]] = {}
    for enrolment_id, number in session.execute(
        select(Certificate.enrolment_id, Certificate.number).where(Certificate.teacher_id == teacher_id)
    ):
        if enrolment_id is not None:
            numbers.setdefault(enrolment_id, set()).add(number)
    return [_Completed(start, end, hours, frozenset(numbers.get(id_, ()))) for id_, start, end, hours in rows]


def _previous(session: Session, teacher_id: int) -> list[PreviousCourseData]:
    rows = session.scalars(
        select(PreviousCourse).where(PreviousCourse.teacher_id == teacher_id).order_by(
            PreviousCourse.start_date.asc().nulls_first(), PreviousCourse.id  # PostgreSQL puts NULLs last unless told
        )
    )
    return [
        PreviousCourseData(row.topic, row.place, row.start_date, row.end_date, row.academic_hours,
                           row.certificate_number)
        for row in rows
    ]


def teacher_hours(session: Session, teacher_id: int, today: date) -> int:
    """The teacher's academic hours in the 5 years up to ``today`` (see the module's docstring)."""
    return _counted_hours(_completed(session, teacher_id), _previous(session, teacher_id), today)


def teacher_history(session: Session, teacher_id: int, today: date, *, lang: str | None = None) -> TeacherHistory:
    """The teacher's enrolments, certificates and questionnaire courses of the last 5 years, the hours
    they add up to and whether the teacher is due for a course (п.21 DECISION)."""
    lang = lang or current_language()
    start = window_start(today)
    previous = _previous(session, teacher_id)
    hours = _counted_hours(_completed(session, teacher_id), previous, today)
    # Undated rows cannot be placed in the window: they stay in the questionnaire, not in the history.
    recent = tuple(row for row in previous if (day := row.end_date or row.start_date) is not None and day > start)
    return TeacherHistory(
        teacher_id=teacher_id,
        today=today,
        window_start=start,
        enrolments=_history_enrolments(session, teacher_id, start, lang),
        certificates=_history_certificates(session, teacher_id, start, today, lang),
        previous_courses=recent,
        hours_last_five_years=hours,
        due_for_course=is_due_for_course(hours),
    )


def _history_enrolments(session: Session, teacher_id: int, start: date, lang: str) -> tuple[HistoryEnrolment, ...]:
    title = Programme.title_kk if lang == "kk" else Programme.title_ru
    rows = session.execute(
        select(Enrolment.id, Cohort.id, Cohort.code, Programme.code, title, Cohort.start_date, Cohort.end_date,
               Programme.academic_hours, Enrolment.status)
        .join(Cohort, Enrolment.cohort_id == Cohort.id)
        .join(Programme, Cohort.programme_id == Programme.id)
        .where(Enrolment.teacher_id == teacher_id, Cohort.end_date > start)
        .order_by(Cohort.start_date.desc(), Enrolment.id)
    )
    return tuple(HistoryEnrolment(*row) for row in rows)


def _history_certificates(
    session: Session, teacher_id: int, start: date, today: date, lang: str
) -> tuple[HistoryCertificate, ...]:
    title = Programme.title_kk if lang == "kk" else Programme.title_ru
    rows = session.execute(
        select(Certificate, title)
        .outerjoin(Enrolment, Certificate.enrolment_id == Enrolment.id)
        .outerjoin(Cohort, Enrolment.cohort_id == Cohort.id)
        .outerjoin(Programme, Cohort.programme_id == Programme.id)
        .where(Certificate.teacher_id == teacher_id, Certificate.valid_until > start, Certificate.issue_date <= today)
        .order_by(Certificate.issue_date.desc(), Certificate.id)
    )
    return tuple(
        HistoryCertificate(
            cert.id, cert.number, (cert.external_topic if cert.external else "") or programme or "",
            cert.academic_hours, cert.issue_date, cert.valid_until,
            certificate_is_expired(cert.valid_until, today), cert.status, cert.external,
        )
        for cert, programme in rows
    )


# --- The same hours in SQL, for the list of teachers due for a course -------------------------------------


def _totals(today: date) -> Subquery:
    """(teacher_id, hours) of the teachers with counted courses, the SQL form of :func:`_counted_hours`
    (the two must agree): one pass over the window's completed enrolments and questionnaire rows,
    grouped, rather than two correlated look-ups per teacher."""
    start = window_start(today)
    enrolled = (
        select(Enrolment.teacher_id.label("teacher_id"), Programme.academic_hours.label("hours"))
        .join(Cohort, Enrolment.cohort_id == Cohort.id)
        .join(Programme, Cohort.programme_id == Programme.id)
        .where(Enrolment.status == EnrolmentStatus.COMPLETED, Cohort.end_date > start, Cohort.end_date <= today)
    )
    same, same_cohort = aliased(Enrolment), aliased(Cohort)
    same_dates = exists().where(
        same.teacher_id == PreviousCourse.teacher_id, same.status == EnrolmentStatus.COMPLETED,
        same.cohort_id == same_cohort.id, same_cohort.end_date == PreviousCourse.end_date,
        or_(PreviousCourse.start_date.is_(None), PreviousCourse.start_date == same_cohort.start_date),
    )
    certified = aliased(Enrolment)
    same_number = exists().where(
        Certificate.enrolment_id == certified.id, certified.teacher_id == PreviousCourse.teacher_id,
        certified.status == EnrolmentStatus.COMPLETED, PreviousCourse.certificate_number != "",
        Certificate.number == PreviousCourse.certificate_number,
    )
    written = select(PreviousCourse.teacher_id, PreviousCourse.academic_hours).where(
        PreviousCourse.academic_hours.is_not(None), PreviousCourse.end_date > start,
        PreviousCourse.end_date <= today, ~or_(same_dates, same_number),
    )
    rows = union_all(enrolled, written).subquery()
    return (
        select(rows.c.teacher_id, func.sum(rows.c.hours).label("hours"))
        .group_by(rows.c.teacher_id)
        .subquery("teacher_hours")
    )


def _due(today: date, *columns: Any) -> Select[Any]:
    totals = _totals(today)
    hours = func.coalesce(totals.c.hours, 0)
    return (
        select(*columns, hours)
        .outerjoin(totals, totals.c.teacher_id == Teacher.id)
        .where(hours < MIN_HOURS_IN_WINDOW)
    )


def count_due_for_course(session: Session, today: date) -> int:
    """How many teachers :func:`teachers_due_for_course` lists."""
    return int(session.scalar(select(func.count()).select_from(_due(today, Teacher.id).subquery())) or 0)


def teachers_due_for_course(
    session: Session, today: date, limit: int = DEFAULT_PAGE_SIZE, offset: int = 0
) -> list[DueTeacher]:
    """One page of the teachers under 36 academic hours in the 5 years up to ``today`` (п.21 DECISION),
    by name; one query."""
    offset, limit = clean_page(offset, limit)
    statement = (
        _due(today, Teacher.id, Teacher.iin, Teacher.surname, Teacher.name, Teacher.patronymic, Teacher.workplace,
             Teacher.phone)
        .order_by(name_order(Teacher.surname), name_order(Teacher.name), name_order(Teacher.patronymic), Teacher.id)
        .offset(offset)
        .limit(limit)
    )
    return [DueTeacher(*tuple(row)) for row in session.execute(statement)]
