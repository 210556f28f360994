"""Results of the final assessment (қорытынды аттестаттау / итоговая аттестация, п.27-28) entered for a whole
cohort at once, and the correction of a first result before a certificate is issued.

Import from ``pedesk.services.assessments``. No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import Assessment, Certificate, Cohort, Enrolment
from pedesk.models.enums import AssessmentKind, EnrolmentStatus, RetakeMode
from pedesk.services.access import Action, guarded
from pedesk.services.assessments.shared import (
    AssessorInput,
    ResultInput,
    assessor_problems,
    attempts_by_enrolment,
    certificates_by_enrolment,
    held_on_problems,
    listener_name,
    required_kind,
    rounded,
    score_problems,
)
from pedesk.services.common import Problem, raise_if
from pedesk.services.enrolment import (
    change_status,
    cohort_or_refuse,
    last_change_date,
    record_change,
    status_label,
)

__all__ = ["entry_refusal", "record_results", "result_reason"]

S = EnrolmentStatus


def entry_refusal(enrolment: Enrolment, attempts: Sequence[Assessment], certificate: Certificate | None) -> str | None:
    """Why the first result of this listener cannot be entered or corrected now; None when it can.

    A listener in training takes the final assessment; its first result may be corrected while the
    listener has no certificate and no retake was recorded after it.
    """
    status = EnrolmentStatus(enrolment.status)
    if status == S.ENROLLED:
        return _('Status "{status}": the listener is not marked as in training yet. Change the status to "{next}" '
                 "under Listeners first, then enter the result.").format(
            status=status_label(status), next=status_label(S.IN_TRAINING))
    if status not in (S.IN_TRAINING, S.COMPLETED, S.NOT_CERTIFIED):
        return _('Status "{status}": this listener did not finish the course in this cohort, so no result of its '
                 "final assessment is entered.").format(status=status_label(status))
    if status != S.IN_TRAINING and not attempts:
        return _('Status "{status}" was set without a final assessment recorded here (for example, a course '
                 "abroad), so no result is entered.").format(status=status_label(status))
    if len(attempts) > 1:
        last = attempts[-1]
        return _("A retake was recorded after the first result (attempt {attempt} on {date}), so the first result "
                 "can no longer be corrected.").format(attempt=last.attempt, date=format_date(last.held_on))
    if certificate is not None:
        return _("The certificate {number} was issued on this result, so the result cannot be changed. Annul the "
                 "certificate first (under Certificates), then correct the result.").format(
            number=certificate.number)
    return None


def result_reason(passed: bool, held_on: date, corrected: bool = False) -> str:
    """The reason recorded with the status change a result makes."""
    result = _("passed") if passed else _("not passed")
    if corrected:
        return _("The result of the final assessment of {date} was corrected: {result}.").format(
            date=format_date(held_on), result=result)
    return _("Final assessment of {date}: {result}.").format(date=format_date(held_on), result=result)


@guarded(Action.ASSESSMENTS)
def record_results(
    session: Session,
    cohort_id: int,
    results: Sequence[ResultInput],
    *,
    held_on: date,
    assessor: AssessorInput | None,
    today: date,
) -> list[Assessment]:
    """Record the first result of the final assessment (п.27-28) of each listener given, or refuse
    (``ValidationError`` with every problem; nothing changed).

    Each result is attempt 1 (mode "first") and moves the listener from "in training" to "completed"
    (passed) or "not certified" (failed) through ``change_status``, on the day of the assessment
    (``held_on``, or the result's own ``held_on``). A listener who has a first result already has it
    corrected, while no certificate was issued and no retake recorded after it; the status then follows
    the corrected result, dated ``today``, with the reason recorded. A long course needs ``assessor``
    (п.27); a short course takes none (an empty ``AssessorInput`` counts as none).
    """
    cohort = cohort_or_refuse(session, cohort_id)
    kind = required_kind(cohort.programme.kind)
    ids = [item.enrolment_id for item in results]
    enrolments = {e.id: e for e in session.scalars(select(Enrolment).where(Enrolment.id.in_(ids)))} if ids else {}
    attempts = attempts_by_enrolment(session, ids)
    certificates = certificates_by_enrolment(session, ids)
    problems = _batch_problems(session, cohort, kind, results, held_on, assessor, today)
    seen: set[int] = set()
    for item in results:
        enrolment = enrolments.get(item.enrolment_id)
        problems += _row_problems(cohort, item, enrolment, attempts.get(item.enrolment_id, []),
                                  certificates.get(item.enrolment_id), item.held_on or held_on, today, seen)
    raise_if(problems)
    external = kind == AssessmentKind.EXTERNAL and assessor is not None
    details = assessor.cleaned() if external and assessor is not None else AssessorInput()
    return [
        _store(session, enrolments[item.enrolment_id], kind, details, item, item.held_on or held_on,
               attempts[item.enrolment_id], today)
        for item in results
    ]


def _batch_problems(session: Session, cohort: Cohort, kind: AssessmentKind, results: Sequence[ResultInput],
                    held_on: date, assessor: AssessorInput | None, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if not results:
        problems.append(Problem("results", _(
            "Results: nothing to save. Enter the result of at least one listener.")))
    problems += held_on_problems(held_on, cohort, today)
    earliest = min([held_on, *(item.held_on for item in results if item.held_on is not None)])
    return problems + assessor_problems(session, kind, assessor, earliest, [cohort])


def _row_problems(cohort: Cohort, item: ResultInput, enrolment: Enrolment | None, attempts: Sequence[Assessment],
                  certificate: Certificate | None, held_on: date, today: date, seen: set[int]) -> list[Problem]:
    if enrolment is None or enrolment.cohort_id != cohort.id:
        return [Problem("enrolment_id", _(
            "A listener given is not in the cohort {code} (the list may have changed meanwhile). Open the cohort "
            "again and enter the result anew.").format(code=cohort.code), item.row)]
    who = listener_name(enrolment)
    if enrolment.id in seen:
        return [Problem("enrolment_id", _("{name} is given twice; enter one result per listener.").format(
            name=who), item.row)]
    seen.add(enrolment.id)
    refusal = entry_refusal(enrolment, attempts, certificate)
    if refusal is not None:
        return [Problem("enrolment_id", _("{name}: {problem}").format(name=who, problem=refusal), item.row)]
    problems = score_problems(who, item.score, item.max_score, item.passed, item.row)
    if item.held_on is not None:
        problems += held_on_problems(item.held_on, cohort, today, who=who, row=item.row)
    last = last_change_date(enrolment)
    if not attempts and last is not None and held_on < last:
        problems.append(Problem("held_on", _(
            "{name}: the status last changed on {last}, after the assessment date {date}. Check the date of the "
            "assessment; it can be {last} at the earliest.").format(
            name=who, last=format_date(last), date=format_date(held_on)), item.row))
    return problems


def _store(session: Session, enrolment: Enrolment, kind: AssessmentKind, assessor: AssessorInput,
           item: ResultInput, held_on: date, attempts: list[Assessment], today: date) -> Assessment:
    passed = bool(item.passed)
    corrected = bool(attempts)
    if corrected:
        assessment = attempts[0]
    else:
        assessment = Assessment(enrolment_id=enrolment.id, attempt=1, mode=RetakeMode.FIRST)
        session.add(assessment)
    assessment.kind = kind
    fill_assessment(assessment, assessor, held_on, item)
    target = S.COMPLETED if passed else S.NOT_CERTIFIED
    if enrolment.status != target:
        on = today if corrected else held_on
        reason = result_reason(passed, held_on, corrected)
        if enrolment.status == S.COMPLETED:
            # "completed" is final for change_status; a correction before a certificate is the one way back.
            record_change(session, enrolment, target, on, reason)
        else:
            change_status(session, enrolment.id, target, on=on, reason=reason)
    session.flush()
    return assessment


def fill_assessment(assessment: Assessment, assessor: AssessorInput, held_on: date, item: ResultInput) -> None:
    """Write the result and the assessor's details onto an attempt."""
    assessment.assessor_provider_id = assessor.provider_id
    assessment.assessor_contract_no = assessor.contract_no
    assessment.assessor_contract_date = assessor.contract_date
    assessment.expert_name = assessor.expert_name
    assessment.expert_certificate = assessor.expert_certificate
    assessment.held_on = held_on
    assessment.score = rounded(item.score)
    assessment.max_score = rounded(item.max_score)
    assessment.passed = bool(item.passed)
    assessment.note = item.note.strip()
