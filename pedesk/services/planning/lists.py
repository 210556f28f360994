"""Starting a cohort's list from the plan (п.9, п.12): the teachers a school's application names are added
to a chosen cohort of that programme, each through :func:`~pedesk.services.enrolment.enrol_teacher` with all
its checks; a refused teacher does not stop the others. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import Cohort, Teacher
from pedesk.models.enums import PlanStage
from pedesk.models.support import PlanEntry
from pedesk.services.access import Action, guarded
from pedesk.services.common import ValidationError
from pedesk.services.enrolment import enrol_teacher

__all__ = ["ListOutcome", "cohorts_for_application", "start_list_from_application"]


@dataclass(frozen=True)
class ListOutcome:
    """One listed teacher: enrolled or not, and the refusal or warnings to show."""

    iin: str
    teacher: str
    enrolled: bool
    messages: tuple[str, ...] = ()


def _entry_or_refuse(session: Session, entry_id: int) -> PlanEntry:
    entry = session.get(PlanEntry, entry_id)
    if entry is None or entry.stage != PlanStage.SCHOOL_APPLICATION:
        raise ValidationError.single("entry_id", _("The application was not found; refresh the list."))
    if entry.programme_id is None or not entry.teacher_iins:
        raise ValidationError.single("entry_id", _(
            "The application must name a programme and list the teachers' IINs to start a cohort's list; "
            "edit the application first."))
    return entry


def cohorts_for_application(session: Session, entry_id: int) -> list[Cohort]:
    """The cohorts of the application's programme, by start date."""
    entry = _entry_or_refuse(session, entry_id)
    return list(session.scalars(
        select(Cohort).where(Cohort.programme_id == entry.programme_id).order_by(Cohort.start_date, Cohort.code)))


def _enrol_one(session: Session, cohort_id: int, iin: str, on: date, reason: str) -> ListOutcome:
    teacher = session.scalars(select(Teacher).where(Teacher.iin == iin)).first()
    if teacher is None:
        return ListOutcome(iin, "", False, (_(
            "No teacher with this IIN is in the database; add the teacher on the Listeners page first."),))
    name = f"{teacher.surname} {teacher.name}".strip()
    try:
        with session.begin_nested():
            result = enrol_teacher(session, cohort_id, teacher.id, on=on, reason=reason)
    except ValidationError as refusal:
        return ListOutcome(iin, name, False, tuple(p.message for p in refusal.problems))
    return ListOutcome(iin, name, True, result.warnings)


@guarded(Action.PLANNING)
def start_list_from_application(session: Session, entry_id: int, cohort_id: int, *, on: date,
                                reason: str = "") -> list[ListOutcome]:
    """Add every teacher listed in application ``entry_id`` to cohort ``cohort_id`` on ``on``; ``reason`` is
    the п.12 reason when the cohort's list is already formed. Refuses when the cohort is of another programme."""
    entry = _entry_or_refuse(session, entry_id)
    cohort = session.get(Cohort, cohort_id)
    if cohort is None or cohort.programme_id != entry.programme_id:
        raise ValidationError.single("cohort_id", _(
            "Cohort: choose a cohort of the programme the school applied for."))
    return [_enrol_one(session, cohort_id, iin, on, reason) for iin in entry.teacher_iins.split(",") if iin]
