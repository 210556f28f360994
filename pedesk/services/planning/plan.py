"""Annual planning of teachers' courses (перспективалық жоспар, п.9-11): schools' applications, the district
plans and the region's plan for the next financial year.

A plan for ``plan_year`` is made in the year before: schools apply by 1 August (п.9), district departments
forward their plans by 1 September (п.10), the regional administration forms the region's plan, split into
short and long courses, by 1 November (п.11). Late dates are warnings, not refusals: the office records what
really happened. Totals of the district and region plans are computed from the applications; the stored
district and region entries keep the dates and the totals as they were forwarded. No Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_date
from pedesk.models import Programme, School
from pedesk.models.enums import CourseKind, PlanStage
from pedesk.models.support import PlanEntry
from pedesk.services.access import Action, guarded
from pedesk.services.common import Problem, ValidationError, clean_spaces, name_order, raise_if
from pedesk.services.rules import check_iin, planning_deadlines

__all__ = [
    "KIND_LABELS",
    "ApplicationData",
    "SaveResult",
    "application_data",
    "application_for_edit",
    "deadline_of",
    "late_warning",
    "delete_application",
    "parse_iins",
    "plan_applications",
    "programme_choices",
    "save_application",
    "school_choices",
]

_IIN_SEPARATORS = re.compile(r"[,;\s]+")
_MIN_YEAR, _MAX_YEAR = 2000, 2100
KIND_LABELS: dict[CourseKind, str] = {CourseKind.SHORT: N_("short"), CourseKind.LONG: N_("long")}
"""п.21: the kinds of course, untranslated (translate with ``_`` when shown)."""


@dataclass(frozen=True)
class ApplicationData:
    """A school's application (п.9) as entered: ``teacher_iins`` is free text (commas, spaces or lines);
    when it lists teachers, ``teachers_count`` follows the list."""

    plan_year: int
    school_id: int | None
    course_kind: CourseKind
    received_on: date | None
    programme_id: int | None = None
    direction: str = ""
    teachers_count: int = 0
    teacher_iins: str = ""
    note: str = ""


@dataclass(frozen=True)
class SaveResult:
    """The saved entry and the warnings (late dates) that did not stop it."""

    entry_id: int
    warnings: tuple[str, ...] = ()


def deadline_of(plan_year: int, key: str) -> date:
    """The п.9-11 deadline ``key`` (school_applications, district_plan, region_plan) for ``plan_year``:
    the deadlines fall in the year before the plan year."""
    return next(d.due for d in planning_deadlines(plan_year - 1) if d.key == key)


def late_warning(plan_year: int, key: str, on: date | None, what: str) -> tuple[str, ...]:
    """A warning when ``on`` is after the deadline ``key``; ``what`` (translated, with ``{due}`` and
    ``{date}``) says what was late."""
    due = deadline_of(plan_year, key)
    if on is None or on <= due:
        return ()
    return (what.format(due=format_date(due), date=format_date(on)),)


def parse_iins(text: str) -> tuple[list[str], list[Problem]]:
    """The IINs of a list (commas, semicolons, spaces or lines between them), checked one by one."""
    iins: list[str] = []
    problems: list[Problem] = []
    for raw in _IIN_SEPARATORS.split(text.strip()):
        if not raw:
            continue
        info = check_iin(raw)
        if not info.valid:
            problems.append(Problem("teacher_iins", _("Teachers' IINs: {reason}").format(reason=info.reason)))
        elif info.iin in iins:
            problems.append(Problem("teacher_iins", _(
                "Teachers' IINs: {iin} is listed twice; remove the repeated IIN."
            ).format(iin=info.iin)))
        else:
            iins.append(info.iin)
    return iins, problems


def _year_problems(plan_year: int) -> list[Problem]:
    if _MIN_YEAR <= plan_year <= _MAX_YEAR:
        return []
    return [Problem("plan_year", _("Plan year: enter a year between {low} and {high}.").format(
        low=_MIN_YEAR, high=_MAX_YEAR))]


def _subject_problems(session: Session, data: ApplicationData) -> list[Problem]:
    problems: list[Problem] = []
    if data.school_id is None or session.get(School, data.school_id) is None:
        problems.append(Problem("school_id", _("School: choose the school that sent the application.")))
    programme = session.get(Programme, data.programme_id) if data.programme_id is not None else None
    if data.programme_id is not None and programme is None:
        problems.append(Problem("programme_id", _("Programme: the chosen programme no longer exists; "
                                                  "choose another.")))
    elif programme is None and not clean_spaces(data.direction):
        problems.append(Problem("programme_id", _(
            "Programme or direction: choose a programme or write the direction of the courses the school asks for."
        )))
    elif programme is not None and programme.kind != data.course_kind:
        problems.append(Problem("course_kind", _(
            "Course: the programme {code} is a {kind} course; choose that kind or another programme."
        ).format(code=programme.code, kind=_(KIND_LABELS[programme.kind]))))
    if data.received_on is None:
        problems.append(Problem("received_on", _("Received on: enter the date the application arrived.")))
    return problems


def _checked(session: Session, data: ApplicationData) -> tuple[list[str], int]:
    iins, problems = parse_iins(data.teacher_iins)
    count = len(iins) if iins else data.teachers_count
    if not iins and not problems and count < 1:
        problems.append(Problem("teachers_count", _(
            "Teachers: enter how many teachers the school sends, or list their IINs."
        )))
    raise_if(_year_problems(data.plan_year) + _subject_problems(session, data) + problems)
    return iins, count


@guarded(Action.PLANNING)
def save_application(session: Session, data: ApplicationData, entry_id: int | None = None) -> SaveResult:
    """Record a school's application (п.9), or change application ``entry_id``; refuses, naming the field,
    and changes nothing when something is missing or wrong. Warns when it arrived after 1 August."""
    iins, count = _checked(session, data)
    entry = _application_or_refuse(session, entry_id) if entry_id is not None else PlanEntry(
        stage=PlanStage.SCHOOL_APPLICATION)
    school = session.get(School, data.school_id)
    assert school is not None  # checked above
    entry.plan_year = data.plan_year
    entry.school_id = school.id
    entry.district_id = school.district_id
    entry.programme_id = data.programme_id
    entry.direction = clean_spaces(data.direction)
    entry.course_kind = data.course_kind
    entry.teachers_count = count
    entry.teacher_iins = ",".join(iins)
    entry.received_on = data.received_on
    entry.note = data.note.strip()
    session.add(entry)
    session.flush()
    warnings = late_warning(data.plan_year, "school_applications", data.received_on, _(
        "The application arrived on {date}, after the deadline {due} (п.9); it is recorded anyway."))
    return SaveResult(entry.id, warnings)


def _application_or_refuse(session: Session, entry_id: int) -> PlanEntry:
    entry = session.get(PlanEntry, entry_id)
    if entry is None or entry.stage != PlanStage.SCHOOL_APPLICATION:
        raise ValidationError.single("entry_id", _(
            "The application was not found; it may have been deleted. Refresh the list."))
    return entry


@guarded(Action.PLANNING)
def delete_application(session: Session, entry_id: int) -> None:
    """Remove a school's application entered by mistake (plans are not issued documents)."""
    session.delete(_application_or_refuse(session, entry_id))
    session.flush()


