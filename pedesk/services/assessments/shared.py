"""What the final-assessment services share (қорытынды аттестаттау / итоговая аттестация, п.27-31): the
inputs, which kind of assessment a course ends with, the labels staff read, and the checks of a result
(date, score, the external assessor of a long course) that the grid, the retakes and the import all apply.

Import from ``pedesk.services.assessments``. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, current_language, format_date
from pedesk.models import Assessment, Certificate, Cohort, Enrolment, Provider
from pedesk.models.enums import AssessmentKind, CertificateStatus, CourseKind, RetakeMode
from pedesk.services.common import Problem, clean_spaces, column_lengths
from pedesk.services.reference import length_problem
from pedesk.services.rules import assessment_kind

__all__ = [
    "ASSESSOR_FIELDS",
    "MAX_SCORE_LIMIT",
    "AssessorInput",
    "ResultInput",
    "assessor_problems",
    "attempts_by_enrolment",
    "certificates_by_enrolment",
    "held_on_problems",
    "kind_label",
    "listener_name",
    "mode_label",
    "required_kind",
    "rounded",
    "score_problems",
]

MAX_SCORE_LIMIT = Decimal("9999.99")
"""The largest score the database keeps (Numeric(6, 2))."""
_CENT = Decimal("0.01")

ASSESSOR_FIELDS = (
    "assessor_provider_id", "assessor_contract_no", "assessor_contract_date", "expert_name", "expert_certificate",
)
"""The problem keys of the external assessor's fields (п.27), as the forms name them."""


@dataclass(frozen=True)
class AssessorInput:
    """п.27: the organisation holding the external final assessment of a long course, the contract with it
    and its certified expert (сарапшы / эксперт)."""

    provider_id: int | None = None
    contract_no: str = ""
    contract_date: date | None = None
    expert_name: str = ""
    expert_certificate: str = ""

    def cleaned(self) -> AssessorInput:
        return AssessorInput(self.provider_id, clean_spaces(self.contract_no), self.contract_date,
                             clean_spaces(self.expert_name), clean_spaces(self.expert_certificate))

    @property
    def is_empty(self) -> bool:
        return (self.provider_id is None and self.contract_date is None
                and not (self.contract_no.strip() or self.expert_name.strip() or self.expert_certificate.strip()))

    @classmethod
    def of(cls, assessment: Assessment) -> AssessorInput:
        return cls(assessment.assessor_provider_id, assessment.assessor_contract_no,
                   assessment.assessor_contract_date, assessment.expert_name, assessment.expert_certificate)


@dataclass(frozen=True)
class ResultInput:
    """One listener's result: ``passed`` is required; ``score`` and ``max_score`` may stay empty (a
    pass/fail assessment), but a score needs its maximum. ``held_on`` overrides the batch's date (a date
    column of an imported file); ``row`` is the caller's row number, repeated in the problems."""

    enrolment_id: int
    score: Decimal | None = None
    max_score: Decimal | None = None
    passed: bool | None = None
    held_on: date | None = None
    note: str = ""
    row: int | None = None


def required_kind(kind: CourseKind) -> AssessmentKind:
    """п.27-28 (see :func:`pedesk.services.rules.paragraphs.assessment_kind`)."""
    return assessment_kind(kind)


def kind_label(kind: AssessmentKind) -> str:
    if AssessmentKind(kind) == AssessmentKind.EXTERNAL:
        return _("external, by another organisation (п.27)")
    return _("internal, by the provider (п.28)")


def mode_label(mode: RetakeMode) -> str:
    """The way an attempt came about, as staff call it (п.30)."""
    return {
        RetakeMode.FIRST: _("final assessment"),
        RetakeMode.REASSESSMENT: _("re-assessment (п.30.1)"),
        RetakeMode.NEXT_COHORT: _("with the next cohort (п.30.2)"),
        RetakeMode.TRANSFER: _("transfer to another cohort (п.30.3)"),
        RetakeMode.FINISH_UNFINISHED: _("finishing an unfinished course (п.30.4)"),
    }[RetakeMode(mode)]


