"""The status flow of an enrolment, each step with the rule it enforces (п.7-8, 16, 27-31).

    applied -> documents complete -> enrolled -> in training -> completed | not certified | expelled |
    transferred; withdrawn from applied, documents complete or enrolled (before the training starts);
    not certified -> completed (re-assessment, п.30.1-2) or transferred (п.30.3).

Every change writes a ``StatusChange`` (from, to, at, by, reason). Import from
``pedesk.services.enrolment``. No Qt.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import Cohort, Enrolment, EnrolmentDocument
from pedesk.models.audit import audit_reason
from pedesk.models.enums import EnrolmentStatus
from pedesk.services.access import Action, guarded
from pedesk.services.common import Problem, clean_spaces, column_lengths, raise_if
from pedesk.services.enrolment.application_form import (
    ApplicationData,
    abroad_country_problem,
    abroad_months_problem,
    eligibility_labels,
)
from pedesk.services.enrolment.applications import EnrolmentResult, prepared_enrolment, store_enrolment
from pedesk.services.enrolment.documents import missing_documents
from pedesk.services.enrolment.shared import (
    date_problem_text,
    enrolment_or_refuse,
    last_change_date,
    record_change,
    status_label,
)
from pedesk.services.reference import length_problem

__all__ = ["NEXT_STATUSES", "change_status"]

S = EnrolmentStatus
NEXT_STATUSES: dict[EnrolmentStatus, tuple[EnrolmentStatus, ...]] = {
    S.APPLIED: (S.DOCUMENTS_COMPLETE, S.WITHDRAWN),
    S.DOCUMENTS_COMPLETE: (S.ENROLLED, S.WITHDRAWN),
    S.ENROLLED: (S.IN_TRAINING, S.WITHDRAWN),
    S.IN_TRAINING: (S.COMPLETED, S.NOT_CERTIFIED, S.EXPELLED, S.TRANSFERRED),
    S.NOT_CERTIFIED: (S.COMPLETED, S.TRANSFERRED),
}
"""Where each status may go next; a status missing here is final."""

_DETAILS: dict[EnrolmentStatus, frozenset[str]] = {
    S.ENROLLED: frozenset({"enrolment_order_no", "enrolment_order_date"}),
    S.EXPELLED: frozenset({"expulsion_order_no", "expulsion_order_date", "commission_decision",
                           "repayment_amount"}),
    S.TRANSFERRED: frozenset({"to_cohort_id"}),
}


@guarded(Action.ENROLMENT)
def change_status(
    session: Session, enrolment_id: int, to: EnrolmentStatus, *, on: date, reason: str = "", **details: Any
) -> EnrolmentResult:
    """Move the enrolment to ``to`` on ``on``, or refuse (``ValidationError``, nothing changed).

    ``details``: for "enrolled" ``enrolment_order_no`` and ``enrolment_order_date`` (п.16; else the
    enrolment's or the cohort's order); for "expelled" ``expulsion_order_no``, ``expulsion_order_date``,
    ``commission_decision`` (п.31) and optionally ``repayment_amount``; for "transferred" ``to_cohort_id``
    (п.30.3; ``reason`` is required), which adds the listener to that cohort with the status "applied" and
    the documents already received, and links the two enrolments (``transferred_to_id``).
    """
    enrolment = enrolment_or_refuse(session, enrolment_id)
    to = EnrolmentStatus(to)
    unknown = set(details) - _DETAILS.get(to, frozenset())
    if unknown:
        raise TypeError(f"change_status to {to.value} takes no detail {', '.join(sorted(unknown))}")
    reason = reason.strip()
    raise_if(_flow_problems(enrolment, to, on))
    with audit_reason(session, reason):  # a withdrawal, an expulsion, a transfer: audited with its reason
        if to == S.TRANSFERRED:
            return _transfer(session, enrolment, on, reason, details.get("to_cohort_id"))
        values = _details(enrolment, to, details)
        raise_if(_rule_problems(session, enrolment, to, on, values))
        for name, value in values.items():
            setattr(enrolment, name, value)
        record_change(session, enrolment, to, on, reason)
    return EnrolmentResult(enrolment)


def _flow_problems(enrolment: Enrolment, to: EnrolmentStatus, on: date) -> list[Problem]:
    allowed = NEXT_STATUSES.get(enrolment.status, ())
    old = status_label(enrolment.status)
    if not allowed:
        return [Problem("status", _('The status "{old}" is final: it does not change any more.').format(old=old))]
    if to not in allowed:
        names = ", ".join(f'"{status_label(item)}"' for item in allowed)
        return [Problem("status", _(
            'The status cannot change from "{old}" to "{new}": from "{old}" it can change only to {allowed}.'
        ).format(old=old, new=status_label(to), allowed=names))]
    last = last_change_date(enrolment)
    if last is not None and on < last:
        return [Problem("on", date_problem_text(on, last))]
    return []


def _details(enrolment: Enrolment, to: EnrolmentStatus, details: dict[str, Any]) -> dict[str, Any]:
    """The order numbers, dates and decisions the change stores: given ones, else those already known."""
    values: dict[str, Any] = {}
    cohort = enrolment.cohort
    for name in sorted(_DETAILS.get(to, frozenset())):
        given = details.get(name)
        if isinstance(given, str):
            given = clean_spaces(given) if name != "commission_decision" else given.strip()
        known = getattr(enrolment, name)
        if to == S.ENROLLED and not known:
            known = getattr(cohort, name)  # п.16: one order enrols the whole cohort
        values[name] = given if given not in (None, "") else known
    if "repayment_amount" in values and values["repayment_amount"] is not None:
        values["repayment_amount"] = Decimal(values["repayment_amount"])
    return values


def _rule_problems(
    session: Session, enrolment: Enrolment, to: EnrolmentStatus, on: date, values: dict[str, Any]
) -> list[Problem]:
    cohort = enrolment.cohort
    if to == S.DOCUMENTS_COMPLETE:
        return _documents_problems(session, enrolment)
    if to == S.ENROLLED:
        return _missing(values, _("{field}: required to enrol a listener, by the order of the provider's head "
                                  "(п.16 of the Rules). Fill it in, here or on the cohort.")) + _too_long(values)
    if to == S.IN_TRAINING and on < cohort.start_date:
        return [Problem("on", _(
            "In training: the course starts on {start}, and a listener is in training from that day. Enter "
            "{start} or a later date.").format(start=format_date(cohort.start_date)))]
    if to in (S.COMPLETED, S.NOT_CERTIFIED) and on < cohort.end_date:
        return [Problem("on", _(
            '"{status}": the course ends on {end}, and the result comes from the final assessment on or after '
            "that day (п.27-28 of the Rules). Enter {end} or a later date.").format(
            status=status_label(to), end=format_date(cohort.end_date)))]
    if to == S.EXPELLED:
        problems = _missing(
            {name: values[name] for name in ("expulsion_order_no", "expulsion_order_date", "commission_decision")},
            _("{field}: required to expel a listener, by the order of the provider's head on the decision of "
              "its commission on applications and complaints (п.31 of the Rules). Fill it in."),
        )
        problems += _too_long(values)
        amount = values.get("repayment_amount")
        if amount is not None and amount < 0:
            problems.append(Problem("repayment_amount", _(
                "Repayment: {amount} is not possible. Enter the costs to repay in tenge, 0 or more.").format(
                amount=amount)))
        return problems
    return []


def _labels() -> dict[str, str]:
    return {
        "enrolment_order_no": _("Number of the enrolment order"),
        "enrolment_order_date": _("Date of the enrolment order"),
        "expulsion_order_no": _("Number of the expulsion order"),
        "expulsion_order_date": _("Date of the expulsion order"),
        "commission_decision": _("Decision of the commission"),
    }


def _too_long(values: dict[str, Any]) -> list[Problem]:
    """An order number longer than its column holds (PostgreSQL would not store it)."""
    labels, lengths = _labels(), column_lengths(Enrolment)
    return [problem for name, value in values.items() if isinstance(value, str) and name in lengths
            for problem in length_problem(name, labels[name], value, lengths[name])]


def _missing(values: dict[str, Any], message: str) -> list[Problem]:
    """A problem for each empty value; ``message`` is translated and has a {field} placeholder."""
    labels = _labels()
    return [
        Problem(name, message.format(field=labels[name]))
        for name, value in values.items()
        if value in (None, "")
    ]


def _documents_problems(session: Session, enrolment: Enrolment) -> list[Problem]:
    """п.8: every required document has arrived; п.7: no "no" answer; Appendix 2 filled in for abroad."""
    problems: list[Problem] = []
    missing = missing_documents(session, enrolment)
    if missing:
        problems.append(Problem("documents", _(
            "Documents: not every document required by п.8 of the Rules has arrived; missing: {documents}. "
            "Record the day each one arrived first.").format(documents="; ".join(item.name for item in missing))))
    for name, label in eligibility_labels().items():
        if getattr(enrolment, name) is False:
            problems.append(Problem(name, _(
                '{requirement}: the answer is "no", and an applicant who does not meet п.7 of the Rules cannot '
                "have complete documents. Withdraw the application, or correct the answer.").format(
                requirement=label)))
    if enrolment.cohort.programme.abroad:
        if not enrolment.abroad_country:
            problems.append(abroad_country_problem())
        if enrolment.abroad_months is None:
            problems.append(abroad_months_problem())
    return problems


def _transfer(
    session: Session, enrolment: Enrolment, on: date, reason: str, to_cohort_id: object
) -> EnrolmentResult:
    """п.30.3: for valid reasons a listener moves to another cohort within the current year."""
    target = session.get(Cohort, to_cohort_id) if isinstance(to_cohort_id, int) else None
    problems = _transfer_problems(enrolment, target, on, reason)
    raise_if(problems)
    assert target is not None
    teacher = enrolment.teacher
    application, check = prepared_enrolment(
        session, target, teacher, on=on, reason=reason, data=_moved_application(enrolment, target),
        leaving=enrolment,
    )
    raise_if([
        replace(problem, field="to_cohort_id") if problem.field in ("cohort_id", "teacher_id") else problem
        for problem in check.problems
    ])
    record_change(session, enrolment, S.TRANSFERRED, on, reason)
    enrolment.transfer_reason = reason
    moved = store_enrolment(session, target, teacher, application, on, check, reason)
    abroad = target.programme.abroad
    for document in enrolment.documents:
        if document.received_on is not None and (abroad or not document.kind.abroad_only):
            moved.documents.append(EnrolmentDocument(kind_id=document.kind_id, received_on=document.received_on,
                                                     note=document.note))
    enrolment.transferred_to_id = moved.id
    session.flush()
    return EnrolmentResult(enrolment, tuple(check.warnings))


def _transfer_problems(enrolment: Enrolment, target: Cohort | None, on: date, reason: str) -> list[Problem]:
    problems: list[Problem] = []
    if not reason:
        problems.append(Problem("reason", _(
            "Reason: a listener moves to another cohort only for a valid reason (п.30 of the Rules). Enter the "
            "reason.")))
    if target is None:
        problems.append(Problem("to_cohort_id", _(
            "Transferred: choose the cohort the listener moves to (п.30 of the Rules).")))
    elif target.id == enrolment.cohort_id:
        problems.append(Problem("to_cohort_id", _(
            "Transferred: the listener is already in the cohort {code}. Choose another cohort.").format(
            code=target.code)))
    elif target.start_date.year != on.year:
        problems.append(Problem("to_cohort_id", _(
            "Transferred: a listener moves to another cohort within the current year (п.30 of the Rules), but "
            "the cohort {code} starts on {start}. Choose a cohort that starts in {year}.").format(
            code=target.code, start=format_date(target.start_date), year=on.year)))
    return problems


def _moved_application(enrolment: Enrolment, target: Cohort) -> ApplicationData:
    """The application carried to the new cohort: its language and Appendix 2 follow the new programme."""
    data = replace(ApplicationData.from_model(enrolment), cohort_id=target.id, group_language=target.language,
                   late_addition_reason="")
    if not target.programme.abroad:
        data = replace(data, abroad_country="", abroad_months=None)
    if not target.programme.language_course:
        data = replace(data, elig_english=None)
    return data
