"""Reading post-course support for the Post-course section: the certified listeners with their works and
monitoring at a glance, and one listener's works and monitoring years. No Qt, no writes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from pedesk.i18n import format_date
from pedesk.models import Certificate, Cohort, Enrolment, Programme, Teacher
from pedesk.models.enums import CertificateStatus, SupportKind
from pedesk.models.support import MonitoringRecord, PostCourseWork
from pedesk.services.common import fold
from pedesk.services.rules import (
    FINAL_ANALYSIS_YEAR,
    MONITORING_YEARS,
    WORKS_REQUIRED,
    WORKS_WINDOW_MONTHS,
    add_months,
    add_years_rule,
    monitoring_due_dates,
    works_due_date,
)

__all__ = ["HOLDER", "Lineage", "SupportedRow", "cohorts_with_support", "lineage_ids", "lineages", "monitoring_done",
           "monitoring_window", "support_since", "supported_certificates", "page_supported", "works_held", "works_of",
           "works_window"]

_SLACK = timedelta(days=3)  # month-end and 29 February clamping; the exact test is made in Python


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
    works_late: int = 0
    """Independent works held after the 12 months: recorded, shown, not counted (п.36.2 DECISION)."""
    final_done: bool = False

    @property
    def overdue(self) -> bool:
        return self.works_overdue or self.monitoring_overdue


HOLDER = func.trim(Teacher.surname + " " + Teacher.name + " " + Teacher.patronymic)
"""The holder's full name, as one column."""


def supported_certificates(*columns: Any) -> Select[Any]:
    """``columns`` of the certificates that have post-course support: valid (not annulled, not replaced), ours
    (not another organisation's) and after a course at home (п.5); Teacher, Enrolment, Cohort and Programme are
    joined."""
    return (
        select(*columns)
        .select_from(Certificate)
        .join(Teacher, Teacher.id == Certificate.teacher_id)
        .join(Enrolment, Enrolment.id == Certificate.enrolment_id)
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .join(Programme, Programme.id == Cohort.programme_id)
        .where(Certificate.status == CertificateStatus.ISSUED, Certificate.superseded_by_id.is_(None),
               Certificate.external.is_(False), Programme.abroad.is_(False))
    )


def _between(column: InstrumentedAttribute[date], low: date, high: date) -> ColumnElement[bool]:
    return column.between(low - _SLACK, high + _SLACK)


def works_window(low: date, high: date) -> ColumnElement[bool]:
    """The certificates whose works deadline (п.36: 12 months after the course) may fall from ``low`` to
    ``high``; a few days' slack for month ends, the exact test is made in Python."""
    return _between(Cohort.end_date, add_months(low, -WORKS_WINDOW_MONTHS), add_months(high, -WORKS_WINDOW_MONTHS))


def monitoring_window(low: date, high: date) -> ColumnElement[bool]:
    """The certificates whose yearly monitoring (п.37: one to three years after the issue date) may fall due
    from ``low`` to ``high``; a few days' slack, the exact test is made in Python."""
    return or_(*(_between(Certificate.issue_date, add_years_rule(low, -k), add_years_rule(high, -k))
                 for k in range(1, MONITORING_YEARS + 1)))


def page_supported(session: Session, text: str, offset: int, limit: int, *, today: date) -> list[SupportedRow]:
    """Valid certificates after our own courses (not abroad), newest first, by a part of the name, the IIN's
    first digits or the certificate number."""
    query = supported_certificates(Certificate.id, HOLDER, Teacher.iin, Certificate.number, Certificate.issue_date,
                                   Cohort.end_date)
    for word in text.split():
        query = query.where(or_(Teacher.iin.startswith(word, autoescape=True),
                                Teacher.search_key.contains(fold(word), autoescape=True),
                                func.upper(Certificate.number).contains(word.upper(), autoescape=True)))
    rows = session.execute(query.order_by(Certificate.issue_date.desc(), Certificate.id.desc())
                           .offset(offset).limit(limit)).all()
    ids = [row[0] for row in rows]
    done, held = monitoring_done(session, ids), works_held(session, ids)
    since = support_since(session, ids, {row[0]: row[4] for row in rows})
    return [_row((*values[:4], since[values[0]], values[5]), set(done.get(values[0], {})), held.get(values[0], []),
                 today) for values in rows]


