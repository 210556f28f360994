"""Cohorts (топ / группа) and their timetable (Кесте), п.12-13, 15.

Cohorts (this module); beside them, for tests and for the package, it re-exports timetable entries and
conflicts (:mod:`~pedesk.services.schedule.sessions`), the month view and the paged cohort list
(:mod:`~pedesk.services.schedule.calendar`). Every function takes the caller's ``Session``, validates
first (``ValidationError`` naming each field) and never commits.

п.13: the provider drafts the schedule and agrees it with the authorised body and the regional education
administration (draft -> agreed). An agreed schedule is locked: its sessions, dates and programme change
only after it is reopened with a reason. п.12: the list of teachers is formed two months before the start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pedesk.i18n import _, current_language, format_date
from pedesk.models import Cohort, CohortTrainer, Office, Programme, Provider, ScheduleSession, Trainer
from pedesk.models.enums import Language, ScheduleStatus
from pedesk.services import access
from pedesk.services.access import Action, guarded
from pedesk.services.common import Problem, ValidationError, clean_spaces, column_lengths, raise_if
from pedesk.services.reference import length_problem
from pedesk.services.rules import list_formation_date
from pedesk.services.schedule.calendar import (
    CalendarCohort,
    CohortRow,
    cohorts_between,
    count_cohorts,
    page_cohorts,
)
from pedesk.services.schedule.lookups import get_cohort, own_office, schedule_status_label
from pedesk.services.schedule.sessions import (
    Conflict,
    ConflictKind,
    ConflictSide,
    SessionData,
    SessionRow,
    SessionSaved,
    add_session,
    delete_session,
    find_conflicts,
    list_sessions,
    update_session,
)

__all__ = [
    "MAX_CAPACITY",
    "CalendarCohort",
    "CohortData",
    "CohortRow",
    "Conflict",
    "ConflictKind",
    "ConflictSide",
    "HoursSummary",
    "SessionData",
    "SessionRow",
    "SessionSaved",
    "add_session",
    "agree_schedule",
    "cohort_data",
    "cohorts_between",
    "count_cohorts",
    "delete_session",
    "find_conflicts",
    "hours_summary",
    "list_deadline",
    "list_sessions",
    "mark_list_formed",
    "page_cohorts",
    "reopen_schedule",
    "save_cohort",
    "schedule_status_label",
    "update_session",
]

MAX_CAPACITY = 500
"""The most places a cohort may have."""
_CODE_MAX = 40
_LOCATION_MAX = 400


@dataclass(frozen=True)
class CohortData:
    """A cohort as the form gives it; ``language`` is "kk", "ru" or "en" (the group's language)."""

    code: str
    programme_id: int
    provider_id: int
    start_date: date
    end_date: date
    language: str
    capacity: int
    location: str = ""
    trainer_ids: tuple[int, ...] = ()
    guest_trainer_ids: tuple[int, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class HoursSummary:
    """Academic hours of the timetable against the programme's; ``difference`` = planned - required."""

    planned: int
    required: int
    difference: int
    remark: str


# --- Cohorts ----------------------------------------------------------------------------------------------


def _field_problems(data: CohortData) -> list[Problem]:
    problems: list[Problem] = []
    code = clean_spaces(data.code)
    if not code:
        problems.append(Problem("code", _("Cohort code: enter the cohort's code, for example 2026-001.")))
    elif len(code) > _CODE_MAX:
        problems.append(Problem("code", _("Cohort code: shorten it to {maximum} characters.").format(
            maximum=_CODE_MAX)))
    if data.end_date < data.start_date:
        problems.append(Problem("end_date", _(
            "End date: {end} is before the start date {start}. Enter an end date on or after the start."
        ).format(end=format_date(data.end_date), start=format_date(data.start_date))))
    if not 1 <= data.capacity <= MAX_CAPACITY:
        problems.append(Problem("capacity", _(
            "Capacity: enter the number of places in the cohort, from 1 to {maximum}."
        ).format(maximum=MAX_CAPACITY)))
    if data.language not in {item.value for item in Language}:
        problems.append(Problem("language", _(
            "Language of instruction: choose Kazakh, Russian or English."
        )))
    if len(clean_spaces(data.location)) > _LOCATION_MAX:
        problems.append(Problem("location", _("Location: shorten it to {maximum} characters.").format(
            maximum=_LOCATION_MAX)))
    if set(data.trainer_ids) & set(data.guest_trainer_ids):
        problems.append(Problem("guest_trainer_ids", _(
            "Guest lecturers: a person cannot be both a trainer and a guest lecturer of one cohort "
            "(п.19-20 of the Rules). Remove them from one of the two lists."
        )))
    return problems


def _reference_problems(
    session: Session, office: Office, data: CohortData, cohort_id: int | None
) -> list[Problem]:
    problems: list[Problem] = []
    code = clean_spaces(data.code)
    taken = select(Cohort.id).where(
        Cohort.office_id == office.id, Cohort.code == code, Cohort.id != (cohort_id or 0)
    )
    if code and session.scalars(taken.limit(1)).first() is not None:
        problems.append(Problem("code", _(
            "Cohort code: the office already has a cohort {code}. Choose another code."
        ).format(code=code)))
    if session.get(Programme, data.programme_id) is None:
        problems.append(Problem("programme_id", _(
            "Programme: choose the cohort's educational programme from the list."
        )))
    if session.get(Provider, data.provider_id) is None:
        problems.append(Problem("provider_id", _(
            "Provider: choose the organisation that runs the course (п.5 of the Rules) from the list."
        )))
    wanted = set(data.trainer_ids) | set(data.guest_trainer_ids)
    found = set(session.scalars(select(Trainer.id).where(Trainer.id.in_(wanted)))) if wanted else set()
    if wanted - found:
        field = "trainer_ids" if set(data.trainer_ids) - found else "guest_trainer_ids"
        problems.append(Problem(field, _(
            "Trainers: a chosen trainer was not found; another user may have deleted the record. "
            "Choose the trainers again."
        )))
    return problems


def _change_problems(session: Session, cohort: Cohort, data: CohortData) -> list[Problem]:
    """п.13: an agreed schedule keeps its dates and programme; sessions must stay within the dates."""
    changed = [field for field, old, new in (
        ("start_date", cohort.start_date, data.start_date),
        ("end_date", cohort.end_date, data.end_date),
        ("programme_id", cohort.programme_id, data.programme_id),
    ) if old != new]
    if cohort.schedule_status == ScheduleStatus.AGREED:
        dates = _(
            "Dates: the schedule of cohort {code} is agreed (п.13 of the Rules), so its dates cannot "
            "change. Reopen the schedule with a reason first."
        ).format(code=cohort.code)
        programme = _(
            "Programme: the schedule of cohort {code} is agreed (п.13 of the Rules), so its programme "
            "cannot change. Reopen the schedule with a reason first."
        ).format(code=cohort.code)
        return [Problem(field, programme if field == "programme_id" else dates) for field in changed]
    problems: list[Problem] = []
    for field, outside in (("start_date", ScheduleSession.day < data.start_date),
                           ("end_date", ScheduleSession.day > data.end_date)):
        if field not in changed:
            continue
        days = session.scalars(
            select(ScheduleSession.day).where(ScheduleSession.cohort_id == cohort.id, outside).distinct()
            .order_by(ScheduleSession.day)
        ).all()
        if days:
            problems.append(Problem(field, _(
                "Dates: the timetable has sessions on {days}, outside the new dates. Move or delete those "
                "sessions first."
            ).format(days=", ".join(format_date(day) for day in days))))
    return problems


def _set_trainers(cohort: Cohort, trainer_ids: tuple[int, ...], guest_ids: tuple[int, ...]) -> None:
    wanted = dict.fromkeys(trainer_ids, False) | dict.fromkeys(guest_ids, True)
    for link in list(cohort.trainers):
        if link.trainer_id in wanted:
            link.guest = wanted.pop(link.trainer_id)
        else:
            cohort.trainers.remove(link)
    for trainer_id, guest in wanted.items():
        cohort.trainers.append(CohortTrainer(trainer_id=trainer_id, guest=guest))


@guarded(Action.SCHEDULE)
def save_cohort(session: Session, data: CohortData, id: int | None = None, *, version: int | None = None) -> Cohort:
    """Create (``id`` None) or change a cohort of this office; returns it, flushed (it has an id). ``version``
    is the save counter the form was filled at: a save over another seat's later change is refused."""
    office = own_office(session)
    cohort = get_cohort(session, id) if id is not None else None
    if cohort is not None and cohort.office_id != office.id:
        raise ValidationError.single("cohort", _(
            "Cohort {code} belongs to another office ({office}) and came in its data package; only that "
            "office can change it."
        ).format(code=cohort.code, office=cohort.office.name(current_language())))
    what = _("Cohort {code}").format(code=cohort.code) if cohort is not None else ""
    if cohort is not None:
        access.refuse_if_changed(session, cohort, version, what)
    problems = _field_problems(data) + _reference_problems(session, office, data, id)
    if cohort is not None and data.end_date >= data.start_date:
        problems += _change_problems(session, cohort, data)
    raise_if(problems)
    if cohort is None:
        cohort = Cohort(office_id=office.id)
        session.add(cohort)
    with access.saving(session, cohort, what or _("Cohort {code}").format(code=data.code)):
        _fill_cohort(cohort, data)
    session.expire(cohort, ["programme", "provider"])  # reload them from the ids just set
    return cohort


def _fill_cohort(cohort: Cohort, data: CohortData) -> None:
    cohort.code = clean_spaces(data.code)
    cohort.programme_id = data.programme_id
    cohort.provider_id = data.provider_id
    cohort.start_date = data.start_date
    cohort.end_date = data.end_date
    cohort.language = Language(data.language)
    cohort.capacity = data.capacity
    cohort.location = clean_spaces(data.location)
    cohort.note = data.note.strip()
    _set_trainers(cohort, data.trainer_ids, data.guest_trainer_ids)


def cohort_data(session: Session, cohort_id: int) -> CohortData:
    """A cohort as :class:`CohortData`, to fill the edit form."""
    cohort = get_cohort(session, cohort_id)
    return CohortData(
        code=cohort.code,
        programme_id=cohort.programme_id,
        provider_id=cohort.provider_id,
        start_date=cohort.start_date,
        end_date=cohort.end_date,
        language=cohort.language.value,
        capacity=cohort.capacity,
        location=cohort.location,
        trainer_ids=tuple(sorted(link.trainer_id for link in cohort.trainers if not link.guest)),
        guest_trainer_ids=tuple(sorted(link.trainer_id for link in cohort.trainers if link.guest)),
        note=cohort.note,
    )


# --- Hours and status (п.13) ------------------------------------------------------------------------------


def _hours_remark(planned: int, required: int) -> str:
    if planned < required:
        return _(
            "The timetable has {planned} academic hours, {missing} fewer than the {required} of the "
            "programme. Add sessions."
        ).format(planned=planned, missing=required - planned, required=required)
    if planned > required:
        return _(
            "The timetable has {planned} academic hours, {extra} more than the {required} of the "
            "programme. Remove or shorten sessions."
        ).format(planned=planned, extra=planned - required, required=required)
    return ""


def hours_summary(session: Session, cohort_id: int) -> HoursSummary:
    """The timetable's academic hours (planned) against the programme's volume (required)."""
    cohort = get_cohort(session, cohort_id)
    planned = int(session.execute(
        select(func.coalesce(func.sum(ScheduleSession.academic_hours), 0))
        .where(ScheduleSession.cohort_id == cohort.id)
    ).scalar_one())
    programme = session.get(Programme, cohort.programme_id)
    required = programme.academic_hours if programme is not None else 0
    return HoursSummary(planned, required, planned - required, _hours_remark(planned, required))


@guarded(Action.SCHEDULE)
def agree_schedule(session: Session, cohort_id: int, agreed_on: date, agreed_with: str) -> Cohort:
    """п.13: draft -> agreed, when the timetable is complete (its hours equal the programme's)."""
    cohort = get_cohort(session, cohort_id)
    if cohort.schedule_status == ScheduleStatus.AGREED:
        raise ValidationError.single("schedule", _(
            "The schedule of cohort {code} is already agreed ({status})."
        ).format(code=cohort.code, status=schedule_status_label(cohort.schedule_status, cohort.agreed_on)))
    problems: list[Problem] = []
    if not clean_spaces(agreed_with):
        problems.append(Problem("agreed_with", _(
            "Agreed with: name the bodies the schedule was agreed with (the authorised body and the "
            "regional education administration, п.13 of the Rules)."
        )))
    problems += length_problem("agreed_with", _("Agreed with"), clean_spaces(agreed_with),
                               column_lengths(Cohort)["agreed_with"])
    summary = hours_summary(session, cohort_id)
    if summary.planned == 0:
        problems.append(Problem("schedule", _(
            "The timetable of cohort {code} is empty. Add its sessions before agreeing it "
            "(п.13 of the Rules)."
        ).format(code=cohort.code)))
    elif summary.difference:
        problems.append(Problem("schedule", _(
            "The schedule of cohort {code} cannot be agreed yet: {remark}"
        ).format(code=cohort.code, remark=summary.remark)))
    raise_if(problems)
    cohort.schedule_status = ScheduleStatus.AGREED
    cohort.agreed_on = agreed_on
    cohort.agreed_with = clean_spaces(agreed_with)
    session.flush()
    return cohort


@guarded(Action.SCHEDULE)
def reopen_schedule(session: Session, cohort_id: int, reason: str, *, on: date | None = None) -> Cohort:
    """п.13: agreed -> draft. The reason is required and kept, dated (``on``, default today), in
    ``reopen_reason`` under the earlier ones; ``agreed_with`` stays to prefill the next agreement."""
    cohort = get_cohort(session, cohort_id)
    if cohort.schedule_status != ScheduleStatus.AGREED:
        raise ValidationError.single("schedule", _(
            "The schedule of cohort {code} is a draft already; there is nothing to reopen."
        ).format(code=cohort.code))
    text = clean_spaces(reason)
    if not text:
        raise ValidationError.single("reason", _(
            "Reason: say why the agreed schedule is reopened (for example, a trainer is ill). "
            "The reason is kept with the cohort."
        ))
    line = f"{(on or date.today()).isoformat()}: {text}"
    cohort.reopen_reason = f"{cohort.reopen_reason}\n{line}" if cohort.reopen_reason else line
    cohort.schedule_status = ScheduleStatus.DRAFT
    cohort.agreed_on = None
    session.flush()
    return cohort


# --- The list of teachers (п.12) --------------------------------------------------------------------------


def list_deadline(start: date) -> date:
    """п.12: the date by which a cohort's list of teachers must be formed (two months before ``start``)."""
    return list_formation_date(start)


@guarded(Action.ENROLMENT)
def mark_list_formed(session: Session, cohort_id: int, on: date) -> Cohort:
    """п.12: record the day the cohort's list of teachers was formed."""
    cohort = get_cohort(session, cohort_id)
    if on > cohort.start_date:
        raise ValidationError.single("list_formed_on", _(
            "List formed on: {date} is after the course starts ({start}). The list of teachers is formed "
            "before the course, two months ahead (п.12 of the Rules)."
        ).format(date=format_date(on), start=format_date(cohort.start_date)))
    cohort.list_formed_on = on
    session.flush()
    return cohort
