"""Adding a teacher to a cohort (the one way an enrolment is created) and editing the application.

Import from ``pedesk.services.enrolment``. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import Cohort, Enrolment, Teacher
from pedesk.models.audit import audit_reason
from pedesk.models.enums import EnrolmentStatus, Language, ReferralBy
from pedesk.services import access
from pedesk.services.access import Action, guarded
from pedesk.services.common import Problem, clean_spaces, raise_if
from pedesk.services.enrolment.application_form import (
    ApplicationData,
    EnrolmentCheck,
    application_problems,
    check_enrolment,
    is_late,
)
from pedesk.services.enrolment.shared import (
    cohort_or_refuse,
    date_problem_text,
    enrolment_or_refuse,
    last_change_date,
    record_change,
    teacher_or_refuse,
)

__all__ = ["EnrolmentResult", "enrol_teacher", "prepared_enrolment", "store_enrolment", "update_application"]


@dataclass(frozen=True)
class EnrolmentResult:
    """The new (or reopened) enrolment, and warnings for the user that did not stop it."""

    enrolment: Enrolment
    warnings: tuple[str, ...] = ()


@guarded(Action.ENROLMENT)
def enrol_teacher(
    session: Session,
    cohort_id: int,
    teacher_id: int,
    *,
    on: date,
    reason: str = "",
    data: ApplicationData | None = None,
) -> EnrolmentResult:
    """Add the teacher to the cohort's list on ``on``, with the status "applied" (and its status change).

    ``data`` is the application form; without it (a list import) the application is dated ``on``, in the
    cohort's language, and Appendix 2's country may follow later (a warning says so). ``reason`` is the
    п.12 reason for adding the teacher after the list was formed. Refuses, naming the field, when the
    cohort is full, finished, or already has an application of this teacher, or a late addition has no
    reason; warns when the teacher would pass 180 hours in 5 years (п.21) or attends an overlapping
    cohort. A withdrawn application to the same cohort is reopened.
    """
    cohort = cohort_or_refuse(session, cohort_id)
    teacher = teacher_or_refuse(session, teacher_id)
    application, check = prepared_enrolment(session, cohort, teacher, on=on, reason=reason, data=data)
    raise_if(check.problems)
    enrolment = store_enrolment(session, cohort, teacher, application, on, check, clean_spaces(reason))
    return EnrolmentResult(enrolment, tuple(check.warnings))


def prepared_enrolment(
    session: Session, cohort: Cohort, teacher: Teacher, *, on: date, reason: str, data: ApplicationData | None,
    leaving: Enrolment | None = None,
) -> tuple[ApplicationData, EnrolmentCheck]:
    """The cleaned application and every refusal and warning, without changing anything."""
    if data is not None and (data.cohort_id, data.teacher_id) != (cohort.id, teacher.id):
        raise ValueError("the application data is for another cohort or teacher than the arguments")
    # The form must be complete; a list import or a transfer may bring Appendix 2's details later.
    strict = data is not None and leaving is None
    if data is None:
        abroad = cohort.programme.abroad
        data = ApplicationData(cohort.id, teacher.id, applied_on=on, group_language=cohort.language,
                               abroad_months=cohort.programme.abroad_months if abroad else None)
    application = data.cleaned()
    application = replace(
        application,
        group_language=application.group_language or cohort.language,
    )
    if is_late(cohort, on):  # п.12: the reason is kept on the application only for a late addition
        access.check(session, Action.LATE_LIST_CHANGE)  # a change of a formed list is the head's to approve
        application = replace(application, late_addition_reason=clean_spaces(reason) or application.late_addition_reason)
    check = check_enrolment(session, cohort, teacher, application, on, strict=strict, leaving=leaving)
    if application.applied_on > on:
        check.problems.append(Problem("applied_on", _(
            "Date of the application: {applied} is after {on}, the day the teacher is added. Correct the "
            "date.").format(applied=format_date(application.applied_on), on=format_date(on))))
    last = last_change_date(check.reopen) if check.reopen is not None else None
    if last is not None and on < last:
        check.problems.append(Problem("on", date_problem_text(on, last)))
    return application, check


def store_enrolment(
    session: Session, cohort: Cohort, teacher: Teacher, application: ApplicationData, on: date,
    check: EnrolmentCheck, reason: str = "",
) -> Enrolment:
    """Write the checked application: a new enrolment (or the reopened one) with the status "applied";
    the status change records ``reason``, else the late addition's reason."""
    why = reason or application.late_addition_reason  # п.12: a late addition is audited with its reason
    with audit_reason(session, why):
        enrolment = check.reopen
        if enrolment is None:
            enrolment = Enrolment(cohort=cohort, teacher=teacher)
            session.add(enrolment)
        _apply(enrolment, application)
        record_change(session, enrolment, EnrolmentStatus.APPLIED, on, why)
    return enrolment


def _apply(enrolment: Enrolment, data: ApplicationData) -> None:
    for item in fields(ApplicationData):
        if item.name not in ("cohort_id", "teacher_id", "group_language", "referral_by"):
            setattr(enrolment, item.name, getattr(data, item.name))
    enrolment.group_language = Language(data.group_language) if data.group_language else None
    enrolment.referral_by = ReferralBy(data.referral_by) if data.referral_by else None


@guarded(Action.ENROLMENT)
def update_application(session: Session, enrolment_id: int, data: ApplicationData) -> Enrolment:
    """Save the application form of an existing enrolment (its status does not change).

    An application stays with its cohort and teacher: moving a listener is the status "transferred".
    """
    enrolment = enrolment_or_refuse(session, enrolment_id)
    application = data.cleaned()
    application = replace(application, group_language=application.group_language or enrolment.cohort.language)
    problems: list[Problem] = []
    if (data.cohort_id, data.teacher_id) != (enrolment.cohort_id, enrolment.teacher_id):
        problems.append(Problem("cohort_id", _(
            "An application cannot move to another cohort or teacher. To move a listener to another cohort, "
            "change the status to \"transferred\" (п.30 of the Rules).")))
    problems += application_problems(application, enrolment.cohort, strict=True)
    if enrolment.late_addition_reason and not application.late_addition_reason:
        problems.append(Problem("late_addition_reason", _(
            "Reason for a late addition: the teacher was added after the list was formed (п.12 of the Rules), "
            "so the reason must stay. Enter it.")))
    raise_if(problems)
    _apply(enrolment, application)
    session.flush()
    return enrolment
