"""Timetable entries (Кесте, п.13, 15) and the double bookings between them.

A session takes ``academic_hours`` × 45 minutes from its start time (п.22). A trainer or a room booked
twice at overlapping times is a *conflict*: flagged, never refused, since the office may know better
(two cohorts sharing one lecture, say). Sessions that only touch (10:30 end, 10:30 start) do not overlap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import Cohort, ScheduleSession, Trainer
from pedesk.services.access import Action, guarded
from pedesk.services.common import Problem, ValidationError, clean_spaces, fold, found_or_refuse, raise_if
from pedesk.services.schedule.lookups import MAX_SESSION_HOURS, get_cohort, require_draft, session_span

__all__ = [
    "Conflict",
    "ConflictKind",
    "ConflictSide",
    "SessionData",
    "SessionRow",
    "SessionSaved",
    "add_session",
    "delete_session",
    "find_conflicts",
    "list_sessions",
    "update_session",
]

_TOPIC_MAX = 600
_ROOM_MAX = 100


@dataclass(frozen=True)
class SessionData:
    """One timetable entry as the form gives it; ``distance`` sessions need no room."""

    day: date
    start_time: time
    academic_hours: int
    topic: str = ""
    trainer_id: int | None = None
    room: str = ""
    distance: bool = False


@dataclass(frozen=True)
class SessionRow:
    """A timetable entry as the timetable grid and the exports show it."""

    id: int
    day: date
    start_time: time
    end_time: time
    academic_hours: int
    topic: str
    trainer_id: int | None
    trainer: str
    room: str
    distance: bool


class ConflictKind(StrEnum):
    TRAINER = "trainer"
    ROOM = "room"


@dataclass(frozen=True)
class ConflictSide:
    """One of the two sessions of a conflict."""

    cohort_id: int
    cohort_code: str
    session_id: int
    start: time
    end: time
    topic: str


@dataclass(frozen=True)
class Conflict:
    """A trainer (``trainer_id``) or a room (``room``) booked twice on ``day``; ``who`` is the trainer's
    name or the room, ``first`` starts no later than ``second``; ``message`` is translated."""

    kind: ConflictKind
    day: date
    who: str
    trainer_id: int | None
    room: str
    first: ConflictSide
    second: ConflictSide
    message: str

    def involves(self, session_id: int) -> bool:
        return session_id in (self.first.session_id, self.second.session_id)


@dataclass(frozen=True)
class SessionSaved:
    """The saved entry's id and the conflicts it takes part in (flagged, not refused)."""

    session_id: int
    conflicts: tuple[Conflict, ...]


def _problems(session: Session, cohort: Cohort, data: SessionData) -> list[Problem]:
    problems: list[Problem] = []
    if not cohort.start_date <= data.day <= cohort.end_date:
        problems.append(Problem("day", _(
            "Day: {day} is outside the dates of cohort {code} ({start} – {end}). Choose a day within them."
        ).format(day=format_date(data.day), code=cohort.code, start=format_date(cohort.start_date),
                 end=format_date(cohort.end_date))))
    if not 1 <= data.academic_hours <= MAX_SESSION_HOURS:
        problems.append(Problem("academic_hours", _(
            "Academic hours: enter from 1 to {maximum} academic hours (45 minutes each) for one session."
        ).format(maximum=MAX_SESSION_HOURS)))
    elif session_span(data.day, data.start_time, data.academic_hours)[1].date() != data.day:
        problems.append(Problem("start_time", _(
            "Start time: a session of {hours} academic hours starting at {time} would end after midnight. "
            "Start it earlier or split it over two days."
        ).format(hours=data.academic_hours, time=data.start_time.strftime("%H:%M"))))
    if data.trainer_id is not None and session.get(Trainer, data.trainer_id) is None:
        problems.append(Problem("trainer_id", _(
            "Trainer: the chosen trainer was not found. Choose a trainer from the list or leave it empty."
        )))
    if len(clean_spaces(data.topic)) > _TOPIC_MAX:
        problems.append(Problem("topic", _("Topic: shorten it to {maximum} characters.").format(
            maximum=_TOPIC_MAX)))
    if len(clean_spaces(data.room)) > _ROOM_MAX:
        problems.append(Problem("room", _("Room: shorten it to {maximum} characters.").format(
            maximum=_ROOM_MAX)))
    return problems


def _fill(entry: ScheduleSession, data: SessionData) -> None:
    entry.day = data.day
    entry.start_time = data.start_time
    entry.academic_hours = data.academic_hours
    entry.topic = clean_spaces(data.topic)
    entry.trainer_id = data.trainer_id
    entry.room = "" if data.distance else clean_spaces(data.room)
    entry.distance = data.distance


def _saved(session: Session, entry: ScheduleSession) -> SessionSaved:
    session.flush()
    conflicts = find_conflicts(session, entry.day, entry.day)
    return SessionSaved(entry.id, tuple(c for c in conflicts if c.involves(entry.id)))


@guarded(Action.SCHEDULE)
def add_session(session: Session, cohort_id: int, data: SessionData) -> SessionSaved:
    """Add a timetable entry to a draft schedule; returns its id and the conflicts it is part of."""
    cohort = get_cohort(session, cohort_id)
    require_draft(cohort)
    raise_if(_problems(session, cohort, data))
    entry = ScheduleSession(cohort=cohort)
    _fill(entry, data)
    session.add(entry)
    return _saved(session, entry)