@dataclass(frozen=True)
class Lineage:
    """A certificate that replaced others (a reissue after a correction): ``ids`` is the certificate, then the ones
    it replaced, newest first; ``since`` the first one's issue date.

    DECISION (ours, like the validity a reissue keeps, ``rules.reissued_valid_until``): the support follows the
    listener through a reissue. The works and monitoring recorded on the replaced certificates count for the new
    one, and the three monitoring years count from the first issue date. The records stay where they were
    written (their package keys name that certificate)."""

    ids: tuple[int, ...]
    since: date


def lineages(session: Session, ids: Sequence[int]) -> dict[int, Lineage]:
    """The lineages of those of ``ids`` that replaced another certificate (most certificates did not: they are
    not in the result, and are their own lineage)."""
    chains: dict[int, list[int]] = {}
    for start in range(0, len(ids), 500):
        for certificate_id, previous in session.execute(
                select(Certificate.id, Certificate.supersedes_id)
                .where(Certificate.id.in_(ids[start:start + 500]), Certificate.supersedes_id.is_not(None))):
            if previous is not None:
                chains[certificate_id] = [certificate_id, previous]
    since: dict[int, date] = {}
    growing = dict(chains)
    while growing:
        tails = sorted({chain[-1] for chain in growing.values()})
        found: dict[int, tuple[int | None, date]] = {}
        for start in range(0, len(tails), 500):
            for certificate_id, previous, issued in session.execute(
                    select(Certificate.id, Certificate.supersedes_id, Certificate.issue_date)
                    .where(Certificate.id.in_(tails[start:start + 500]))):
                found[certificate_id] = (previous, issued)
        still: dict[int, list[int]] = {}
        for certificate_id, chain in growing.items():
            previous, issued = found[chain[-1]]
            if previous is None or previous in chain:  # the first certificate (a loop is never made by pedesk)
                since[certificate_id] = issued
            else:
                chain.append(previous)
                still[certificate_id] = chain
        growing = still
    return {certificate_id: Lineage(tuple(chain), since[certificate_id]) for certificate_id, chain in chains.items()}


def _with_lineages(session: Session, ids: Sequence[int]) -> tuple[list[int], dict[int, int], dict[int, int]]:
    """Every certificate of the lineages of ``ids``, each one's certificate among ``ids``, and its place in the
    lineage (0 for the certificate itself, 1 for the one it replaced ...)."""
    owner: dict[int, int] = {}
    rank: dict[int, int] = {}
    for certificate_id, line in lineages(session, ids).items():
        for place, member in enumerate(line.ids):
            owner[member], rank[member] = certificate_id, place
    return sorted(set(ids) | set(owner)), owner, rank


def lineage_ids(session: Session, certificate_id: int) -> tuple[int, ...]:
    """The certificate and those it replaced, newest first (most certificates: only itself)."""
    line = lineages(session, [certificate_id]).get(certificate_id)
    return line.ids if line is not None else (certificate_id,)


def works_held(session: Session, ids: Sequence[int]) -> dict[int, list[date]]:
    """The dates of the independent works of each certificate in ``ids`` (with those of the certificates it
    replaced, see :class:`Lineage`)."""
    members, owner, _rank = _with_lineages(session, ids)
    held: dict[int, list[date]] = {}
    for start in range(0, len(members), 500):
        for certificate_id, held_on in session.execute(
                select(PostCourseWork.certificate_id, PostCourseWork.held_on)
                .where(PostCourseWork.certificate_id.in_(members[start:start + 500]),
                       PostCourseWork.kind == SupportKind.INDEPENDENT_WORK)):
            held.setdefault(owner.get(certificate_id, certificate_id), []).append(held_on)
    return held


