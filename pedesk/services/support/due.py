"""Who needs post-course support by when (п.36-37): the worklist of `pedesk support due` and the Post-course
section. No Qt, no writes.

A works item is a certified listener with fewer than three independent works whose 12 months after the course
end in the chosen month or have run out; a monitoring item is a yearly monitoring not yet done that is due in
the chosen month or overdue, or the final analysis (``year_no`` 0, п.35) once the three visits are recorded. DECISION (ours): overdue items stay on the list for 12 months after their due
date, so that the list of a long-running office does not fill with years-old gaps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from pedesk.models import Certificate, Cohort, Teacher
from pedesk.models.enums import SupportKind
from pedesk.models.support import MonitoringRecord, PostCourseWork
from pedesk.services.common import kazakh_key
from pedesk.services.rules import (
    FINAL_ANALYSIS_YEAR,
    MONITORING_YEARS,
    WORKS_REQUIRED,
    add_months,
    monitoring_due_dates,
    works_due_date,
)
from pedesk.services.support import queries

__all__ = ["OVERDUE_LISTED_MONTHS", "DueItem", "month_bounds", "support_due", "support_due_counts"]

OVERDUE_LISTED_MONTHS = 12

DueKind = Literal["works", "monitoring"]


@dataclass(frozen=True)
class DueItem:
    """One line of the worklist; ``year_no`` is the monitoring year (for works 0, for monitoring 0 is the final
    analysis)."""

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
        """The keys of `pedesk support due --json`; a monitoring item also says its ``year``: 1 to 3, or 0 for the
        final analysis after the three years (п.35)."""
        item: dict[str, Any] = {"iin": self.iin, "teacher": self.teacher, "certificate": self.certificate,
                                "kind": self.kind, "due": self.due.isoformat(), "overdue": self.overdue}
        if self.kind == "monitoring":
            item["year"] = self.year_no
        return item


def month_bounds(month: date) -> tuple[date, date]:
    """The first and the last day of ``month``'s month."""
    first = month.replace(day=1)
    return first, add_months(first, 1) - timedelta(days=1)


def _supported() -> Select[Any]:
    """Only what the dates need; the names are read afterwards for the items listed (``_named``)."""
    return queries.supported_certificates(Certificate.id, Certificate.issue_date, Cohort.end_date, Certificate.supersedes_id)


def _named(session: Session, items: list[DueItem]) -> list[DueItem]:
    """The items with their teacher's IIN and name and the certificate's number."""
    ids = sorted({item.certificate_id for item in items})
    names: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(ids), 500):
        for certificate_id, iin, holder, number in session.execute(
                select(Certificate.id, Teacher.iin, queries.HOLDER, Certificate.number)
                .join(Teacher, Teacher.id == Certificate.teacher_id)
                .where(Certificate.id.in_(ids[start:start + 500]))):
            names[certificate_id] = (iin, holder, number)
    return [replace(item, iin=names[item.certificate_id][0], teacher=names[item.certificate_id][1],
                    certificate=names[item.certificate_id][2]) for item in items]


def _listed(due: date, today: date, first: date, last: date) -> bool:
    if first <= due <= last:
        return True
    return today > due >= _listed_since(today)


@lru_cache(maxsize=64)
def _listed_since(today: date) -> date:
    """Overdue items due on or after this day are still listed."""
    return add_months(today, -OVERDUE_LISTED_MONTHS)


def _range(today: date, first: date, last: date) -> tuple[date, date]:
    return min(first, add_months(today, -OVERDUE_LISTED_MONTHS)), max(last, today)


