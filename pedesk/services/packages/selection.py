"""Which records a data package carries (п.17): every record created or changed in the period, plus every
record those refer to, so that the package imports into an empty database.

Each function returns a ``SELECT id`` of one table; they build on each other (a certificate's works bring
the certificate, a certificate brings its enrolment, an enrolment its cohort and teacher, a cohort its
programme and provider). An office's package holds its own records (its cohorts, certificates, the teachers
entered in its database); the administration's consolidated package holds every office's. Plain SQL
sub-queries, so that 100,000 teachers never travel through Python as ids.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    Select,
    Table,
    and_,
    insert,
    or_,
    select,
    true,
    union,
)
from sqlalchemy.orm import Session

from pedesk.models import (
    Assessment,
    Certificate,
    Cohort,
    Enrolment,
    MonitoringRecord,
    Office,
    PostCourseWork,
    PreviousCourse,
    Programme,
    Provider,
    School,
    Teacher,
)
from pedesk.services.reference import own_office_id

__all__ = ["Selection", "changed_in"]


def changed_in(table: Any, start: date, end: date) -> ColumnElement[bool]:
    """Created or changed from ``start`` to ``end`` inclusive."""
    low, high = datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)
    return or_(and_(table.created_at >= low, table.created_at < high),
               and_(table.updated_at >= low, table.updated_at < high))


class Selection:
    """The ids each sheet carries, computed once into temporary tables (``materialise``), so that the row
    queries stay small whatever the size of the region; ``release`` drops them."""

    ORDER = ("post_course_works", "monitoring", "certificates", "assessments", "enrolments", "cohorts", "programmes", "providers", "previous_courses",
             "teachers", "schools", "offices")

    def __init__(self, start: date, end: date, consolidated: bool) -> None:
        self.start, self.end, self.consolidated = start, end, consolidated
        self._tables: dict[str, Table] = {}

    def materialise(self, session: Session, tick: Callable[[], None] | None = None) -> None:
        """Fill the temporary tables; ``tick`` is called before each (it may raise to cancel)."""
        metadata = MetaData()
        connection = session.connection()
        for name in self.ORDER:
            if tick is not None:
                tick()
            table = Table(f"pkg_{name}", metadata, Column("id", Integer, primary_key=True), prefixes=["TEMPORARY"])
            table.drop(connection, checkfirst=True)
            table.create(connection)
            connection.execute(insert(table).from_select(["id"], getattr(self, f"_{name}")()))
            self._tables[name] = table

    def release(self, session: Session) -> None:
        connection = session.connection()
        for table in self._tables.values():
            table.drop(connection, checkfirst=True)
        self._tables.clear()

    def ids(self, name: str) -> Select[Any]:
        """The ids of the sheet ``name`` (after ``materialise``)."""
        return select(self._tables[name].c.id)

    def _ours(self, office_column: Any) -> ColumnElement[bool]:
        return true() if self.consolidated else office_column == own_office_id()

    def _entered_here(self, origin_column: Any) -> ColumnElement[bool]:
        return true() if self.consolidated else origin_column == ""

    def _post_course_works(self) -> Select[Any]:
        return (select(PostCourseWork.id).join(Certificate, Certificate.id == PostCourseWork.certificate_id)
                .where(changed_in(PostCourseWork, self.start, self.end), self._ours(Certificate.office_id)))

    def _monitoring(self) -> Select[Any]:
        return (select(MonitoringRecord.id).join(Certificate, Certificate.id == MonitoringRecord.certificate_id)
                .where(changed_in(MonitoringRecord, self.start, self.end), self._ours(Certificate.office_id)))

    def _certificates(self) -> Select[Any]:
        changed = select(Certificate.id).where(changed_in(Certificate, self.start, self.end),
                                               self._ours(Certificate.office_id))
        works = select(PostCourseWork.certificate_id).where(PostCourseWork.id.in_(self.ids("post_course_works")))
        monitoring = select(MonitoringRecord.certificate_id).where(MonitoringRecord.id.in_(self.ids("monitoring")))
        base = union(changed, works, monitoring).subquery()
        linked = select(Certificate.supersedes_id, Certificate.superseded_by_id).where(
            Certificate.id.in_(select(base.c[0]))).subquery()
        every = union(select(base.c[0]), select(linked.c[0]).where(linked.c[0].is_not(None)),
                      select(linked.c[1]).where(linked.c[1].is_not(None))).subquery()
        return select(every.c[0])

    def _assessments(self) -> Select[Any]:
        return (select(Assessment.id).join(Enrolment, Enrolment.id == Assessment.enrolment_id)
                .join(Cohort, Cohort.id == Enrolment.cohort_id)
                .where(changed_in(Assessment, self.start, self.end), self._ours(Cohort.office_id)))

    def _enrolments(self) -> Select[Any]:
        changed = (select(Enrolment.id).join(Cohort, Cohort.id == Enrolment.cohort_id)
                   .where(changed_in(Enrolment, self.start, self.end), self._ours(Cohort.office_id)))
        assessed = select(Assessment.enrolment_id).where(Assessment.id.in_(self.ids("assessments")))
        certified = select(Certificate.enrolment_id).where(Certificate.id.in_(self.ids("certificates")),
                                                           Certificate.enrolment_id.is_not(None))
        base = union(changed, assessed, certified).subquery()
        moved = select(Enrolment.transferred_to_id).where(Enrolment.id.in_(select(base.c[0])),
                                                          Enrolment.transferred_to_id.is_not(None))
        every = union(select(base.c[0]), moved).subquery()
        return select(every.c[0])

    def _cohorts(self) -> Select[Any]:
        every = union(
            select(Cohort.id).where(changed_in(Cohort, self.start, self.end), self._ours(Cohort.office_id)),
            select(Enrolment.cohort_id).where(Enrolment.id.in_(self.ids("enrolments"))),
            select(Assessment.with_cohort_id).where(Assessment.id.in_(self.ids("assessments")),
                                                    Assessment.with_cohort_id.is_not(None)),
        ).subquery()
        return select(every.c[0])

    def _programmes(self) -> Select[Any]:
        every = union(
            select(Programme.id).where(changed_in(Programme, self.start, self.end), self._ours(Programme.office_id)),
            select(Cohort.programme_id).where(Cohort.id.in_(self.ids("cohorts"))),
        ).subquery()
        return select(every.c[0])

    def _providers(self) -> Select[Any]:
        every = union(
            select(Provider.id).where(changed_in(Provider, self.start, self.end),
                                      self._entered_here(Provider.origin_office)),
            select(Cohort.provider_id).where(Cohort.id.in_(self.ids("cohorts"))),
            select(Assessment.assessor_provider_id).where(Assessment.id.in_(self.ids("assessments")),
                                                          Assessment.assessor_provider_id.is_not(None)),
        ).subquery()
        return select(every.c[0])

    def _previous_courses(self) -> Select[Any]:
        return (select(PreviousCourse.id).join(Teacher, Teacher.id == PreviousCourse.teacher_id)
                .where(changed_in(PreviousCourse, self.start, self.end), self._entered_here(Teacher.origin_office)))

    def _teachers(self) -> Select[Any]:
        every = union(
            select(Teacher.id).where(changed_in(Teacher, self.start, self.end), self._entered_here(Teacher.origin_office)),
            select(Enrolment.teacher_id).where(Enrolment.id.in_(self.ids("enrolments"))),
            select(Certificate.teacher_id).where(Certificate.id.in_(self.ids("certificates"))),
            select(PreviousCourse.teacher_id).where(PreviousCourse.id.in_(self.ids("previous_courses"))),
        ).subquery()
        return select(every.c[0])

    def _schools(self) -> Select[Any]:
        every = union(
            select(School.id).where(changed_in(School, self.start, self.end), self._entered_here(School.origin_office)),
            select(Teacher.school_id).where(Teacher.id.in_(self.ids("teachers")), Teacher.school_id.is_not(None)),
        ).subquery()
        return select(every.c[0])

    def _offices(self) -> Select[Any]:
        every = union(
            select(Office.id).where(Office.is_own.is_(True)),
            select(Cohort.office_id).where(Cohort.id.in_(self.ids("cohorts"))),
            select(Programme.office_id).where(Programme.id.in_(self.ids("programmes"))),
            select(Certificate.office_id).where(Certificate.id.in_(self.ids("certificates"))),
        ).subquery()
        return select(every.c[0])
