"""Pieces shared by the schedule (Кесте) services: look-ups that refuse clearly, time spans, labels."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import Cohort, Office
from pedesk.models.enums import ScheduleStatus
from pedesk.services.common import ValidationError, found_or_refuse
from pedesk.services.rules import ACADEMIC_HOUR_MINUTES

__all__ = [
    "MAX_SESSION_HOURS",
    "get_cohort",
    "own_office",
    "require_draft",
    "schedule_status_label",
    "session_span",
]

MAX_SESSION_HOURS = 12
"""The most academic hours one timetable entry may hold (9 clock hours)."""


def own_office(session: Session) -> Office:
    """This installation's own office; refused with a pointer to Settings when it is not set up."""
    office = session.scalars(select(Office).where(Office.is_own).limit(1)).first()
    if office is None:
        raise ValidationError.single(
            "office",
            _(
                "This office is not set up yet: fill in the office's name and code in Settings first, "
                "then create cohorts."
            ),
        )
    return office


def get_cohort(session: Session, cohort_id: int) -> Cohort:
    return found_or_refuse(session, Cohort, cohort_id, "cohort", _(
        "The cohort was not found; another user may have deleted it. Refresh the list and try again."))


def require_draft(cohort: Cohort) -> None:
    """п.13: an agreed schedule is locked; it must be reopened (with a reason) before it changes."""
    if cohort.schedule_status == ScheduleStatus.AGREED:
        raise ValidationError.single(
            "schedule",
            _(
                "The schedule of cohort {code} is agreed (п.13 of the Rules), so its sessions cannot "
                "change. Reopen it with a reason first."
            ).format(code=cohort.code),
        )


def session_span(day: date, start_time: time, academic_hours: int) -> tuple[datetime, datetime]:
    """п.22: a session lasts ``academic_hours`` × 45 minutes from its start time."""
    start = datetime.combine(day, start_time.replace(tzinfo=None))
    return start, start + timedelta(minutes=academic_hours * ACADEMIC_HOUR_MINUTES)


def schedule_status_label(status: ScheduleStatus, agreed_on: date | None = None) -> str:
    """The schedule status for people, in the current language ("agreed on 2 March 2026")."""
    if status == ScheduleStatus.AGREED:
        if agreed_on is None:
            return _("agreed")
        return _("agreed on {date}").format(date=format_date(agreed_on))
    return _("draft")