def monitoring_done(session: Session, ids: Sequence[int]) -> dict[int, dict[int, date]]:
    """The monitoring years done of each certificate in ``ids`` (with the certificates it replaced): ``year_no`` ->
    the date it was done (as recorded on the newest certificate that has it); 0 is the final analysis."""
    members, owner, rank = _with_lineages(session, ids)
    done: dict[int, dict[int, date]] = {}
    places: dict[tuple[int, int], int] = {}
    for start in range(0, len(members), 500):
        for certificate_id, year_no, done_on in session.execute(
                select(MonitoringRecord.certificate_id, MonitoringRecord.year_no, MonitoringRecord.done_on)
                .where(MonitoringRecord.certificate_id.in_(members[start:start + 500]),
                       MonitoringRecord.done_on.is_not(None))):
            holder, place = owner.get(certificate_id, certificate_id), rank.get(certificate_id, 0)
            if done_on is not None and place <= places.get((holder, year_no), place):
                done.setdefault(holder, {})[year_no] = done_on
                places[holder, year_no] = place
    return done


def support_since(session: Session, ids: Sequence[int], issued: dict[int, date]) -> dict[int, date]:
    """The day each certificate's monitoring years count from: its issue date (``issued``), or the first issue
    date of its lineage."""
    since = dict(issued)
    since.update({certificate_id: line.since for certificate_id, line in lineages(session, ids).items()})
    return since


def _row(values: tuple[int, str, str, str, date, date], done: set[int], held: list[date], today: date
         ) -> SupportedRow:
    certificate_id, holder, iin, number, issued, end = values
    works_due = works_due_date(end)
    in_time = sum(1 for day in held if day <= works_due)
    dues = monitoring_due_dates(issued)
    undone = [due for year_no, due in enumerate(dues, 1) if year_no not in done]
    final_overdue = not undone and FINAL_ANALYSIS_YEAR not in done and today > dues[-1]
    return SupportedRow(
        id=certificate_id, holder=holder, iin=iin, number=number, course_end=end, works_done=in_time,
        works_due=works_due, monitoring_done=MONITORING_YEARS - len(undone),
        next_monitoring=undone[0] if undone else None,
        works_overdue=in_time < WORKS_REQUIRED and today > works_due,
        monitoring_overdue=any(today > due for due in undone) or final_overdue,
        works_late=len(held) - in_time, final_done=FINAL_ANALYSIS_YEAR in done,
    )


def works_of(session: Session, certificate_id: int) -> list[PostCourseWork]:
    """A listener's works, exchange events, recognition and programme corrections, by date (with those recorded on
    the certificates it replaced, see :class:`Lineage`)."""
    return list(session.scalars(select(PostCourseWork)
                                .where(PostCourseWork.certificate_id.in_(lineage_ids(session, certificate_id)))
                                .order_by(PostCourseWork.held_on, PostCourseWork.id)))


def cohorts_with_support(session: Session, lang: str) -> list[tuple[int, str]]:
    """(id, "code — programme (end)") of the cohorts with valid certificates of ours after a course at home,
    the latest first: the cohorts a support report can be made for."""
    title = Programme.title_kk if lang == "kk" else Programme.title_ru
    rows = session.execute(
        select(Cohort.id, Cohort.code, title, Cohort.end_date)
        .join(Programme, Programme.id == Cohort.programme_id)
        .where(Programme.abroad.is_(False), Cohort.id.in_(  # IN, not a correlated EXISTS: SQLite's plan for
            select(Enrolment.cohort_id)                        # that took minutes at 100,000 teachers
            .join(Certificate, Certificate.enrolment_id == Enrolment.id)
            .where(Certificate.status == CertificateStatus.ISSUED, Certificate.external.is_(False))))
        .order_by(Cohort.end_date.desc(), Cohort.code)).all()
    return [(id_, f"{code} — {name} ({format_date(end)})") for id_, code, name, end in rows]