def list_sessions(session: Session, cohort_id: int) -> list[SessionRow]:
    """The cohort's timetable, by day and start time, with the trainers' names."""
    query = (
        select(ScheduleSession, Trainer.full_name)
        .outerjoin(Trainer, ScheduleSession.trainer_id == Trainer.id)
        .where(ScheduleSession.cohort_id == cohort_id)
        .order_by(ScheduleSession.day, ScheduleSession.start_time, ScheduleSession.id)
    )
    rows = []
    for entry, trainer in session.execute(query):
        ends = session_span(entry.day, entry.start_time, entry.academic_hours)[1].time()
        rows.append(SessionRow(entry.id, entry.day, entry.start_time, ends, entry.academic_hours, entry.topic,
                               entry.trainer_id, trainer or "", entry.room, entry.distance))
    return rows


def _get_entry(session: Session, session_id: int) -> ScheduleSession:
    return found_or_refuse(session, ScheduleSession, session_id, "session", _(
        "The session was not found; another user may have deleted it. Refresh the timetable."))


@guarded(Action.SCHEDULE)
def update_session(session: Session, session_id: int, data: SessionData) -> SessionSaved:
    """Change a timetable entry of a draft schedule; returns the conflicts it is part of afterwards."""
    entry = _get_entry(session, session_id)
    require_draft(entry.cohort)
    raise_if(_problems(session, entry.cohort, data))
    _fill(entry, data)
    return _saved(session, entry)


@guarded(Action.SCHEDULE)
def delete_session(session: Session, session_id: int) -> None:
    """Remove a timetable entry from a draft schedule."""
    entry = _get_entry(session, session_id)
    require_draft(entry.cohort)
    session.delete(entry)
    session.flush()


# --- Conflicts --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Booking:
    side: ConflictSide
    day: date
    begins: datetime
    ends: datetime
    trainer_id: int | None
    trainer: str
    room: str


def _bookings(session: Session, start: date, end: date) -> tuple[list[_Booking], dict[int, Hashable]]:
    """The sessions in the period, and for each the key of the room it occupies (if any)."""
    query = (
        select(ScheduleSession, Cohort.code, Cohort.office_id, Cohort.location, Trainer.full_name)
        .join(Cohort, ScheduleSession.cohort_id == Cohort.id)
        .outerjoin(Trainer, ScheduleSession.trainer_id == Trainer.id)
        .where(ScheduleSession.day >= start, ScheduleSession.day <= end)
    )
    bookings: list[_Booking] = []
    rooms: dict[int, Hashable] = {}
    for entry, code, office_id, location, trainer in session.execute(query):
        begins, ends = session_span(entry.day, entry.start_time, entry.academic_hours)
        side = ConflictSide(entry.cohort_id, code, entry.id, begins.time(), ends.time(), entry.topic)
        bookings.append(_Booking(side, entry.day, begins, ends, entry.trainer_id, trainer or "", entry.room))
        if entry.room.strip() and not entry.distance:
            # The same room name in another office or at another address is another room.
            rooms[entry.id] = (office_id, fold(location), fold(entry.room), entry.day)
    return bookings, rooms


def _overlapping(group: Iterable[_Booking]) -> Iterable[tuple[_Booking, _Booking]]:
    ordered = sorted(group, key=lambda b: (b.begins, b.side.session_id))
    for i, first in enumerate(ordered):
        for second in ordered[i + 1:]:
            if second.begins >= first.ends:
                break
            yield first, second


def _times(side: ConflictSide) -> str:
    return f"{side.start:%H:%M}–{side.end:%H:%M}"


def _conflict(kind: ConflictKind, first: _Booking, second: _Booking) -> Conflict:
    values = {
        "day": format_date(first.day),
        "first": first.side.cohort_code,
        "first_time": _times(first.side),
        "second": second.side.cohort_code,
        "second_time": _times(second.side),
    }
    if kind == ConflictKind.TRAINER:
        who = first.trainer
        message = _(
            "{trainer} is booked twice on {day}: cohort {first} at {first_time} and cohort {second} "
            "at {second_time}."
        ).format(trainer=who, **values)
    else:
        who = first.room
        message = _(
            "Room {room} is booked twice on {day}: cohort {first} at {first_time} and cohort {second} "
            "at {second_time}."
        ).format(room=who, **values)
    trainer_id = first.trainer_id if kind == ConflictKind.TRAINER else None
    room = first.room if kind == ConflictKind.ROOM else ""
    return Conflict(kind, first.day, who, trainer_id, room, first.side, second.side, message)


def find_conflicts(session: Session, start: date, end: date, cohort_id: int | None = None) -> list[Conflict]:
    """Trainers and rooms booked twice at overlapping times from ``start`` to ``end``, across all cohorts.

    Rooms left empty and distance sessions occupy no room. With ``cohort_id``, only the conflicts that
    involve that cohort. Ordered by day and time.
    """
    if end < start:
        raise ValidationError.single("end", _(
            "End of the period: {end} is before its start {start}. Enter an end on or after the start."
        ).format(end=format_date(end), start=format_date(start)))
    bookings, rooms = _bookings(session, start, end)
    by_trainer: dict[Hashable, list[_Booking]] = defaultdict(list)
    by_room: dict[Hashable, list[_Booking]] = defaultdict(list)
    for booking in bookings:
        if booking.trainer_id is not None:
            by_trainer[(booking.trainer_id, booking.day)].append(booking)
        if booking.side.session_id in rooms:
            by_room[rooms[booking.side.session_id]].append(booking)
    conflicts = [
        _conflict(kind, first, second)
        for kind, groups in ((ConflictKind.TRAINER, by_trainer), (ConflictKind.ROOM, by_room))
        for group in groups.values()
        for first, second in _overlapping(group)
    ]
    if cohort_id is not None:
        conflicts = [c for c in conflicts if cohort_id in (c.first.cohort_id, c.second.cohort_id)]
    conflicts.sort(key=lambda c: (c.day, c.first.start, c.second.start, c.kind.value))
    return conflicts
