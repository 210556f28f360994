"""What each printed form is filled with, read from the database in the document's language (kk or ru).

Field names here are the ``{placeholders}`` the layouts under ``resources/forms`` may use.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pedesk.models import Cohort, Enrolment, Office, Provider, Teacher
from pedesk.models.enums import ACTIVE_ENROLMENT_STATUSES
from pedesk.services.common import kazakh_key
from pedesk.services.forms.layout import Count, FormData, Term, Value

__all__ = [
    "FOREIGN_PROVIDER",
    "QUESTIONNAIRE_FIELDS",
    "application_data",
    "listeners_data",
    "organiser",
    "questionnaire_data",
    "receipt_data",
]

#: Every field of the questionnaire (Appendix 3), all empty on a blank form.
QUESTIONNAIRE_FIELDS = (
    "surname", "name", "patronymic", "full_name", "iin", "birth_date", "position", "education", "category",
    "category_valid_until", "workplace", "region", "total_experience", "teaching_experience",
    "instruction_language", "home_address", "phone", "email", "additional_info",
)

#: The code of the providers' kind "foreign organisation" (Шетелдік ұйым, п.5), in the closed list.
FOREIGN_PROVIDER = "foreign"


def _workplace(teacher: Teacher, lang: str) -> str:
    if teacher.workplace:
        return teacher.workplace
    return teacher.school.name(lang) if teacher.school is not None else ""


def _region(teacher: Teacher, lang: str, on: date) -> str:
    region = teacher.workplace_region
    if region is None and teacher.school is not None:
        region = teacher.school.region
    return region.name_on(on, lang) if region is not None else ""


def _person(teacher: Teacher, lang: str) -> dict[str, Value]:
    return {
        "surname": teacher.surname, "name": teacher.name, "patronymic": teacher.patronymic,
        "full_name": teacher.full_name, "iin": teacher.iin, "position": teacher.position,
        "workplace": _workplace(teacher, lang),
    }


def _course(cohort: Cohort, lang: str) -> dict[str, Value]:
    programme = cohort.programme
    return {
        "provider_name": cohort.provider.name(lang), "provider_head": cohort.provider.head_name,
        "programme": programme.title(lang), "academic_hours": Count(programme.academic_hours, "hours"),
        "cohort_code": cohort.code, "start": cohort.start_date, "end": cohort.end_date,
        "language": Term("language", cohort.language.value), "location": cohort.location,
    }


def organiser(cohort: Cohort) -> Office | Provider:
    """The Ұйым an application is addressed to (Appendices 1 and 2, п.8): the organisation that organises the
    course. That is the cohort's provider; when a foreign organisation delivers the course (Шетелдік ұйым, п.5:
    it teaches under its contract with the Ұйым), the office that holds the cohort and organises it."""
    kind = cohort.provider.kind
    return cohort.office if kind is not None and kind.code == FOREIGN_PROVIDER else cohort.provider


def application_data(enrolment: Enrolment, lang: str) -> tuple[str, FormData]:
    """The layout's name (Appendix 1, or Appendix 2 for a course abroad) and the application's values."""
    cohort = enrolment.cohort
    programme = cohort.programme
    abroad = programme.abroad or programme.format.abroad
    addressee = organiser(cohort)
    values: dict[str, Value] = {
        **_person(enrolment.teacher, lang), **_course(cohort, lang),
        "organiser_name": addressee.name(lang), "organiser_head": addressee.head_name,
        "group_language": Term("language", (enrolment.group_language or cohort.language).value),
        "country": enrolment.abroad_country, "months": enrolment.abroad_months or programme.abroad_months,
        "applied_on": enrolment.applied_on,
    }
    return ("application_abroad" if abroad else "application"), FormData(values)


def questionnaire_data(teacher: Teacher | None, lang: str, on: date) -> FormData:
    """Appendix 3 filled from ``teacher``, or blank (every field empty, rows to fill by hand)."""
    if teacher is None:
        return FormData(dict.fromkeys(QUESTIONNAIRE_FIELDS), {"previous_courses": []}, blank=True)
    category = teacher.category.name(lang) if teacher.category is not None else ""
    years = (teacher.total_experience_years, teacher.teaching_experience_years)
    values: dict[str, Value] = {
        **_person(teacher, lang), "birth_date": teacher.birth_date, "education": teacher.education,
        "category": category, "category_valid_until": teacher.category_valid_until if category else None,
        "region": _region(teacher, lang, on),
        "total_experience": Count(years[0], "years") if years[0] is not None else None,
        "teaching_experience": Count(years[1], "years") if years[1] is not None else None,
        "instruction_language": Term("language", teacher.instruction_language.value)
        if teacher.instruction_language is not None else None,
        "home_address": teacher.home_address, "phone": teacher.phone, "email": teacher.email,
        "additional_info": teacher.additional_info,
    }
    courses: list[dict[str, Value]] = [
        {"topic": course.topic, "place": course.place, "start": course.start_date, "end": course.end_date,
         "academic_hours": course.academic_hours, "certificate_number": course.certificate_number}
        for course in teacher.previous_courses
    ]
    return FormData(values, {"previous_courses": courses})


def receipt_data(enrolment: Enrolment, lang: str, on: date) -> FormData:
    """The documents received for ``enrolment`` (п.8), in the order of the document kinds."""
    received = sorted((document for document in enrolment.documents if document.received_on is not None),
                      key=lambda document: (document.kind.sort_order, document.kind.id))
    rows: list[dict[str, Value]] = [
        {"kind": document.kind.name(lang), "received_on": document.received_on, "note": document.note}
        for document in received
    ]
    values: dict[str, Value] = {
        **_person(enrolment.teacher, lang), **_course(enrolment.cohort, lang),
        "count": Count(len(rows), "documents"), "on": on,
    }
    return FormData(values, {"documents": rows})


def _order_reference(cohort: Cohort, enrolments: list[Enrolment]) -> tuple[str, date | None]:
    """п.16: the provider's enrolment order; the cohort's, else the one all its listeners share."""
    if cohort.enrolment_order_no or cohort.enrolment_order_date:
        return cohort.enrolment_order_no, cohort.enrolment_order_date
    orders = {(enrolment.enrolment_order_no, enrolment.enrolment_order_date) for enrolment in enrolments}
    if len(orders) == 1:
        return orders.pop()
    return "", None


def listeners_data(session: Session, cohort: Cohort, lang: str, on: date) -> FormData:
    """The cohort's listeners (every enrolment that takes a place), in Kazakh alphabetical order."""
    enrolments = list(session.scalars(
        select(Enrolment)
        .where(Enrolment.cohort_id == cohort.id, Enrolment.status.in_(ACTIVE_ENROLMENT_STATUSES))
        .options(selectinload(Enrolment.teacher).selectinload(Teacher.category),
                 selectinload(Enrolment.teacher).selectinload(Teacher.school))
    ))
    enrolments.sort(key=lambda enrolment: (kazakh_key(enrolment.teacher.full_name), enrolment.teacher.iin))
    rows: list[dict[str, Value]] = []
    for enrolment in enrolments:
        teacher = enrolment.teacher
        category = teacher.category.name(lang) if teacher.category is not None else ""
        rows.append({**_person(teacher, lang), "category": category})
    order_no, order_date = _order_reference(cohort, enrolments)
    office = cohort.office.name(lang)
    values: dict[str, Value] = {
        **_course(cohort, lang), "office_name": office if office != cohort.provider.name(lang) else "",
        "order_no": order_no, "order_date": order_date, "head_name": cohort.provider.head_name,
        "count": Count(len(rows), "listeners"), "on": on,
    }
    return FormData(values, {"listeners": rows})
