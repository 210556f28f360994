"""Educational programmes of professional development (білім беру бағдарламасы / образовательная
программа ПК, п.3-4, п.21-22) of the own office: form data, validation, saving, paged listing. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import CourseFormat, EducationLevel, Office, Programme
from pedesk.models.enums import CourseKind
from pedesk.services.access import Action, guarded
from pedesk.services.common import (
    Problem,
    chosen,
    clean_spaces,
    form_of,
    raise_if,
    record_to_save,
    search_key,
)
from pedesk.services.reference import (
    DEFAULT_PAGE_SIZE,
    count_matching,
    get_own_office,
    length_problem,
    missing_reference,
    name_column,
    no_office_problem,
    own_office_id,
    page_matching,
    require_own_office,
    required,
)
from pedesk.services.rules import ABROAD_LONG_MAX_MONTHS, programme_duration_problem

__all__ = [
    "ProgrammeData",
    "ProgrammeRow",
    "count_programmes",
    "get_programme",
    "page_programmes",
    "save_programme",
    "validate_programme",
]


@dataclass(frozen=True)
class ProgrammeData:
    """The programme form. ``kind`` is a ``CourseKind`` (or its text value "short" / "long");
    ``abroad_months`` is the length of a long course abroad (п.21: up to 12 months)."""

    code: str
    title_kk: str
    title_ru: str
    academic_hours: int | None
    kind: CourseKind | str | None
    level_id: int | None
    format_id: int | None
    abroad: bool = False
    abroad_months: int | None = None
    language_course: bool = False
    direction: str = ""
    active: bool = True

    @classmethod
    def from_model(cls, programme: Programme) -> ProgrammeData:
        return cls(
            programme.code, programme.title_kk, programme.title_ru, programme.academic_hours, programme.kind,
            programme.level_id, programme.format_id, programme.abroad, programme.abroad_months,
            programme.language_course, programme.direction, programme.active,
        )

    def cleaned(self) -> ProgrammeData:
        return replace(
            self,
            code=clean_spaces(self.code),
            title_kk=clean_spaces(self.title_kk),
            title_ru=clean_spaces(self.title_ru),
            direction=clean_spaces(self.direction),
        )


@dataclass(frozen=True)
class ProgrammeRow:
    """A row of the programmes table; ``level`` and ``format`` are names in the chosen language."""

    id: int
    code: str
    title_kk: str
    title_ru: str
    hours: int
    kind: CourseKind
    level: str
    format: str
    abroad: bool
    language_course: bool
    active: bool


def _labels() -> dict[str, str]:
    return {
        "code": _("Programme code"),
        "title_kk": _("Title in Kazakh"),
        "title_ru": _("Title in Russian"),
        "kind": _("Kind of course"),
        "level_id": _("Education level"),
        "format_id": _("Format"),
        "direction": _("Direction"),
    }


def validate_programme(session: Session, data: ProgrammeData, id: int | None = None) -> list[Problem]:
    """Every problem of the programme form, each naming its field (the dataclass attribute)."""
    data = data.cleaned()
    labels = _labels()
    problems: list[Problem] = []
    office = get_own_office(session)
    if office is None:
        problems.append(no_office_problem())
    for field, maximum in (("code", 40), ("title_kk", 600), ("title_ru", 600), ("direction", 300)):
        if field != "direction":
            problems += required(field, labels[field], getattr(data, field))
        problems += length_problem(field, labels[field], getattr(data, field), maximum)
    if office is not None and data.code:
        problems += _code_clash(session, office, data.code, id)
    problems += _reference_problems(session, data, labels)
    if id is not None and session.get(Programme, id) is None:
        problems.append(missing_reference("id", _("Programme")))
    return problems


def _code_clash(session: Session, office: Office, code: str, own_id: int | None) -> list[Problem]:
    other = session.scalars(
        select(Programme).where(
            Programme.office_id == office.id, Programme.code == code, Programme.id != (own_id or -1)
        )
    ).first()
    if other is None:
        return []
    return [
        Problem(
            "code",
            _(
                'Programme code: {code} is already the code of the programme "{title}". Each programme '
                "of the office needs its own code; enter a different one."
            ).format(code=code, title=other.title_ru or other.title_kk),
        )
    ]


def _reference_problems(session: Session, data: ProgrammeData, labels: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    kind = chosen(CourseKind, data.kind)
    if data.kind in (None, ""):
        problems += required("kind", labels["kind"], "")
    elif kind is None:
        problems.append(missing_reference("kind", labels["kind"]))
    if data.level_id is None:
        problems += required("level_id", labels["level_id"], "")
    elif session.get(EducationLevel, data.level_id) is None:
        problems.append(missing_reference("level_id", labels["level_id"]))
    course_format = session.get(CourseFormat, data.format_id) if data.format_id is not None else None
    if data.format_id is None:
        problems += required("format_id", labels["format_id"], "")
    elif course_format is None:
        problems.append(missing_reference("format_id", labels["format_id"]))
    elif course_format.abroad != data.abroad:
        problems.append(_format_mismatch(data.abroad))
    if data.academic_hours is None:
        problems.append(
            Problem("academic_hours", _("Academic hours: enter the programme's volume in academic hours."))
        )
    elif kind is not None:
        problems += _duration_problems(kind, data)
    return problems


def _format_mismatch(abroad: bool) -> Problem:
    if abroad:
        message = _(
            'Format: the programme is marked as a course abroad, but the chosen format is not the course '
            'abroad (п.4). Choose the format "abroad", or clear the mark "abroad".'
        )
    else:
        message = _(
            "Format: the chosen format is the course abroad (п.4), but the programme is not marked as a "
            'course abroad. Tick "abroad", or choose another format.'
        )
    return Problem("format_id", message)


def _duration_problems(kind: CourseKind, data: ProgrammeData) -> list[Problem]:
    """п.21-22 via rules.programme_duration_problem; the months of a long course abroad are their own field."""
    hours = data.academic_hours or 0
    message = programme_duration_problem(kind, hours, data.abroad, data.abroad_months)
    if message is None:
        return []
    months = data.abroad_months
    months_wrong = months is None or months <= 0 or months > ABROAD_LONG_MAX_MONTHS
    field = "abroad_months" if kind == CourseKind.LONG and data.abroad and months_wrong else "academic_hours"
    return [Problem(field, message)]


@guarded(Action.PROGRAMMES)
def save_programme(session: Session, data: ProgrammeData, id: int | None = None) -> Programme:
    """Create (``id`` None) or update a programme of the own office. Never commits.

    Raises ``ValidationError``, also when the office's settings are not filled in yet.
    """
    office = require_own_office(session)
    raise_if(validate_programme(session, data, id))
    data = data.cleaned()
    kind = chosen(CourseKind, data.kind)
    assert kind is not None and data.academic_hours is not None
    assert data.level_id is not None and data.format_id is not None
    programme = record_to_save(session, Programme, id, office_id=office.id)
    programme.code, programme.title_kk, programme.title_ru = data.code, data.title_kk, data.title_ru
    programme.academic_hours, programme.kind = data.academic_hours, kind
    programme.level_id, programme.format_id, programme.abroad = data.level_id, data.format_id, data.abroad
    # Months are asked only for a course abroad (Appendix 2); elsewhere they mean nothing.
    programme.abroad_months = data.abroad_months if data.abroad else None
    programme.language_course, programme.direction = data.language_course, data.direction
    programme.active = data.active
    programme.search_key = search_key(data.code, data.title_kk, data.title_ru, data.direction)
    session.flush()
    return programme


def get_programme(session: Session, id: int) -> ProgrammeData | None:
    return form_of(session, Programme, id, ProgrammeData.from_model)


def _filters(kind: CourseKind | str | None, active: bool | None) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = [Programme.office_id == own_office_id()]
    if kind not in (None, ""):
        filters.append(Programme.kind == CourseKind(kind))
    if active is not None:
        filters.append(Programme.active.is_(active))
    return filters


def count_programmes(
    session: Session, text: str = "", *, kind: CourseKind | str | None = None, active: bool | None = None
) -> int:
    """The number of the own office's programmes matching ``text`` (0 before Settings are filled in)."""
    return count_matching(session, Programme.id, Programme.search_key, text, _filters(kind, active))


def page_programmes(session: Session, text: str = "", offset: int = 0, limit: int = DEFAULT_PAGE_SIZE,
                    kind: CourseKind | str | None = None, active: bool | None = None, *,
                    lang: str = "kk") -> list[ProgrammeRow]:
    """One page of the own office's programmes matching ``text``, ordered by code then id: one query."""
    statement = (
        select(
            Programme.id, Programme.code, Programme.title_kk, Programme.title_ru, Programme.academic_hours,
            Programme.kind, name_column(EducationLevel, lang), name_column(CourseFormat, lang),
            Programme.abroad, Programme.language_course, Programme.active,
        )
        .join(EducationLevel, Programme.level_id == EducationLevel.id)
        .join(CourseFormat, Programme.format_id == CourseFormat.id)
        .order_by(Programme.code, Programme.id)
    )
    rows = page_matching(session, statement, Programme.search_key, text, _filters(kind, active), offset, limit)
    return [ProgrammeRow(*row) for row in rows]
