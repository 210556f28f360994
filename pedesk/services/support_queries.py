"""Reading post-course support for the Post-course section: the certified listeners with their works and
monitoring at a glance, and one listener's works and monitoring years. No Qt, no writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pedesk.models import Certificate, Cohort, Enrolment, Programme, Teacher
from pedesk.models.enums import CertificateStatus, SupportKind
from pedesk.models.support import MonitoringRecord, PostCourseWork
from pedesk.services.rules import MONITORING_YEARS, WORKS_REQUIRED, monitoring_due_dates, works_due_date
from pedesk.services.text import fold

__all__ = ["SupportedRow", "page_supported", "works_of"]


@dataclass(frozen=True)
class SupportedRow:
    """A certified listener in the support list; ``id`` is the certificate's."""

    id: int
    holder: str
    iin: str
    number: str
    course_end: date
    works_done: int
    works_due: date
    monitoring_done: int
    next_monitoring: date | None
    works_overdue: bool
    monitoring_overdue: bool

    @property
    def overdue(self) -> bool:
        return self.works_overdue or self.monitoring_overdue


def page_supported(session: Session, text: str, offset: int, limit: int, *, today: date) -> list[SupportedRow]:
    """Valid certificates after our own courses (not abroad), newest first, by a part of the name, the IIN's
    first digits or the certificate number."""
    holder = func.trim(Teacher.surname + " " + Teacher.name + " " + Teacher.patronymic)
    works = (select(func.count()).select_from(PostCourseWork)
             .where(PostCourseWork.certificate_id == Certificate.id,
                    PostCourseWork.kind == SupportKind.INDEPENDENT_WORK).scalar_subquery())
    query = (
        select(Certificate.id, holder, Teacher.iin, Certificate.number, Certificate.issue_date, Cohort.end_date,
               works)
        .join(Teacher, Teacher.id == Certificate.teacher_id)
        .join(Enrolment, Enrolment.id == Certificate.enrolment_id)
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .join(Programme, Programme.id == Cohort.programme_id)
        .where(Certificate.status == CertificateStatus.ISSUED, Certificate.superseded_by_id.is_(None),
               Certificate.external.is_(False), Programme.abroad.is_(False))
    )
    for word in text.split():
        query = query.where(or_(Teacher.iin.startswith(word, autoescape=True),
                                Teacher.search_key.contains(fold(word), autoescape=True),
                                func.upper(Certificate.number).contains(word.upper(), autoescape=True)))
    rows = session.execute(query.order_by(Certificate.issue_date.desc(), Certificate.id.desc())
                           .offset(offset).limit(limit)).all()
    done = _monitoring_done(session, [row[0] for row in rows])
    return [_row(values, done.get(values[0], set()), today) for values in rows]


def _monitoring_done(session: Session, ids: list[int]) -> dict[int, set[int]]:
    done: dict[int, set[int]] = {}
    for certificate_id, year_no in session.execute(
            select(MonitoringRecord.certificate_id, MonitoringRecord.year_no)
            .where(MonitoringRecord.certificate_id.in_(ids), MonitoringRecord.done_on.is_not(None))):
        done.setdefault(certificate_id, set()).add(year_no)
    return done


def _row(values: tuple[int, str, str, str, date, date, int], done: set[int], today: date) -> SupportedRow:
    certificate_id, holder, iin, number, issued, end, works_total = values
    works_due = works_due_date(end)
    undone = [due for year_no, due in enumerate(monitoring_due_dates(issued), 1) if year_no not in done]
    return SupportedRow(
        id=certificate_id, holder=holder, iin=iin, number=number, course_end=end, works_done=works_total,
        works_due=works_due, monitoring_done=min(len(done), MONITORING_YEARS),
        next_monitoring=undone[0] if undone else None,
        works_overdue=works_total < WORKS_REQUIRED and today > works_due,
        monitoring_overdue=any(today > due for due in undone),
    )


def works_of(session: Session, certificate_id: int) -> list[PostCourseWork]:
    """A listener's works, exchange events, recognition and programme corrections, by date."""
    return list(session.scalars(select(PostCourseWork).where(PostCourseWork.certificate_id == certificate_id)
                                .order_by(PostCourseWork.held_on, PostCourseWork.id)))