def _works_items(session: Session, today: date, first: date, last: date) -> list[DueItem]:
    low, high = _range(today, first, last)
    window = queries.works_window(low, high)
    rows = session.execute(_supported().where(window)).all()
    held: dict[int, list[date]] = {}
    for certificate_id, held_on in session.execute(
            _supported().with_only_columns(PostCourseWork.certificate_id, PostCourseWork.held_on)
            .join(PostCourseWork, PostCourseWork.certificate_id == Certificate.id)
            .where(window, PostCourseWork.kind == SupportKind.INDEPENDENT_WORK)):
        held.setdefault(certificate_id, []).append(held_on)
    reissued = [row[0] for row in rows if row[3] is not None]
    if reissued:  # with the works recorded on the certificates they replaced (queries.Lineage)
        held.update(queries.works_held(session, reissued))
    deadlines: dict[date, date] = {}
    items = []
    for certificate_id, _issued, end, _replaced in rows:
        due = deadlines.get(end) or deadlines.setdefault(end, works_due_date(end))
        done = sum(1 for day in held.get(certificate_id, ()) if day <= due)
        if done < WORKS_REQUIRED and _listed(due, today, first, last):
            items.append(DueItem(certificate_id, "", "", "", "works", due, today > due, 0, done))
    return items


def _monitoring_items(session: Session, today: date, first: date, last: date) -> list[DueItem]:
    low, high = _range(today, first, last)
    window = queries.monitoring_window(low, high)
    rows = session.execute(_supported().where(or_(window, Certificate.supersedes_id.is_not(None)))).all()
    done = {(certificate_id, year_no) for certificate_id, year_no in session.execute(
        _supported().with_only_columns(MonitoringRecord.certificate_id, MonitoringRecord.year_no)
        .join(MonitoringRecord, MonitoringRecord.certificate_id == Certificate.id)
        .where(window, MonitoringRecord.done_on.is_not(None)))}
    reissued = [row[0] for row in rows if row[3] is not None]
    since = queries.support_since(session, reissued, {}) if reissued else {}  # from the first issue date
    for certificate_id, years in queries.monitoring_done(session, reissued).items() if reissued else ():
        done.update((certificate_id, year_no) for year_no in years)
    schedules: dict[date, list[date]] = {}
    items = []
    for certificate_id, issued, _end, _replaced in rows:
        issued = since.get(certificate_id, issued)
        dues = schedules.get(issued) or schedules.setdefault(issued, monitoring_due_dates(issued))
        for year_no, due in enumerate(dues, 1):
            if (certificate_id, year_no) not in done and _listed(due, today, first, last):
                items.append(DueItem(certificate_id, "", "", "", "monitoring", due, today > due, year_no))
        visited = all((certificate_id, year_no) in done for year_no in range(1, MONITORING_YEARS + 1))
        final_due = dues[-1]  # rules.final_analysis_due
        if visited and (certificate_id, FINAL_ANALYSIS_YEAR) not in done and _listed(final_due, today, first, last):
            items.append(DueItem(certificate_id, "", "", "", "monitoring", final_due, today > final_due,
                                 FINAL_ANALYSIS_YEAR))
    return items


def support_due(session: Session, *, today: date, month: date | None = None,
                kinds: Iterable[DueKind] = ("works", "monitoring")) -> list[DueItem]:
    """Who needs works or monitoring: due in ``month`` (default: today's month) or overdue, excluding courses
    abroad, external and annulled or replaced certificates; overdue ones first, then by due date and name."""
    items = _named(session, _unnamed(session, today, month, kinds))
    return sorted(items, key=lambda item: (not item.overdue, item.due, kazakh_key(item.teacher), item.kind, item.year_no))


def support_due_counts(session: Session, *, today: date) -> dict[tuple[DueKind, bool], int]:
    """How many items :func:`support_due` lists this month, by (kind, overdue); without reading any name."""
    counts: dict[tuple[DueKind, bool], int] = {}
    for item in _unnamed(session, today, None, ("works", "monitoring")):
        counts[item.kind, item.overdue] = counts.get((item.kind, item.overdue), 0) + 1
    return counts


def _unnamed(session: Session, today: date, month: date | None, kinds: Iterable[DueKind]) -> list[DueItem]:
    first, last = month_bounds(month or today)
    wanted = set(kinds)
    items: list[DueItem] = []
    if "works" in wanted:
        items += _works_items(session, today, first, last)
    if "monitoring" in wanted:
        items += _monitoring_items(session, today, first, last)
    return items