# --- Loading ---------------------------------------------------------------------------------------------


def attempts_by_enrolment(session: Session, enrolment_ids: Iterable[int]) -> dict[int, list[Assessment]]:
    """Every attempt of each enrolment, in attempt order."""
    ids = sorted(set(enrolment_ids))
    found: dict[int, list[Assessment]] = {enrolment_id: [] for enrolment_id in ids}
    for start in range(0, len(ids), 500):  # SQLite limits the number of bound parameters
        query = (select(Assessment).where(Assessment.enrolment_id.in_(ids[start:start + 500]))
                 .order_by(Assessment.enrolment_id, Assessment.attempt))
        for attempt in session.scalars(query):
            found[attempt.enrolment_id].append(attempt)
    return found


def certificates_by_enrolment(session: Session, enrolment_ids: Iterable[int]) -> dict[int, Certificate]:
    """A certificate of each enrolment that has one not annulled (the issued one rather than one it
    superseded)."""
    ids = sorted(set(enrolment_ids))
    found: dict[int, Certificate] = {}
    for start in range(0, len(ids), 500):
        query = select(Certificate).where(Certificate.enrolment_id.in_(ids[start:start + 500]),
                                          Certificate.status != CertificateStatus.ANNULLED)
        for certificate in session.scalars(query):
            key = certificate.enrolment_id
            if key is not None and (key not in found or certificate.status == CertificateStatus.ISSUED):
                found[key] = certificate
    return found


# --- Checks ----------------------------------------------------------------------------------------------


def held_on_problems(held_on: date | None, cohort: Cohort, today: date, *, field: str = "held_on",
                     who: str = "", row: int | None = None) -> list[Problem]:
    """п.27-28: the final assessment is held at the end of the course, on or after its last day, and a
    result is entered once it was held (not for a day still to come). ``who`` names the listener."""
    if held_on is None:
        message = _("Date of the assessment: enter the day the final assessment was held.")
    elif held_on < cohort.end_date:
        message = _(
            "Date of the assessment: {date} is before the cohort {code} ends on {end}; the final assessment is "
            "held at the end of the course (п.27-28 of the Rules). Enter {end} or a later date.").format(
            date=format_date(held_on), code=cohort.code, end=format_date(cohort.end_date))
    elif held_on > today:
        message = _(
            "Date of the assessment: {date} is still to come. Enter the result once the assessment was held: "
            "the date can be today, {today}, at the latest.").format(date=format_date(held_on), today=format_date(today))
    else:
        return []
    if who:
        message = _("{name}: {problem}").format(name=who, problem=message)
    return [Problem(field, message, row)]


def _amount(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)


def score_problems(who: str, score: Decimal | None, max_score: Decimal | None, passed: bool | None,
                   row: int | None = None) -> list[Problem]:
    """The score is from 0 to the maximum, the maximum more than 0, and passed-or-not is said."""
    problems: list[Problem] = []
    if passed is None:
        problems.append(Problem("passed", _(
            "{name}: the result is missing. Say whether the listener passed the final assessment or not.").format(
            name=who), row))
    if max_score is not None and not Decimal(0) < max_score <= MAX_SCORE_LIMIT:
        problems.append(Problem("max_score", _(
            "{name}: the maximum score {maximum} is not possible. Enter a maximum more than 0 and at most "
            "{limit}.").format(name=who, maximum=_amount(max_score), limit=_amount(MAX_SCORE_LIMIT)), row))
    if score is None:
        return problems
    if max_score is None:
        problems.append(Problem("max_score", _(
            "{name}: the score {score} needs its maximum. Enter the maximum score as well.").format(
            name=who, score=_amount(score)), row))
    elif score < 0 or score > max_score:
        problems.append(Problem("score", _(
            "{name}: the score {score} is not between 0 and the maximum {maximum}. Enter a score from 0 to "
            "{maximum}, or correct the maximum.").format(
            name=who, score=_amount(score), maximum=_amount(max_score)), row))
    return problems


