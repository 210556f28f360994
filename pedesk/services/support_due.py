"""Who needs post-course support by when (п.36-37): the worklist of `pedesk support due` and the Post-course
section. No Qt, no writes.

A works item is a certified listener with fewer than three independent works whose 12 months after the course
end in the chosen month or have run out; a monitoring item is a yearly monitoring not yet done that is due in
the chosen month or overdue. DECISION (ours): overdue items stay on the list for 12 months after their due
date, so that the list of a long-running office does not fill with years-old gaps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from pedesk.models import Certificate, Cohort, Enrolment, Programme, Teacher
from pedesk.models.enums import CertificateStatus, SupportKind
from pedesk.models.support import MonitoringRecord, PostCourseWork
from pedesk.services.rules import (
    MONITORING_YEARS,
    WORKS_REQUIRED,
    WORKS_WINDOW_MONTHS,
    add_months,
    add_years_rule,
    monitoring_due_dates,
    works_due_date,
)

__all__ = ["OVERDUE_LISTED_MONTHS", "DueItem", "month_bounds", "support_due"]

OVERDUE_LISTED_MONTHS = 12
_SLACK = timedelta(days=3)  # month-end and 29 February clamping; the exact test is made in Python

DueKind = Literal["works", "monitoring"]


@dataclass(frozen=True)
class DueItem:
    """One line of the worklist; ``year_no`` is the monitoring year (0 for works)."""

    certificate_id: int
    iin: str
    teacher: str
    certificate: str
    kind: DueKind
    due: date
    overdue: bool
    year_no: int = 0
    works_done: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"iin": self.iin, "teacher": self.teacher, "certificate": self.certificate, "kind": self.kind,
                "due": self.due.isoformat(), "overdue": self.overdue}


def month_bounds(month: date) -> tuple[date, date]:
    """The first and the last day of ``month``'s month."""
    first = month.replace(day=1)
    return first, add_months(first, 1) - timedelta(days=1)


def _supported() -> Select[Any]:
    holder = func.trim(Teacher.surname + " " + Teacher.name + " " + Teacher.patronymic)
    return (
        select(Certificate.id, Teacher.iin, holder, Certificate.number, Certificate.issue_date, Cohort.end_date)
        .join(Teacher, Teacher.id == Certificate.teacher_id)
        .join(Enrolment, Enrolment.id == Certificate.enrolment_id)
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .join(Programme, Programme.id == Cohort.programme_id)
        .where(Certificate.status == CertificateStatus.ISSUED, Certificate.superseded_by_id.is_(None),
               Certificate.external.is_(False), Programme.abroad.is_(False))
    )


def _listed(due: date, today: date, first: date, last: date) -> bool:
    if first <= due <= last:
        return True
    return today > due >= add_months(today, -OVERDUE_LISTED_MONTHS)


def _range(today: date, first: date, last: date) -> tuple[date, date]:
    return min(first, add_months(today, -OVERDUE_LISTED_MONTHS)), max(last, today)


def _works_items(session: Session, today: date, first: date, last: date) -> list[DueItem]:
    low, high = _range(today, first, last)
    rows = session.execute(_supported().where(Cohort.end_date.between(
        add_months(low, -WORKS_WINDOW_MONTHS) - _SLACK, add_months(high, -WORKS_WINDOW_MONTHS) + _SLACK))).all()
    ids = [row[0] for row in rows]
    held: dict[int, list[date]] = {}
    for start in range(0, len(ids), 500):
        for certificate_id, held_on in session.execute(select(PostCourseWork.certificate_id, PostCourseWork.held_on)
                                                       .where(PostCourseWork.certificate_id.in_(ids[start:start + 500]),
                                                              PostCourseWork.kind == SupportKind.INDEPENDENT_WORK)):
            held.setdefault(certificate_id, []).append(held_on)
    items = []
    for certificate_id, iin, holder, number, _issued, end in rows:
        due = works_due_date(end)
        done = sum(1 for day in held.get(certificate_id, ()) if day <= due)
        if done < WORKS_REQUIRED and _listed(due, today, first, last):
            items.append(DueItem(certificate_id, iin, holder, number, "works", due, today > due, 0, done))
    return items


def _monitoring_items(session: Session, today: date, first: date, last: date) -> list[DueItem]:
    low, high = _range(today, first, last)
    windows = [Certificate.issue_date.between(add_years_rule(low, -k) - _SLACK, add_years_rule(high, -k) + _SLACK)
               for k in range(1, MONITORING_YEARS + 1)]
    rows = session.execute(_supported().where(or_(*windows))).all()
    ids = [row[0] for row in rows]
    done: set[tuple[int, int]] = set()
    for start in range(0, len(ids), 500):
        done.update((certificate_id, year_no) for certificate_id, year_no in session.execute(
            select(MonitoringRecord.certificate_id, MonitoringRecord.year_no).where(
                and_(MonitoringRecord.certificate_id.in_(ids[start:start + 500]),
                     MonitoringRecord.done_on.is_not(None)))))
    items = []
    for certificate_id, iin, holder, number, issued, _end in rows:
        for year_no, due in enumerate(monitoring_due_dates(issued), 1):
            if (certificate_id, year_no) not in done and _listed(due, today, first, last):
                items.append(DueItem(certificate_id, iin, holder, number, "monitoring", due, today > due, year_no))
    return items


def support_due(session: Session, *, today: date, month: date | None = None,
                kinds: Iterable[DueKind] = ("works", "monitoring")) -> list[DueItem]:
    """Who needs works or monitoring: due in ``month`` (default: today's month) or overdue, excluding courses
    abroad, external and annulled or replaced certificates; overdue ones first, then by due date and name."""
    first, last = month_bounds(month or today)
    wanted = set(kinds)
    items: list[DueItem] = []
    if "works" in wanted:
        items += _works_items(session, today, first, last)
    if "monitoring" in wanted:
        items += _monitoring_items(session, today, first, last)
    return sorted(items, key=lambda item: (not item.overdue, item.due, item.teacher, item.kind, item.year_no))
