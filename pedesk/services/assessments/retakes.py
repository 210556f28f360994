"""The ways to a certificate after a failed final assessment (п.30), each enforced and each refusal saying
which rule and when it becomes possible:

1. re-assessment (қайта аттестаттау / повторная аттестация), not more than once a year (п.30.1);
2. re-assessment together with the next cohort of the same programme (п.30.2);
3. for valid reasons, a transfer to another cohort within the current year (п.30.3) — a change of status,
   :func:`pedesk.services.enrolment.change_status` to "transferred"; offered here, not duplicated;
4. for valid reasons, finishing an unfinished course on presenting supporting documents (п.30.4).

DECISION (п.30.1): the 12-month interval of ``rules.reassessment_refusal`` counts both п.30.1 and п.30.2
attempts as re-assessments, and applies when the new attempt is a п.30.1 re-assessment. п.30.2 waits for
the next cohort instead, and п.30.4 for the supporting documents.
DECISION (п.30.4): a listener who did not finish the course may still be "in training" after the cohort
ended, without any result; finishing the course then records the listener's first attempt.

Import from ``pedesk.services.assessments``. No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import Assessment, Cohort, Enrolment
from pedesk.models.enums import AssessmentKind, EnrolmentStatus, RetakeMode
from pedesk.services.access import Action, guarded
from pedesk.services.assessments.results import fill_assessment, result_reason
from pedesk.services.assessments.shared import (
    AssessorInput,
    ResultInput,
    assessor_problems,
    attempts_by_enrolment,
    held_on_problems,
    listener_name,
    mode_label,
    required_kind,
    score_problems,
)
from pedesk.services.common import Problem, raise_if
from pedesk.services.enrolment import change_status, enrolment_or_refuse, last_change_date, status_label
from pedesk.services.rules import REASSESSMENT_MODES, reassessment_refusal

__all__ = ["RETAKE_MODES", "CohortRef", "RetakeInput", "RetakeOption", "record_retake", "retake_options"]

S = EnrolmentStatus
M = RetakeMode
RETAKE_MODES = (M.REASSESSMENT, M.NEXT_COHORT, M.TRANSFER, M.FINISH_UNFINISHED)
"""The four ways of п.30, in the order of the Rules."""
_COUNTED = REASSESSMENT_MODES  # the DECISION above (rules.REASSESSMENT_MODES)


@dataclass(frozen=True)
class RetakeInput:
    """A retake's result: the way (``mode``), the day, the result, the assessor of a long course (п.27),
    the cohort it was held with (п.30.2) and the supporting documents (п.30.4)."""

    mode: RetakeMode
    held_on: date | None
    passed: bool | None
    score: Decimal | None = None
    max_score: Decimal | None = None
    assessor: AssessorInput | None = None
    with_cohort_id: int | None = None
    supporting_documents: str = ""
    note: str = ""


@dataclass(frozen=True)
class CohortRef:
    id: int
    code: str
    start: date
    end: date


@dataclass(frozen=True)
class RetakeOption:
    """Whether a way of п.30 is open on a day; else ``reason`` says why and ``possible_from`` from when
    (None when no date will open it). ``cohorts``: the cohorts to choose from (п.30.2, п.30.3)."""

    mode: RetakeMode
    allowed: bool
    reason: str = ""
    possible_from: date | None = None
    cohorts: tuple[CohortRef, ...] = ()

    @property
    def label(self) -> str:
        return mode_label(self.mode)


def _ref(cohort: Cohort) -> CohortRef:
    return CohortRef(cohort.id, cohort.code, cohort.start_date, cohort.end_date)


def _status_refusal(enrolment: Enrolment, attempts: Sequence[Assessment], mode: RetakeMode) -> str | None:
    status = EnrolmentStatus(enrolment.status)
    if status == S.NOT_CERTIFIED:
        return None
    if status == S.COMPLETED:
        passed = next((item for item in reversed(attempts) if item.passed), None)
        when = format_date(passed.held_on) if passed else format_date(enrolment.cohort.end_date)
        return _('The listener passed the final assessment ({date}) and has the status "{status}": the ways of '
                 "п.30 of the Rules are for a listener who did not get a certificate.").format(
            date=when, status=status_label(status))
    if status == S.IN_TRAINING and mode == M.TRANSFER:
        return None
    if status == S.IN_TRAINING and mode == M.FINISH_UNFINISHED and not attempts:
        return None
    if status == S.IN_TRAINING:
        return _("No result of the final assessment is recorded yet. Enter the first result in the grid; a "
                 "re-assessment follows a failed final assessment (п.30 of the Rules).")
    return _('Status "{status}": the ways of п.30 of the Rules are for a listener who took the course and did not '
             "get a certificate.").format(status=status_label(status))


def _later_cohorts(session: Session, cohort: Cohort) -> list[Cohort]:
    """п.30.2: the cohorts of the same programme that start after the listener's cohort ended."""
    query = (select(Cohort).where(Cohort.programme_id == cohort.programme_id, Cohort.start_date > cohort.end_date)
             .order_by(Cohort.start_date, Cohort.code))
    return list(session.scalars(query))