def rounded(value: Decimal | None) -> Decimal | None:
    """Scores are kept to two decimal places."""
    return None if value is None else value.quantize(_CENT, rounding=ROUND_HALF_UP)


def assessor_problems(session: Session, kind: AssessmentKind, assessor: AssessorInput | None, held_on: date | None,
                      cohorts: Sequence[Cohort]) -> list[Problem]:
    """п.27-28: a long course's assessor (another organisation, the contract, the certified expert) is
    required; a short course has none. ``cohorts`` are the cohorts whose provider cannot assess (the
    listener's own and, for п.30.2, the one the attempt is held with)."""
    if kind == AssessmentKind.INTERNAL:
        if assessor is None or assessor.is_empty:
            return []
        return [Problem("assessor_provider_id", _(
            "Assessing organisation: a short course ends with an internal final assessment by the provider "
            "itself (п.28 of the Rules), so no other organisation, contract or expert is recorded. Clear these "
            "fields."))]
    details = (assessor or AssessorInput()).cleaned()
    problems = _organisation_problems(session, details.provider_id, cohorts)
    if not details.contract_no:
        problems.append(Problem("assessor_contract_no", _(
            "Contract number: the external final assessment is held under a contract with the assessing "
            "organisation (п.27 of the Rules). Enter the contract's number.")))
    if details.contract_date is None:
        problems.append(Problem("assessor_contract_date", _(
            "Contract date: enter the date of the contract with the assessing organisation (п.27 of the Rules).")))
    elif held_on is not None and details.contract_date > held_on:
        problems.append(Problem("assessor_contract_date", _(
            "Contract date: the contract of {contract} is dated after the assessment of {date}, but the "
            "assessment is held under the contract (п.27 of the Rules). Check both dates.").format(
            contract=format_date(details.contract_date), date=format_date(held_on))))
    if not details.expert_name:
        problems.append(Problem("expert_name", _(
            "Expert: the external final assessment is done by a certified expert (п.27 of the Rules). Enter the "
            "expert's full name.")))
    if not details.expert_certificate:
        problems.append(Problem("expert_certificate", _(
            "Expert's certificate: the expert must be certified (п.27 of the Rules). Enter the number of the "
            "expert's certificate.")))
    lengths = column_lengths(Assessment)  # a longer text is refused: PostgreSQL would not store it
    for field, label, value in (("assessor_contract_no", _("Contract number"), details.contract_no),
                                ("expert_name", _("Expert"), details.expert_name),
                                ("expert_certificate", _("Expert's certificate"), details.expert_certificate)):
        problems += length_problem(field, label, value, lengths[field])
    return problems


def _organisation_problems(session: Session, provider_id: int | None, cohorts: Sequence[Cohort]) -> list[Problem]:
    field = "assessor_provider_id"
    provider = session.get(Provider, provider_id) if provider_id is not None else None
    if provider is None:
        return [Problem(field, _(
            "Assessing organisation: a long course ends with an external final assessment by another "
            "organisation under a contract (п.27 of the Rules). Choose the organisation."))]
    own = next((cohort for cohort in cohorts if cohort.provider_id == provider.id), None)
    name = provider.name(current_language()) or provider.name_kk
    if own is not None:
        return [Problem(field, _(
            "Assessing organisation: {name} runs the cohort {code} itself, but the final assessment of a long "
            "course is external, by another organisation (п.27 of the Rules). Choose another organisation.").format(
            name=name, code=own.code))]
    if not provider.can_assess_externally:
        return [Problem(field, _(
            "Assessing organisation: {name} is not marked as holding external final assessments (п.27 of the "
            "Rules). Choose another organisation, or mark this one under Reference data, Providers.").format(
            name=name))]
    return []


def listener_name(enrolment: Enrolment) -> str:
    return enrolment.teacher.full_name
