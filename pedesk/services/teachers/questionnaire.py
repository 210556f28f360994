"""The teacher's questionnaire (сауалнама / анкета, Appendix 3) as form data, and its checks.

Import from ``pedesk.services.teachers.registry``, which re-exports this. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import PreviousCourse, QualificationCategory, Region, School, Teacher
from pedesk.models.enums import Language
from pedesk.services.common import MAX_NOTE, Problem, clean_spaces, column_lengths, fix_name, value_problem
from pedesk.services.reference import (
    email_problem,
    length_problem,
    missing_reference,
    phone_problem,
    required,
)
from pedesk.services.rules import check_iin, iin_birth_date_problem, normalize_iin
from pedesk.services.teachers.lifetime import experience_problem, future_birth_problem

__all__ = [
    "MAX_COURSE_HOURS",
    "MAX_EXPERIENCE_YEARS",
    "PreviousCourseData",
    "TeacherData",
    "validate_teacher",
]

MAX_EXPERIENCE_YEARS = 60
"""Work experience is counted in full years, 0 to 60."""
MAX_COURSE_HOURS = 2000
"""An earlier course in the questionnaire lasts 1 to 2000 academic hours (a year abroad is ~1500)."""

# The questionnaire's text fields and the widths of their columns (``teacher`` and ``previous_course``).
_TEXT_FIELDS = ("surname", "name", "patronymic", "position", "education", "workplace", "home_address", "phone",
                "email")
_MAX_LENGTH = {field: column_lengths(Teacher)[field] for field in _TEXT_FIELDS} | {"additional_info": MAX_NOTE}
_COURSE_LENGTH = {field: column_lengths(PreviousCourse)[field] for field in ("topic", "place", "certificate_number")}


@dataclass(frozen=True)
class PreviousCourseData:
    """A row of the questionnaire's table of earlier PD courses: topic, place, dates, duration."""

    topic: str
    place: str = ""
    start_date: date | None = None
    end_date: date | None = None
    academic_hours: int | None = None
    certificate_number: str = ""

    def cleaned(self) -> PreviousCourseData:
        return replace(
            self, topic=clean_spaces(self.topic), place=clean_spaces(self.place),
            certificate_number=clean_spaces(self.certificate_number),
        )


@dataclass(frozen=True)
class TeacherData:
    """Every field of the questionnaire (Appendix 3). ``instruction_language`` is a ``Language`` (or its
    code "kk" / "ru" / "en"); ids name reference rows (category, school, region)."""

    iin: str
    surname: str
    name: str
    patronymic: str = ""
    birth_date: date | None = None
    position: str = ""
    education: str = ""
    category_id: int | None = None
    category_valid_until: date | None = None
    school_id: int | None = None
    workplace: str = ""
    workplace_region_id: int | None = None
    total_experience_years: int | None = None
    teaching_experience_years: int | None = None
    instruction_language: Language | str | None = None
    home_address: str = ""
    phone: str = ""
    email: str = ""
    additional_info: str = ""
    previous_courses: tuple[PreviousCourseData, ...] = ()

    @classmethod
    def from_model(cls, teacher: Teacher) -> TeacherData:
        values = {f.name: getattr(teacher, f.name) for f in fields(cls) if f.name != "previous_courses"}
        courses = tuple(
            PreviousCourseData(row.topic, row.place, row.start_date, row.end_date, row.academic_hours,
                               row.certificate_number)
            for row in teacher.previous_courses
        )
        return cls(**values, previous_courses=courses)

    def cleaned(self) -> TeacherData:
        iin = clean_spaces(self.iin)
        return replace(
            self,
            iin=normalize_iin(iin) or iin,
            surname=fix_name(self.surname),
            name=fix_name(self.name),
            patronymic=fix_name(self.patronymic),
            position=clean_spaces(self.position),
            education=clean_spaces(self.education),
            workplace=clean_spaces(self.workplace),
            home_address=clean_spaces(self.home_address),
            phone=clean_spaces(self.phone),
            email=self.email.strip(),
            additional_info=self.additional_info.strip(),
            previous_courses=tuple(course.cleaned() for course in self.previous_courses),
        )

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.name, self.patronymic) if part)


def _labels() -> dict[str, str]:
    return {
        "iin": _("IIN"),
        "surname": _("Surname"),
        "name": _("First name"),
        "patronymic": _("Patronymic"),
        "birth_date": _("Date of birth"),
        "position": _("Position"),
        "education": _("Education"),
        "category_id": _("Qualification category"),
        "school_id": _("School"),
        "workplace": _("Place of work"),
        "workplace_region_id": _("Region"),
        "total_experience_years": _("Total work experience"),
        "teaching_experience_years": _("Teaching experience"),
        "instruction_language": _("Language of instruction"),
        "home_address": _("Home address"),
        "phone": _("Phone"),
        "email": _("E-mail"),
        "additional_info": _("Additional information"),
    }


def validate_teacher(
    session: Session, data: TeacherData, id: int | None = None, *, today: date | None = None
) -> list[Problem]:
    """Every problem of the questionnaire, each naming its field (the dataclass attribute); ``id`` is the
    teacher being edited (None for a new one). ``today`` (default: the computer's date) bounds the date of
    birth and, with it, the years of service (see :mod:`pedesk.services.teachers.lifetime`)."""
    today = today or date.today()
    labels = _labels()
    problems = _text_problems(data, labels)
    data = data.cleaned()
    problems += _iin_problems(session, data.iin, id)
    if data.birth_date is None:
        problems += required("birth_date", labels["birth_date"], "")
    else:
        mismatch = iin_birth_date_problem(data.iin, data.birth_date) or future_birth_problem(data.birth_date, today)
        if mismatch:
            problems.append(Problem("birth_date", _labelled(labels["birth_date"], mismatch)))
    problems += required("surname", labels["surname"], data.surname)
    problems += required("name", labels["name"], data.name)
    for field, maximum in _MAX_LENGTH.items():
        problems += length_problem(field, labels[field], getattr(data, field), maximum)
    problems += _reference_problems(session, data, labels)
    problems += _experience_problems(data, labels, today)
    problems += phone_problem("phone", labels["phone"], data.phone)
    problems += email_problem("email", data.email)
    problems += _course_problems(data.previous_courses)
    if id is not None and session.get(Teacher, id) is None:
        problems.append(missing_reference("id", _("Teacher")))
    return problems