def _suggestion(later: Sequence[Cohort]) -> str:
    if not later:
        return _("No later cohort of this programme is planned yet: plan one under Schedule, or choose another way.")
    first = later[0]
    return _("The cohort {code} ({start} – {end}) would do.").format(
        code=first.code, start=format_date(first.start_date), end=format_date(first.end_date))


def _mode_option(session: Session, enrolment: Enrolment, attempts: Sequence[Assessment], mode: RetakeMode,
                 on: date) -> RetakeOption:
    cohort = enrolment.cohort
    if mode == M.REASSESSMENT:
        refused = reassessment_refusal([a.held_on for a in attempts if a.mode in _COUNTED], on)
        return RetakeOption(mode, False, *refused) if refused else RetakeOption(mode, True)
    if mode == M.NEXT_COHORT:
        later = _later_cohorts(session, cohort)
        ended = tuple(_ref(item) for item in later if item.end_date <= on)
        if ended:
            return RetakeOption(mode, True, cohorts=ended)
        if not later:
            return RetakeOption(mode, False, _suggestion(later))
        first = min(later, key=lambda item: item.end_date)
        return RetakeOption(mode, False, _(
            "The next cohort of this programme, {code}, ends on {end}: the listener is re-assessed with it at its "
            "final assessment (п.30.2 of the Rules), so its result can be entered from {end}.").format(
            code=first.code, end=format_date(first.end_date)), first.end_date)
    if mode == M.TRANSFER:
        query = (select(Cohort).where(Cohort.id != cohort.id, Cohort.start_date >= date(on.year, 1, 1),
                                      Cohort.start_date <= date(on.year, 12, 31), Cohort.end_date >= on)
                 .order_by(Cohort.start_date))
        targets = tuple(_ref(item) for item in session.scalars(query))
        if targets:
            return RetakeOption(mode, True, cohorts=targets)
        return RetakeOption(mode, False, _(
            "No other cohort of {year} is still to run, and a transfer is to a cohort within the current year "
            "(п.30.3 of the Rules). Plan one under Schedule.").format(year=on.year))
    if enrolment.status == S.IN_TRAINING and on < cohort.end_date:
        return RetakeOption(mode, False, _(
            "The course ends on {end}; an unfinished course is finished after that (п.30.4 of the Rules).").format(
            end=format_date(cohort.end_date)), cohort.end_date)
    return RetakeOption(mode, True)


def retake_options(session: Session, enrolment_id: int, on: date) -> list[RetakeOption]:
    """The four ways of п.30 for this listener on ``on``: open or not, why, and from when."""
    enrolment = enrolment_or_refuse(session, enrolment_id)
    attempts = attempts_by_enrolment(session, [enrolment.id])[enrolment.id]
    options = []
    for mode in RETAKE_MODES:
        refusal = _status_refusal(enrolment, attempts, mode)
        options.append(RetakeOption(mode, False, refusal) if refusal else
                       _mode_option(session, enrolment, attempts, mode, on))
    return options


# --- Recording a retake ----------------------------------------------------------------------------------


@guarded(Action.ASSESSMENTS)
def record_retake(session: Session, enrolment_id: int, retake: RetakeInput, *, today: date) -> Assessment:
    """Record a retake's result (п.30.1, 30.2 or 30.4), or refuse (``ValidationError``, nothing changed).

    Attempts are numbered on from the listener's last one. A passed retake moves "not certified" to
    "completed"; a failed one leaves "not certified". A listener "in training" finishing an unfinished
    course (п.30.4) moves to "completed" or "not certified" as with a first result. For a transfer
    (п.30.3) use ``change_status(..., EnrolmentStatus.TRANSFERRED, to_cohort_id=..., reason=...)``.
    """
    enrolment = enrolment_or_refuse(session, enrolment_id)
    attempts = attempts_by_enrolment(session, [enrolment.id])[enrolment.id]
    mode = RetakeMode(retake.mode)
    raise_if(_mode_problems(enrolment, attempts, mode))
    with_cohort = session.get(Cohort, retake.with_cohort_id) if retake.with_cohort_id is not None else None
    problems = _way_problems(session, enrolment, attempts, retake, with_cohort)
    problems += _date_problems(enrolment, attempts, retake, today)
    problems += score_problems(listener_name(enrolment), retake.score, retake.max_score, retake.passed)
    kind = required_kind(enrolment.cohort.programme.kind)
    cohorts = [enrolment.cohort] + ([with_cohort] if with_cohort is not None and mode == M.NEXT_COHORT else [])
    problems += assessor_problems(session, kind, retake.assessor, retake.held_on, cohorts)
    raise_if(problems)
    return _store(session, enrolment, attempts, kind, retake, with_cohort if mode == M.NEXT_COHORT else None)


