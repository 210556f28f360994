"""The application form (өтініш / заявление, Appendix 1-2) and its checks: the fields of the form, and the
rules for adding a teacher to a cohort (places, one application per cohort, the п.12 list, 180 hours).

Import from ``pedesk.services.enrolment``. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import Cohort, Enrolment, Programme, Teacher
from pedesk.models.enums import ACTIVE_ENROLMENT_STATUSES, EnrolmentStatus, Language, ReferralBy
from pedesk.services.common import Problem, clean_spaces
from pedesk.services.enrolment.shared import hold_places, status_label, taken_places
from pedesk.services.reference import length_problem, missing_reference
from pedesk.services.rules import (
    ABROAD_LONG_MAX_MONTHS,
    MAX_HOURS_IN_WINDOW,
    late_addition_needs_reason,
    list_formation_date,
    would_exceed_hours,
)
from pedesk.services.teachers import teacher_hours

__all__ = [
    "ApplicationData",
    "EnrolmentCheck",
    "abroad_country_problem",
    "abroad_months_problem",
    "application_problems",
    "check_enrolment",
    "eligibility_labels",
    "is_late",
    "language_name",
    "list_formed_on",
]

_ORDER_FIELDS = (("referral_order_no", "referral_order_date"), ("admin_letter_no", "admin_letter_date"),
                 ("contract_no", "contract_date"))
_ELIGIBILITY = ("elig_education", "elig_employment", "elig_legislation", "elig_english")


@dataclass(frozen=True)
class ApplicationData:
    """The application and what the office records about it: п.7 eligibility answers (None = not asked),
    the п.14 referral order, the п.16 administration's letter, the п.23-24 contract, Appendix 2's country
    and length for a course abroad, and the п.12 reason for a late addition."""

    cohort_id: int
    teacher_id: int
    applied_on: date
    group_language: Language | str | None
    abroad_country: str = ""
    abroad_months: int | None = None
    elig_education: bool | None = None
    elig_employment: bool | None = None
    elig_legislation: bool | None = None
    elig_english: bool | None = None
    referral_by: ReferralBy | str | None = None
    referral_order_no: str = ""
    referral_order_date: date | None = None
    admin_letter_no: str = ""
    admin_letter_date: date | None = None
    contract_no: str = ""
    contract_date: date | None = None
    contract_amount: Decimal | None = None
    late_addition_reason: str = ""
    note: str = ""

    @classmethod
    def from_model(cls, enrolment: Enrolment) -> ApplicationData:
        return cls(**{item.name: getattr(enrolment, item.name) for item in fields(cls)})

    def cleaned(self) -> ApplicationData:
        return replace(
            self, abroad_country=clean_spaces(self.abroad_country),
            referral_order_no=clean_spaces(self.referral_order_no), admin_letter_no=clean_spaces(self.admin_letter_no),
            contract_no=clean_spaces(self.contract_no), late_addition_reason=self.late_addition_reason.strip(),
            note=self.note.strip(),
        )


@dataclass
class EnrolmentCheck:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reopen: Enrolment | None = None


def language_name(language: Language | str) -> str:
    return {"kk": _("Kazakh"), "ru": _("Russian"), "en": _("English")}.get(str(language), str(language))


def _labels() -> dict[str, str]:
    return {
        "group_language": _("Language of the group"),
        "referral_by": _("Sent by"),
        "referral_order_no": _("Referral order (п.14)"),
        "admin_letter_no": _("Letter of the education administration (п.16)"),
        "contract_no": _("Contract (п.23)"),
        "abroad_country": _("Country of study"),
    }


def application_problems(data: ApplicationData, cohort: Cohort, *, strict: bool) -> list[Problem]:
    """The form's own problems. ``strict`` (the application form) requires Appendix 2's country and
    length for a course abroad; a list import (not strict) may add them later."""
    labels = _labels()
    problems = _language_problems(data, cohort, labels)
    problems += _abroad_problems(data, cohort.programme, strict=strict)
    if data.elig_english is not None and not cohort.programme.language_course:
        problems.append(Problem("elig_english", _(
            "Basic English: the answer is asked only for language-competence courses (п.7 of the Rules), and "
            "this programme is not one. Clear the answer.")))
    if data.referral_by is not None and data.referral_by not in {item.value for item in ReferralBy}:
        problems.append(missing_reference("referral_by", labels["referral_by"]))
    for number, day in _ORDER_FIELDS:
        if getattr(data, number) and getattr(data, day) is None:
            problems.append(Problem(day, _("{document}: the number is given without a date. Enter the date "
                                           "as well.").format(document=labels[number])))
        elif not getattr(data, number) and getattr(data, day) is not None:
            problems.append(Problem(number, _("{document}: the date is given without a number. Enter the "
                                              "number as well.").format(document=labels[number])))
        problems += length_problem(number, labels[number], getattr(data, number), 60)
    problems += length_problem("abroad_country", labels["abroad_country"], data.abroad_country, 100)
    if data.contract_amount is not None and data.contract_amount < 0:
        problems.append(Problem("contract_amount", _(
            "Contract amount: {amount} is not possible. Enter the amount in tenge, 0 or more.").format(
            amount=data.contract_amount)))
    return problems


def _language_problems(data: ApplicationData, cohort: Cohort, labels: dict[str, str]) -> list[Problem]:
    language = data.group_language
    if language is None:
        return []
    if language not in {item.value for item in Language}:
        return [missing_reference("group_language", labels["group_language"])]
    if language != cohort.language:
        return [Problem("group_language", _(
            "Language of the group: the cohort {code} is taught in {language}, but the application asks for a "
            "group taught in {asked} (Appendix 1). Choose a cohort taught in {asked}, or correct the "
            "application.").format(code=cohort.code, language=language_name(cohort.language),
                                   asked=language_name(language)))]
    return []


def _abroad_problems(data: ApplicationData, programme: Programme, *, strict: bool) -> list[Problem]:
    if not programme.abroad:
        if data.abroad_country or data.abroad_months is not None:
            field_name = "abroad_country" if data.abroad_country else "abroad_months"
            return [Problem(field_name, _(
                "Country and length of study abroad: this programme is taught in the country, and Appendix 2 "
                "is only for courses abroad. Clear these fields."))]
        return []
    problems: list[Problem] = []
    if strict and not data.abroad_country:
        problems.append(abroad_country_problem())
    months = data.abroad_months
    if (strict and months is None) or (months is not None and not 1 <= months <= ABROAD_LONG_MAX_MONTHS):
        problems.append(abroad_months_problem())
    return problems


def abroad_country_problem() -> Problem:
    return Problem("abroad_country", _(
        "Country of study: the programme is taught abroad, so the application names the country of study "
        "(Appendix 2). Enter the country."))


def abroad_months_problem() -> Problem:
    return Problem("abroad_months", _(
        "Length of study abroad: enter the course's length in months, from 1 to {maximum} (Appendix 2)."
    ).format(maximum=ABROAD_LONG_MAX_MONTHS))


def list_formed_on(cohort: Cohort) -> date:
    """п.12 DECISION: the list counts as formed two months before the start, or earlier if the office
    marked it formed earlier."""
    formed = list_formation_date(cohort.start_date)
    return min(formed, cohort.list_formed_on) if cohort.list_formed_on else formed


def is_late(cohort: Cohort, on: date) -> bool:
    """п.12: adding a teacher on ``on`` comes after the list was formed, so it needs a reason."""
    marked = cohort.list_formed_on is not None and on >= cohort.list_formed_on
    return marked or late_addition_needs_reason(cohort.start_date, on)


def check_enrolment(
    session: Session, cohort: Cohort, teacher: Teacher, data: ApplicationData, on: date, *, strict: bool,
    leaving: Enrolment | None = None,
) -> EnrolmentCheck:
    """Every refusal and warning for adding ``teacher`` to ``cohort`` on ``on``; ``leaving`` is an
    enrolment the teacher is moving out of (a transfer), which does not count as an overlap."""
    check = EnrolmentCheck(problems=application_problems(data, cohort, strict=strict))
    if on > cohort.end_date:
        check.problems.append(Problem("cohort_id", _(
            "The cohort {code} ended on {end}: a teacher cannot be added to a finished course. Choose a "
            "current or upcoming cohort.").format(code=cohort.code, end=format_date(cohort.end_date))))
    _existing(session, cohort, teacher, check)
    hold_places(session, cohort.id)
    taken = taken_places(session, cohort.id)
    if taken >= cohort.capacity:
        check.problems.append(Problem("cohort_id", _(
            "The cohort {code} is full: {taken} of its {capacity} places are taken. Choose another cohort, or "
            "add places to this one first.").format(code=cohort.code, taken=taken, capacity=cohort.capacity)))
    if is_late(cohort, on) and not data.late_addition_reason:
        check.problems.append(Problem("late_addition_reason", _(
            "Reason for a late addition: the list of the cohort {code} was formed on {date} (two months before "
            "the course starts, п.12 of the Rules). Enter why the teacher is added after that.").format(
            code=cohort.code, date=format_date(list_formed_on(cohort)))))
    check.warnings += _warnings(session, cohort, teacher, data, on, strict=strict, leaving=leaving)
    return check


def _existing(session: Session, cohort: Cohort, teacher: Teacher, check: EnrolmentCheck) -> None:
    """One application of a teacher per cohort (the table allows one row): a withdrawn one is reopened."""
    earlier = session.scalars(
        select(Enrolment).where(Enrolment.cohort_id == cohort.id, Enrolment.teacher_id == teacher.id)
    ).first()
    if earlier is None:
        return
    values = {"teacher": teacher.full_name, "code": cohort.code, "status": status_label(earlier.status)}
    if earlier.status in ACTIVE_ENROLMENT_STATUSES:
        check.problems.append(Problem("teacher_id", _(
            '{teacher} already has an application to the cohort {code}, with the status "{status}". Open that '
            "application instead of adding another.").format(**values)))
    elif earlier.status == EnrolmentStatus.WITHDRAWN:
        check.reopen = earlier
        check.warnings.append(_(
            "{teacher}'s earlier application to the cohort {code} was withdrawn; it is reopened.").format(**values))
    else:
        check.problems.append(Problem("teacher_id", _(
            '{teacher} already left the cohort {code} with the status "{status}", and cannot be added to it '
            "again. Choose another cohort.").format(**values)))


def eligibility_labels() -> dict[str, str]:
    """п.7: what each eligibility answer is about."""
    return {
        "elig_education": _("higher pedagogical or profile education, or retraining (п.7.1)"),
        "elig_employment": _("works in education, its management or methodological support (п.7.2)"),
        "elig_legislation": _("knows the education legislation (п.7.3)"),
        "elig_english": _("basic English, for language-competence courses (п.7.4)"),
    }


def _warnings(
    session: Session, cohort: Cohort, teacher: Teacher, data: ApplicationData, on: date, *, strict: bool,
    leaving: Enrolment | None,
) -> list[str]:
    warnings: list[str] = []
    programme = cohort.programme
    if not strict and programme.abroad and not data.abroad_country:
        warnings.append(_(
            "The programme is taught abroad: enter the country and the length of study in the application "
            "(Appendix 2) before its documents are complete."))
    refused = [label for name, label in eligibility_labels().items() if getattr(data, name) is False]
    if refused:
        warnings.append(_(
            "The answer is \"no\" for: {requirements}. An applicant who does not meet п.7 of the Rules cannot "
            "have complete documents; withdraw the application, or correct the answer.").format(
            requirements="; ".join(refused)))
    hours = teacher_hours(session, teacher.id, on)
    if would_exceed_hours(hours, programme.academic_hours):
        warnings.append(_(
            "{teacher} has {hours} academic hours of courses in the last 5 years; with this programme's "
            "{added} that makes {total}, more than the {maximum} hours of the inter-course period (п.21 of the "
            "Rules). The teacher is added; check that this is intended.").format(
            teacher=teacher.full_name, hours=hours, added=programme.academic_hours,
            total=hours + programme.academic_hours, maximum=MAX_HOURS_IN_WINDOW))
    warnings += [
        _("{teacher} is also in the cohort {code} ({start} – {end}), whose dates overlap this course's. Check "
          "that the teacher can attend both.").format(
            teacher=teacher.full_name, code=other.code, start=format_date(other.start_date),
            end=format_date(other.end_date))
        for other in _overlapping(session, cohort, teacher, leaving)
    ]
    return warnings


def _overlapping(session: Session, cohort: Cohort, teacher: Teacher, leaving: Enrolment | None) -> list[Cohort]:
    statement = (
        select(Cohort)
        .join(Enrolment, Enrolment.cohort_id == Cohort.id)
        .where(
            Enrolment.teacher_id == teacher.id,
            Enrolment.status.in_(_BUSY_STATUSES),
            Cohort.id != cohort.id,
            Cohort.start_date <= cohort.end_date,
            Cohort.end_date >= cohort.start_date,
        )
        .order_by(Cohort.start_date)
    )
    if leaving is not None:
        statement = statement.where(Enrolment.id != leaving.id)
    return list(session.scalars(statement))


#: Statuses in which a teacher is expected to attend the cohort.
_BUSY_STATUSES = (
    EnrolmentStatus.APPLIED,
    EnrolmentStatus.DOCUMENTS_COMPLETE,
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.IN_TRAINING,
)