def _labelled(label: str, problem: str) -> str:
    if problem[:1].isupper():  # a message that names its field already ("The date of birth ...")
        return problem
    return _("{where}: {problem}").format(where=label, problem=problem)


def _text_problems(data: TeacherData, labels: dict[str, str]) -> list[Problem]:
    """Hidden characters and mojibake in the text fields as typed or pasted (before spaces are cleaned, which
    would hide some of them); the lengths are checked on the cleaned record."""
    problems: list[Problem] = []
    for field in (*_TEXT_FIELDS, "additional_info"):
        problem = value_problem(getattr(data, field), None)
        if problem:
            problems.append(Problem(field, _labelled(labels[field], problem)))
    for row, course in enumerate(data.previous_courses, 1):
        for field in _COURSE_LENGTH:
            problem = value_problem(getattr(course, field), None)
            if problem:
                label = _("Previous courses, row {row}").format(row=row)
                problems.append(Problem("previous_courses", _labelled(label, problem), row))
    return problems


def _iin_problems(session: Session, iin: str, own_id: int | None) -> list[Problem]:
    info = check_iin(iin)
    if not info.valid:
        return [Problem("iin", info.reason or "")]
    other = session.scalars(select(Teacher).where(Teacher.iin == info.iin, Teacher.id != (own_id or -1))).first()
    if other is None:
        return []
    return [
        Problem(
            "iin",
            _(
                'IIN: {iin} is already the IIN of the teacher "{name}", born {birth_date}. A teacher has one '
                "record: open that record instead, or check the IIN against the identity document."
            ).format(iin=info.iin, name=other.full_name, birth_date=format_date(other.birth_date)),
        )
    ]


def _reference_problems(session: Session, data: TeacherData, labels: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    for field, model in (("category_id", QualificationCategory), ("school_id", School),
                         ("workplace_region_id", Region)):
        value = getattr(data, field)
        if value is not None and session.get(model, value) is None:
            problems.append(missing_reference(field, labels[field]))
    if data.category_valid_until is not None and data.category_id is None:
        problems.append(
            Problem(
                "category_valid_until",
                _(
                    "Category valid until: a date is given, but no qualification category. Choose the "
                    "category, or clear the date."
                ),
            )
        )
    language = data.instruction_language
    if language is not None and language not in {item.value for item in Language}:
        problems.append(missing_reference("instruction_language", labels["instruction_language"]))
    return problems


def _experience_problems(data: TeacherData, labels: dict[str, str], today: date) -> list[Problem]:
    problems: list[Problem] = []
    for field in ("total_experience_years", "teaching_experience_years"):
        years = getattr(data, field)
        if years is not None and not 0 <= years <= MAX_EXPERIENCE_YEARS:
            problems.append(
                Problem(
                    field,
                    _(
                        "{field}: {years} years is not possible. Enter the number of full years, from 0 to "
                        "{maximum}."
                    ).format(field=labels[field], years=years, maximum=MAX_EXPERIENCE_YEARS),
                )
            )
    for field in ("total_experience_years", "teaching_experience_years") if not problems else ():
        impossible = experience_problem(getattr(data, field), data.birth_date, today)
        if impossible:
            problems.append(Problem(field, _labelled(labels[field], impossible)))
    total, teaching = data.total_experience_years, data.teaching_experience_years
    if not problems and total is not None and teaching is not None and teaching > total:
        problems.append(
            Problem(
                "teaching_experience_years",
                _(
                    "Teaching experience: {teaching} years is more than the total work experience of {total} "
                    "years, of which it is a part. Correct one of the two."
                ).format(teaching=teaching, total=total),
            )
        )
    return problems


def _course_problems(courses: tuple[PreviousCourseData, ...]) -> list[Problem]:
    """The questionnaire's table of earlier courses: field "previous_courses", ``row`` = the table's row."""
    problems: list[Problem] = []
    for row, course in enumerate(courses, 1):
        found: list[str] = []
        if not course.topic:
            found.append(_("Previous courses, row {row}: the topic is empty. Enter the course's topic, or "
                           "delete the row.").format(row=row))
        if course.start_date and course.end_date and course.end_date < course.start_date:
            found.append(_("Previous courses, row {row}: the course ends on {end}, before it starts on "
                           "{start}. Correct the dates.").format(
                row=row, end=format_date(course.end_date), start=format_date(course.start_date)))
        hours = course.academic_hours
        if hours is not None and not 1 <= hours <= MAX_COURSE_HOURS:
            found.append(_("Previous courses, row {row}: {hours} academic hours is not possible. Enter the "
                           "course's volume, from 1 to {maximum} academic hours.").format(
                row=row, hours=hours, maximum=MAX_COURSE_HOURS))
        label = _("Previous courses, row {row}").format(row=row)
        for field, maximum in _COURSE_LENGTH.items():
            found += [problem.message for problem in length_problem(field, label, getattr(course, field), maximum)]
        problems += [Problem("previous_courses", message, row) for message in found]
    return problems
