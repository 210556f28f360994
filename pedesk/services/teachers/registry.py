"""The teachers' registry (педагогтер / педагоги): one record per IIN with every field of the
questionnaire (Appendix 3), its earlier courses, the registry search and each teacher's 5-year history.

Beside the registry it re-exports the form data and checks (``questionnaire``), the search
(``search``) and the history (``history``). Services take the caller's session and never
commit. No Qt.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import PreviousCourse, School, Teacher
from pedesk.models.enums import Language
from pedesk.services import access
from pedesk.services.access import Action, guarded
from pedesk.services.common import fold, form_of, raise_if, record_to_save, search_key
from pedesk.services.rules import check_iin, normalize_iin
from pedesk.services.teachers.questionnaire import (
    PreviousCourseData,
    TeacherData,
    validate_teacher,
)


@guarded(Action.TEACHERS)
def save_teacher(session: Session, data: TeacherData, id: int | None = None, *, today: date | None = None,
                 version: int | None = None) -> Teacher:
    """Create (``id`` None) or update a teacher; the earlier-courses rows are replaced by the data's.
    ``today`` is passed to :func:`validate_teacher` (the date of birth and the years of service).

    When a school is chosen and the place of work or its region is left empty, they are taken from the
    school (Appendix 3: "the full name of the organisation with its region"). ``version`` is the save counter
    the form was filled at (see :func:`pedesk.services.access.version_of`): a save over another seat's later
    change is refused, saying who made it and when.
    """
    raise_if(validate_teacher(session, data, id, today=today))
    data = data.cleaned()
    teacher = record_to_save(session, Teacher, id)
    what = _("The record of {name}").format(name=" ".join(filter(None, (teacher.surname, teacher.name)))
                                             or data.iin)
    access.refuse_if_changed(session, teacher, version, what)
    with access.saving(session, teacher, what):
        for field in fields(TeacherData):
            if field.name not in ("previous_courses", "instruction_language"):
                setattr(teacher, field.name, getattr(data, field.name))
        language = data.instruction_language
        teacher.instruction_language = Language(language) if language is not None else None
        _fill_from_school(session, teacher)
        teacher.search_key = search_key(data.surname, data.name, data.patronymic, data.iin)
        teacher.previous_courses = [
            PreviousCourse(topic=row.topic, place=row.place, start_date=row.start_date, end_date=row.end_date,
                           academic_hours=row.academic_hours, certificate_number=row.certificate_number)
            for row in data.previous_courses
        ]
    return teacher


def _fill_from_school(session: Session, teacher: Teacher) -> None:
    school = session.get(School, teacher.school_id) if teacher.school_id is not None else None
    if school is None:
        return
    if not teacher.workplace:
        teacher.workplace = school.name_ru if teacher.instruction_language == Language.RU else school.name_kk
    if teacher.workplace_region_id is None:
        teacher.workplace_region_id = school.region_id


def get_teacher(session: Session, id: int) -> TeacherData | None:
    return form_of(session, Teacher, id, TeacherData.from_model)


def find_by_iin(session: Session, iin: object) -> Teacher | None:
    """The teacher with this IIN (as typed or read from a spreadsheet cell), or None."""
    value = normalize_iin(iin)
    if value is None:
        return None
    return session.scalars(select(Teacher).where(Teacher.iin == value)).first()


@guarded(Action.TEACHERS)
def upsert_teacher(session: Session, data: TeacherData, *, today: date | None = None) -> tuple[Teacher, bool]:
    """Create the teacher with ``data.iin`` or update the one that has it; returns (teacher, created).

    For a list import: an update keeps every field that ``data`` leaves empty ("" or None), a new
    qualification category replaces the old category's valid-until date, and earlier-courses rows are
    added unless the teacher already has the same course (topic, start and end). A new teacher without
    a date of birth gets the one written in the IIN (digits 1-6 are the date of birth by law).
    Raises ``ValidationError`` (nothing changed) when the merged record breaks a rule.
    """
    cleaned = data.cleaned()
    existing = find_by_iin(session, cleaned.iin)
    if existing is None:
        if cleaned.birth_date is None:
            info = check_iin(cleaned.iin)
            cleaned = replace(cleaned, birth_date=info.birth_date if info.valid else None)
        return save_teacher(session, cleaned, today=today), True
    merged = _merge(TeacherData.from_model(existing), cleaned)
    return save_teacher(session, merged, existing.id, today=today), False


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == ()


def _merge(old: TeacherData, new: TeacherData) -> TeacherData:
    changes: dict[str, Any] = {
        field.name: getattr(new, field.name)
        for field in fields(TeacherData)
        if field.name != "previous_courses" and not _empty(getattr(new, field.name))
    }
    if new.category_id is not None and new.category_id != old.category_id:
        changes["category_valid_until"] = new.category_valid_until
    known = {_course_key(row) for row in old.previous_courses}
    added = tuple(row for row in new.previous_courses if _course_key(row) not in known)
    return replace(old, **changes, previous_courses=old.previous_courses + added)


def _course_key(row: PreviousCourseData) -> tuple[str, object, object]:
    return fold(row.topic), row.start_date, row.end_date
