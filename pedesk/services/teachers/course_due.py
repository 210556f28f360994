"""Teachers due for their next course: those whose certificate runs out within 12 months (п.32: a certificate is
valid for 5 years) and, through ``history``, those under 36 academic hours in the last 5 years (п.21
DECISION). The Post-course section's and the Dashboard's worklists. No Qt, no writes.

DECISION (ours): a teacher is listed once, by the certificate that lasts longest; a teacher who holds another
valid certificate lasting beyond the 12 months is not due. Certificates of other organisations (courses abroad,
other providers) count like ours: whoever issued it, its end makes the teacher due. Teachers already on the list
of a cohort that has not ended are listed with that cohort's code, so the office sees who is already planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from pedesk.models import Certificate, Cohort, Enrolment, Teacher
from pedesk.models.enums import ACTIVE_ENROLMENT_STATUSES, CertificateStatus, EnrolmentStatus
from pedesk.services.common import fold, name_order
from pedesk.services.reference import DEFAULT_PAGE_SIZE, clean_page
from pedesk.services.rules import add_months

__all__ = ["EXPIRY_HORIZON_MONTHS", "SOON_DAYS", "ExpiringCertificate", "certificates_expiring",
           "count_certificates_expiring"]

EXPIRY_HORIZON_MONTHS = 12
"""Certificates running out within this many months make their holders due for a course."""
SOON_DAYS = 90
"""A certificate running out this soon, its holder on no cohort's list, is painted red."""

_PLANNED = tuple(status for status in ACTIVE_ENROLMENT_STATUSES
                 if status not in (EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_CERTIFIED))


@dataclass(frozen=True)
class ExpiringCertificate:
    """A teacher whose (longest-lasting) certificate runs out on ``valid_until`` (exclusive: expired that day)."""

    id: int
    teacher_id: int
    holder: str
    iin: str
    workplace: str
    number: str
    issue_date: date
    valid_until: date
    days_left: int
    enrolled_in: str = ""
    """The code of a cohort that has not ended with the teacher on its list, or empty."""

    @property
    def overdue(self) -> bool:
        """Urgent: runs out within ``SOON_DAYS`` and the teacher is on no cohort's list."""
        return self.days_left <= SOON_DAYS and not self.enrolled_in


def _expiring(today: date, text: str, *columns: Any, within_days: int | None = None,
              unplanned: bool = False) -> Select[Any]:
    horizon = add_months(today, EXPIRY_HORIZON_MONTHS)
    if within_days is not None:
        horizon = min(horizon, today + timedelta(days=within_days))
    other = aliased(Certificate)
    lasts_longer = exists().where(
        other.teacher_id == Certificate.teacher_id, other.status == CertificateStatus.ISSUED,
        other.superseded_by_id.is_(None),
        or_(other.valid_until > Certificate.valid_until,
            and_(other.valid_until == Certificate.valid_until, other.id > Certificate.id)))
    query = (select(*columns).join(Teacher, Teacher.id == Certificate.teacher_id)
             .where(Certificate.status == CertificateStatus.ISSUED, Certificate.superseded_by_id.is_(None),
                    Certificate.valid_until > today, Certificate.valid_until <= horizon, ~lasts_longer))
    if unplanned:
        query = query.where(~exists().where(
            Enrolment.teacher_id == Certificate.teacher_id, Enrolment.status.in_(_PLANNED),
            Enrolment.cohort_id == Cohort.id, Cohort.end_date >= today))
    for word in text.split():
        query = query.where(or_(Teacher.iin.startswith(word, autoescape=True),
                                Teacher.search_key.contains(fold(word), autoescape=True),
                                func.upper(Certificate.number).contains(word.upper(), autoescape=True)))
    return query


def count_certificates_expiring(session: Session, today: date, text: str = "", *,
                                within_days: int | None = None, unplanned: bool = False) -> int:
    """How many teachers :func:`certificates_expiring` lists; only those running out within ``within_days`` when
    given, only those on no cohort's list with ``unplanned`` (with ``within_days=SOON_DAYS``: the red rows)."""
    return int(session.scalar(select(func.count()).select_from(
        _expiring(today, text, Certificate.id, within_days=within_days, unplanned=unplanned).subquery())) or 0)


def certificates_expiring(session: Session, today: date, text: str = "", offset: int = 0,
                          limit: int = DEFAULT_PAGE_SIZE) -> list[ExpiringCertificate]:
    """One page of the teachers whose certificate runs out after ``today`` and within 12 months, soonest
    first, by a part of the name, the IIN's first digits or the certificate number."""
    offset, limit = clean_page(offset, limit)
    holder = func.trim(Teacher.surname + " " + Teacher.name + " " + Teacher.patronymic)
    rows = session.execute(
        _expiring(today, text, Certificate.id, Teacher.id, holder, Teacher.iin, Teacher.workplace,
                  Certificate.number, Certificate.issue_date, Certificate.valid_until)
        .order_by(Certificate.valid_until, name_order(Teacher.surname), name_order(Teacher.name), name_order(Teacher.patronymic), Certificate.id).offset(offset).limit(limit)).all()
    planned = _planned_cohorts(session, [row[1] for row in rows], today)
    return [ExpiringCertificate(id_, teacher_id, name, iin, workplace, number, issued, until, (until - today).days,
                                planned.get(teacher_id, ""))
            for id_, teacher_id, name, iin, workplace, number, issued, until in rows]


def _planned_cohorts(session: Session, teacher_ids: list[int], today: date) -> dict[int, str]:
    """teacher id -> the code of the earliest cohort not yet ended whose list holds the teacher."""
    planned: dict[int, str] = {}
    if not teacher_ids:
        return planned
    for teacher_id, code in session.execute(
            select(Enrolment.teacher_id, Cohort.code).join(Cohort, Cohort.id == Enrolment.cohort_id)
            .where(Enrolment.teacher_id.in_(teacher_ids), Enrolment.status.in_(_PLANNED), Cohort.end_date >= today)
            .order_by(Cohort.start_date.desc())):
        planned[teacher_id] = code  # the earliest start is written last
    return planned