def _mode_problems(enrolment: Enrolment, attempts: Sequence[Assessment], mode: RetakeMode) -> list[Problem]:
    if mode == M.FIRST:
        return [Problem("mode", _("Way: the first result of the final assessment is entered in the cohort's grid, "
                                  "not as a retake. Choose one of the ways of п.30."))]
    if mode == M.TRANSFER:
        return [Problem("mode", _(
            'Way: a transfer to another cohort (п.30.3 of the Rules) is a change of the status to "{status}", '
            "with the cohort and the reason; it records no result.").format(status=status_label(S.TRANSFERRED)))]
    refusal = _status_refusal(enrolment, attempts, mode)
    if refusal:
        return [Problem("mode", _("{name}: {problem}").format(name=listener_name(enrolment), problem=refusal))]
    return []


def _way_problems(session: Session, enrolment: Enrolment, attempts: Sequence[Assessment], retake: RetakeInput,
                  with_cohort: Cohort | None) -> list[Problem]:
    mode = RetakeMode(retake.mode)
    if mode == M.REASSESSMENT and retake.held_on is not None:
        refused = reassessment_refusal([a.held_on for a in attempts if a.mode in _COUNTED], retake.held_on)
        return [Problem("held_on", refused[0])] if refused else []
    if mode == M.FINISH_UNFINISHED and not retake.supporting_documents.strip():
        return [Problem("supporting_documents", _(
            "Supporting documents: an unfinished course is finished for valid reasons on presenting supporting "
            "documents (п.30.4 of the Rules). Write which documents were presented, with their numbers and "
            "dates."))]
    if mode == M.NEXT_COHORT:
        return _next_cohort_problems(session, enrolment.cohort, with_cohort, retake.held_on)
    return []


def _next_cohort_problems(session: Session, own: Cohort, chosen: Cohort | None, held_on: date | None) -> list[Problem]:
    """п.30.2: the next cohort of the same programme, which starts after the listener's own ended."""
    field = "with_cohort_id"
    later = _later_cohorts(session, own)
    if chosen is None:
        return [Problem(field, _(
            "Cohort: choose the next cohort of the programme, with which the listener is re-assessed (п.30.2 of the "
            "Rules). {suggestion}").format(suggestion=_suggestion(later)))]
    if chosen.programme_id != own.programme_id:
        return [Problem(field, _(
            "Cohort: {code} is a cohort of another programme, but the listener is re-assessed with the next cohort "
            "of the same programme (п.30.2 of the Rules). {suggestion}").format(
            code=chosen.code, suggestion=_suggestion(later)))]
    if chosen.start_date <= own.end_date:
        return [Problem(field, _(
            "Cohort: {code} starts on {start}, before the listener's cohort {own} ended on {end}, but п.30.2 of the "
            "Rules means a later cohort. {suggestion}").format(
            code=chosen.code, start=format_date(chosen.start_date), own=own.code,
            end=format_date(own.end_date), suggestion=_suggestion(later)))]
    if held_on is not None and held_on < chosen.end_date:
        return [Problem("held_on", _(
            "Date of the assessment: the cohort {code} ends on {end}, and the listener is re-assessed with it at its "
            "final assessment (п.30.2 of the Rules). Enter {end} or a later date.").format(
            code=chosen.code, end=format_date(chosen.end_date)))]
    return []


def _date_problems(enrolment: Enrolment, attempts: Sequence[Assessment], retake: RetakeInput,
                   today: date) -> list[Problem]:
    problems = held_on_problems(retake.held_on, enrolment.cohort, today)
    held_on = retake.held_on
    if problems or held_on is None:
        return problems
    if attempts and held_on <= attempts[-1].held_on:
        return [Problem("held_on", _(
            "Date of the assessment: the previous attempt was on {previous}; a retake comes after it. Enter a later "
            "date.").format(previous=format_date(attempts[-1].held_on)))]
    last = last_change_date(enrolment)
    if last is not None and held_on < last:
        return [Problem("held_on", _(
            "Date of the assessment: the status last changed on {last}, after {date}. Enter {last} or a later "
            "date.").format(last=format_date(last), date=format_date(held_on)))]
    return []


def _store(session: Session, enrolment: Enrolment, attempts: Sequence[Assessment], kind: AssessmentKind,
           retake: RetakeInput, with_cohort: Cohort | None) -> Assessment:
    assert retake.held_on is not None
    assessment = Assessment(enrolment_id=enrolment.id, attempt=(attempts[-1].attempt if attempts else 0) + 1,
                            kind=kind, mode=RetakeMode(retake.mode),
                            with_cohort_id=with_cohort.id if with_cohort is not None else None,
                            supporting_documents=retake.supporting_documents.strip())
    session.add(assessment)
    details = (retake.assessor or AssessorInput()).cleaned() if kind == AssessmentKind.EXTERNAL else AssessorInput()
    item = ResultInput(enrolment.id, retake.score, retake.max_score, retake.passed, note=retake.note)
    fill_assessment(assessment, details, retake.held_on, item)
    passed = bool(retake.passed)
    target = S.COMPLETED if passed else S.NOT_CERTIFIED
    if enrolment.status != target:
        reason = _("{way}: {result}").format(way=mode_label(retake.mode),
                                            result=result_reason(passed, retake.held_on))
        change_status(session, enrolment.id, target, on=retake.held_on, reason=reason)
    session.flush()
    return assessment
