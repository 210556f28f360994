"""Pieces shared by the enrolment services: status names, the status-change record, places taken, and
loading an enrolment or cohort with a clear refusal. Import from ``pedesk.services.enrolment``. No Qt.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import Cohort, Enrolment, StatusChange, Teacher
from pedesk.models.base import utcnow
from pedesk.models.enums import ACTIVE_ENROLMENT_STATUSES, EnrolmentStatus
from pedesk.services.common import ValidationError
from pedesk.services.reference import missing_reference

__all__ = [
    "cohort_or_refuse",
    "count_places",
    "date_problem_text",
    "enrolment_or_refuse",
    "hold_places",
    "last_change_date",
    "record_change",
    "status_label",
    "taken_places",
    "teacher_or_refuse",
]


def status_label(status: EnrolmentStatus) -> str:
    """The status as staff call it, in the current language."""
    return {
        EnrolmentStatus.APPLIED: _("applied"),
        EnrolmentStatus.DOCUMENTS_COMPLETE: _("documents complete"),
        EnrolmentStatus.ENROLLED: _("enrolled"),
        EnrolmentStatus.IN_TRAINING: _("in training"),
        EnrolmentStatus.COMPLETED: _("completed"),
        EnrolmentStatus.NOT_CERTIFIED: _("not certified"),
        EnrolmentStatus.EXPELLED: _("expelled"),
        EnrolmentStatus.TRANSFERRED: _("transferred"),
        EnrolmentStatus.WITHDRAWN: _("withdrawn"),
    }[EnrolmentStatus(status)]


def cohort_or_refuse(session: Session, cohort_id: int | None, field: str = "cohort_id") -> Cohort:
    cohort = session.get(Cohort, cohort_id) if cohort_id is not None else None
    if cohort is None:
        raise ValidationError([missing_reference(field, _("Cohort"))])
    return cohort


def teacher_or_refuse(session: Session, teacher_id: int | None, field: str = "teacher_id") -> Teacher:
    teacher = session.get(Teacher, teacher_id) if teacher_id is not None else None
    if teacher is None:
        raise ValidationError([missing_reference(field, _("Teacher"))])
    return teacher


def enrolment_or_refuse(session: Session, enrolment_id: int) -> Enrolment:
    enrolment = session.get(Enrolment, enrolment_id)
    if enrolment is None:
        raise ValidationError([missing_reference("enrolment_id", _("Application"))])
    return enrolment


def hold_places(session: Session, cohort_id: int) -> None:
    """Take the cohort's row lock before counting its places to fill one: on PostgreSQL a second seat adding a
    listener to the same cohort waits here until the first has committed, then counts what the first added, so
    two seats never both take the last place. (SQLite lets one writer at a time on its own.)"""
    session.execute(select(Cohort.id).where(Cohort.id == cohort_id).with_for_update())


def taken_places(session: Session, cohort_id: int) -> int:
    """Places taken in the cohort: its enrolments in an active status (``ACTIVE_ENROLMENT_STATUSES``)."""
    return int(
        session.scalar(
            select(func.count(Enrolment.id)).where(
                Enrolment.cohort_id == cohort_id, Enrolment.status.in_(ACTIVE_ENROLMENT_STATUSES)
            )
        )
        or 0
    )


def count_places(session: Session, cohort_id: int) -> tuple[int, int]:
    """(places taken, capacity) of the cohort."""
    cohort = cohort_or_refuse(session, cohort_id)
    return taken_places(session, cohort.id), cohort.capacity


def last_change_date(enrolment: Enrolment) -> date | None:
    return max((change.at.date() for change in enrolment.status_changes), default=None)


def record_change(
    session: Session, enrolment: Enrolment, to: EnrolmentStatus, on: date, reason: str = ""
) -> StatusChange:
    """Set the status and write who changed it, from what, to what, when and why.

    ``at`` is the day of the change (``on``) with the time it was recorded, so changes made on one day
    keep their order.
    """
    change = StatusChange(
        from_status=enrolment.status,  # None for a new enrolment: its status is set here
        to_status=to,
        at=datetime.combine(on, utcnow().time()),
        by=str(session.info.get("user", "")),
        reason=reason,
    )
    enrolment.status = to
    enrolment.status_changes.append(change)
    return change


def date_problem_text(on: date, last: date) -> str:
    return _(
        "Date: {on} is before the last change of the status, on {last}. Enter {last} or a later date."
    ).format(on=format_date(on), last=format_date(last))
