"""Cohort rows for the month view and the paged cohort list (one SQL query per call).

Extends :mod:`pedesk.services.schedule.cohort_queries`: a :class:`CohortRow` is a ``CohortSummary`` with the record's id,
its office, the list deadline's state (п.12) and translated labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import Cohort, Office, Programme
from pedesk.services.common import ValidationError, clean_spaces, like_pattern
from pedesk.services.rules import list_formation_date
from pedesk.services.schedule.cohort_queries import (
    CohortPhase,
    CohortSummary,
    cohort_phase,
    enrolled_count,
    phase_label,
)
from pedesk.services.schedule.lookups import schedule_status_label

__all__ = [
    "MAX_PAGE",
    "CalendarCohort",
    "CohortRow",
    "cohorts_between",
    "cohorts_starting",
    "count_cohorts",
    "page_cohorts",
]

MAX_PAGE = 1000
"""The most rows one page may ask for."""


@dataclass(frozen=True)
class CohortRow(CohortSummary):
    """A cohort as the calendar and the cohort list show it (``programme`` in the requested language)."""

    id: int
    office_code: str
    list_formed_on: date | None
    status_label: str
    schedule_label: str

    def as_json(self) -> dict[str, object]:
        data = super().as_json()
        data.update(id=self.id, office=self.office_code,
                    list_formed_on=self.list_formed_on.isoformat() if self.list_formed_on else None)
        return data


CalendarCohort = CohortRow
"""The month view shows the same row as the cohort list."""


def _base_query() -> Select[Cohort, Programme, str, Any]:
    return (
        select(Cohort, Programme, Office.code, enrolled_count())
        .join(Programme, Cohort.programme_id == Programme.id)
        .join(Office, Cohort.office_id == Office.id)
    )


def _row(cohort: Cohort, programme: Programme, office_code: str, enrolled: int, today: date,
         lang: str) -> CohortRow:
    phase = cohort_phase(cohort.start_date, cohort.end_date, today)
    return CohortRow(
        code=cohort.code,
        programme=programme.title(lang),
        kind=programme.kind,
        start=cohort.start_date,
        end=cohort.end_date,
        status=phase,
        schedule=cohort.schedule_status,
        capacity=cohort.capacity,
        enrolled=int(enrolled),
        list_deadline=list_formation_date(cohort.start_date),
        id=cohort.id,
        office_code=office_code,
        list_formed_on=cohort.list_formed_on,
        status_label=phase_label(phase),
        schedule_label=schedule_status_label(cohort.schedule_status, cohort.agreed_on),
    )


def _rows(
    session: Session, query: Select[Cohort, Programme, str, Any], today: date, lang: str
) -> list[CohortRow]:
    return [
        _row(cohort, programme, office_code, enrolled, today, lang)
        for cohort, programme, office_code, enrolled in session.execute(query)
    ]


def cohorts_between(
    session: Session, start: date, end: date, lang: str, *, today: date | None = None
) -> list[CohortRow]:
    """Cohorts that overlap ``start``..``end`` (both inclusive), by start date: the month view.

    ``today`` (default: the computer's date) decides each row's phase (upcoming, running, finished).
    """
    if end < start:
        raise ValidationError.single("end", _(
            "End of the period: {end} is before its start {start}. Enter an end on or after the start."
        ).format(end=format_date(end), start=format_date(start)))
    query = (
        _base_query()
        .where(Cohort.start_date <= end, Cohort.end_date >= start)
        .order_by(Cohort.start_date, Cohort.code, Cohort.id)
    )
    return _rows(session, query, today or date.today(), lang)


def cohorts_starting(
    session: Session, first: date, last: date, lang: str, *, today: date, office_id: int | None = None
) -> list[CohortRow]:
    """Cohorts that start from ``first`` to ``last`` (both inclusive), by start date; only ``office_id``'s
    when it is given."""
    query = _base_query().where(Cohort.start_date >= first, Cohort.start_date <= last)
    if office_id is not None:
        query = query.where(Cohort.office_id == office_id)
    return _rows(session, query.order_by(Cohort.start_date, Cohort.code, Cohort.id), today, lang)


def _conditions(text: str, phase: CohortPhase | None, today: date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    wanted = clean_spaces(text)
    if wanted:
        folded = like_pattern(wanted)
        upper = folded.upper()  # codes are mostly capitals, and SQLite's lower() folds only ASCII
        conditions.append(or_(
            Programme.search_key.like(folded, escape="\\"),
            func.lower(Cohort.code).like(folded, escape="\\"),
            Cohort.code.like(upper, escape="\\"),
        ))
    if phase is CohortPhase.UPCOMING:
        conditions.append(Cohort.start_date > today)
    elif phase is CohortPhase.RUNNING:
        conditions += [Cohort.start_date <= today, Cohort.end_date >= today]
    elif phase is CohortPhase.FINISHED:
        conditions.append(Cohort.end_date < today)
    return conditions


def count_cohorts(
    session: Session, text: str = "", phase: CohortPhase | None = None, *, today: date | None = None
) -> int:
    """How many cohorts :func:`page_cohorts` can show for the same search."""
    query = (
        select(func.count())
        .select_from(Cohort)
        .join(Programme, Cohort.programme_id == Programme.id)
        .where(*_conditions(text, phase, today or date.today()))
    )
    return int(session.execute(query).scalar_one())


def page_cohorts(
    session: Session,
    text: str = "",
    offset: int = 0,
    limit: int = 200,
    phase: CohortPhase | None = None,
    *,
    today: date | None = None,
    lang: str = "kk",
) -> list[CohortRow]:
    """One page of the cohort list, newest start first; ``text`` searches the code and programme titles.

    The search is case-folded in any script ("қаз" finds "Қазақ тілі"); ``phase`` keeps upcoming,
    running or finished cohorts (as of ``today``, default the computer's date).
    """
    day = today or date.today()
    query = (
        _base_query()
        .where(*_conditions(text, phase, day))
        .order_by(Cohort.start_date.desc(), Cohort.code, Cohort.id)
        .offset(max(0, offset))
        .limit(min(max(1, limit), MAX_PAGE))
    )
    return _rows(session, query, day, lang)