def plan_applications(session: Session, plan_year: int) -> list[PlanEntry]:
    """The schools' applications for ``plan_year``, by date received, then by entry."""
    return list(session.scalars(
        select(PlanEntry)
        .where(PlanEntry.plan_year == plan_year, PlanEntry.stage == PlanStage.SCHOOL_APPLICATION)
        .order_by(PlanEntry.received_on.asc().nulls_first(), PlanEntry.id)
    ))


def application_data(entry: PlanEntry) -> ApplicationData:
    """The stored application as form values, for editing."""
    return ApplicationData(
        plan_year=entry.plan_year, school_id=entry.school_id, course_kind=entry.course_kind,
        received_on=entry.received_on, programme_id=entry.programme_id, direction=entry.direction,
        teachers_count=entry.teachers_count, teacher_iins=", ".join(filter(None, entry.teacher_iins.split(","))),
        note=entry.note,
    )


def school_choices(session: Session, lang: str) -> list[tuple[int, str]]:
    """The schools an application can come from, by name in ``lang``."""
    column = School.name_kk if lang == "kk" else School.name_ru
    return [(school_id, name) for school_id, name in session.execute(select(School.id, column).order_by(name_order(column), School.id))]


def programme_choices(session: Session, lang: str) -> list[tuple[int, str, CourseKind]]:
    """The active programmes an application can name: id, "code title" in ``lang`` and the kind of course."""
    title = Programme.title_kk if lang == "kk" else Programme.title_ru
    query = select(Programme.id, Programme.code, title, Programme.kind).where(Programme.active).order_by(Programme.code)
    return [(pid, f"{code} {name}", kind) for pid, code, name, kind in session.execute(query)]


def application_for_edit(session: Session, entry_id: int) -> ApplicationData:
    """Application ``entry_id`` as form values; refuses when it no longer exists."""
    return application_data(_application_or_refuse(session, entry_id))
