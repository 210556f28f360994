"""Cohort queries shared by the CLI and the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import Cohort, Enrolment, Programme
from pedesk.models.enums import ACTIVE_ENROLMENT_STATUSES, CourseKind, ScheduleStatus
from pedesk.services.reference import own_office_id
from pedesk.services.rules import list_formation_date


class CohortPhase(StrEnum):
    UPCOMING = "upcoming"
    RUNNING = "running"
    FINISHED = "finished"


def cohort_phase(start: date, end: date, today: date) -> CohortPhase:
    if today < start:
        return CohortPhase.UPCOMING
    if today <= end:
        return CohortPhase.RUNNING
    return CohortPhase.FINISHED


def phase_label(phase: CohortPhase) -> str:
    return {
        CohortPhase.UPCOMING: _("upcoming"),
        CohortPhase.RUNNING: _("running"),
        CohortPhase.FINISHED: _("finished"),
    }[phase]


@dataclass(frozen=True)
class CohortSummary:
    code: str
    programme: str
    kind: CourseKind
    start: date
    end: date
    status: CohortPhase
    schedule: ScheduleStatus
    capacity: int
    enrolled: int
    list_deadline: date

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "programme": self.programme,
            "kind": self.kind.value,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "status": self.status.value,
            "schedule": self.schedule.value,
            "capacity": self.capacity,
            "enrolled": self.enrolled,
            "list_deadline": self.list_deadline.isoformat(),
        }


def enrolled_count() -> ScalarSelect[int]:
    """The places taken in the enclosing query's cohort (п.12 lists, capacity).

    A correlated count over the enrolment's cohort index: a page of 200 cohorts costs 200 small index
    look-ups, where a grouped subquery would count every enrolment of the region on each keystroke.
    """
    return (
        select(func.count())
        .where(Enrolment.cohort_id == Cohort.id, Enrolment.status.in_(ACTIVE_ENROLMENT_STATUSES))
        .correlate(Cohort)
        .scalar_subquery()
    )


def list_cohorts(
    session: Session,
    *,
    today: date,
    lang: str = "kk",
    phase: CohortPhase | None = None,
) -> list[CohortSummary]:
    query = (
        select(Cohort, Programme, enrolled_count())
        .join(Programme, Cohort.programme_id == Programme.id)
        .order_by(Cohort.start_date, Cohort.code)
    )
    if phase is CohortPhase.UPCOMING:
        query = query.where(Cohort.start_date > today)
    elif phase is CohortPhase.RUNNING:
        query = query.where(Cohort.start_date <= today, Cohort.end_date >= today)
    elif phase is CohortPhase.FINISHED:
        query = query.where(Cohort.end_date < today)
    rows = []
    for cohort, programme, enrolled in session.execute(query):
        rows.append(
            CohortSummary(
                code=cohort.code,
                programme=programme.title(lang),
                kind=programme.kind,
                start=cohort.start_date,
                end=cohort.end_date,
                status=cohort_phase(cohort.start_date, cohort.end_date, today),
                schedule=cohort.schedule_status,
                capacity=cohort.capacity,
                enrolled=int(enrolled),
                list_deadline=list_formation_date(cohort.start_date),
            )
        )
    return rows


def own_cohort_id(session: Session, code: str) -> int | None:
    """The id of this office's cohort with the code ``code`` (as the CLI and imports name cohorts)."""
    query = select(Cohort.id).where(Cohort.office_id == own_office_id(), Cohort.code == code.strip())
    return session.scalar(query)
