"""The schedule of courses (Кесте) for a period as plain data, in the document's language (kk or ru).

Both exports (:mod:`~pedesk.services.schedule.export`) render this one model, so the workbook and the PDF
always say the same. The language is the document's, independent of the interface: labels come from
``gettext_in(lang, ...)`` and dates from babel in that language.

Layout (12 columns): a header row for the cohorts (№, cohort, programme, kind, academic hours, start, end,
language, location, places, enrolled, schedule status) over a header row for their sessions (day, topic,
time, academic hours, trainer, form, room). Each cohort is a shaded row, followed by its whole timetable
(not only the days inside the period), each session under the cohort column it resembles: the day under
the cohort code, the topic under the programme, the time under the kind, the hours under the hours, the
trainer across start and end, classroom/distance under the language, the room under the location.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pedesk.i18n import N_, _, format_date, gettext_in
from pedesk.models import Cohort, Programme, ScheduleSession
from pedesk.models.enums import CourseKind, Language, ScheduleStatus
from pedesk.services.common import Problem, ValidationError, raise_if
from pedesk.services.schedule.cohort_queries import enrolled_count
from pedesk.services.schedule.lookups import get_cohort, own_office, session_span

__all__ = [
    "COHORT_HEADERS",
    "DOCUMENT_LANGUAGES",
    "SESSION_HEADERS",
    "TITLES",
    "CohortBlock",
    "ScheduleDocument",
    "SessionLine",
    "schedule_document",
]

DOCUMENT_LANGUAGES = ("kk", "ru")

#: The document's official title, fixed wording in each language (not a translation of English).
TITLES: dict[str, str] = {
    "kk": "Педагогтердің біліктілігін арттыру курстарының кестесі",
    "ru": "График курсов повышения квалификации педагогов",
}

COHORT_HEADERS: tuple[str, ...] = (
    N_("No."), N_("Cohort"), N_("Programme"), N_("Kind"), N_("Academic hours"), N_("Start"), N_("End"),
    N_("Language"), N_("Location"), N_("Places"), N_("Enrolled"), N_("Schedule"),
)
#: The session header: (label, first column, last column), 0-based; empty columns carry "".
SESSION_HEADERS: tuple[tuple[str, int, int], ...] = (
    ("", 0, 0), (N_("Day"), 1, 1), (N_("Topic"), 2, 2), (N_("Time"), 3, 3), (N_("Academic hours"), 4, 4),
    (N_("Trainer"), 5, 6), (N_("Form"), 7, 7), (N_("Room"), 8, 8), ("", 9, 11),
)
_KINDS = {CourseKind.SHORT: N_("short course"), CourseKind.LONG: N_("long course")}
_LANGUAGES = {Language.KK: N_("Kazakh"), Language.RU: N_("Russian"), Language.EN: N_("English")}
_STATUSES = {ScheduleStatus.DRAFT: N_("draft"), ScheduleStatus.AGREED: N_("agreed")}


@dataclass(frozen=True)
class SessionLine:
    day: date
    start: time
    end: time
    academic_hours: int
    topic: str
    trainer: str
    form: str
    room: str

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class CohortBlock:
    number: int
    code: str
    programme: str
    kind: str
    academic_hours: int
    start: date
    end: date
    language: str
    location: str
    capacity: int
    enrolled: int
    status: str
    sessions: tuple[SessionLine, ...]


@dataclass(frozen=True)
class ScheduleDocument:
    lang: str
    title: str
    office: str
    period: str
    cohort_headers: tuple[str, ...]
    session_headers: tuple[tuple[str, int, int], ...]
    no_sessions: str
    blocks: tuple[CohortBlock, ...]


def _check(start: date | None, end: date | None, lang: str) -> list[Problem]:
    """Problems for the user, in the interface's language (``_``), not the document's."""
    problems: list[Problem] = []
    if start is None or end is None:
        problems.append(Problem("period", _("Period: enter its first and last day.")))
    elif end < start:
        problems.append(Problem("end", _(
            "End of the period: {end} is before its start {start}. Enter an end on or after the start."
        ).format(end=format_date(end), start=format_date(start))))
    if lang not in DOCUMENT_LANGUAGES:
        problems.append(Problem("lang", _("Language of the document: choose Kazakh or Russian.")))
    return problems


def _session_line(entry: ScheduleSession, lang: str) -> SessionLine:
    begins, ends = session_span(entry.day, entry.start_time, entry.academic_hours)
    form = gettext_in(lang, "distance") if entry.distance else gettext_in(lang, "classroom")
    trainer = entry.trainer.full_name if entry.trainer is not None else ""
    return SessionLine(entry.day, begins.time(), ends.time(), entry.academic_hours, entry.topic, trainer,
                       form, entry.room)


def _status(cohort: Cohort, lang: str) -> str:
    label = gettext_in(lang, _STATUSES[cohort.schedule_status])
    if cohort.schedule_status == ScheduleStatus.AGREED and cohort.agreed_on is not None:
        return f"{label} {cohort.agreed_on:%d.%m.%Y}"
    return label


def _blocks(session: Session, office_id: int, start: date, end: date, lang: str,
            cohort_id: int | None = None) -> tuple[CohortBlock, ...]:
    query = (
        select(Cohort, Programme, enrolled_count())
        .join(Programme, Cohort.programme_id == Programme.id)
        .where(Cohort.office_id == office_id, Cohort.start_date <= end, Cohort.end_date >= start)
        .order_by(Cohort.start_date, Cohort.code, Cohort.id)
        .options(selectinload(Cohort.sessions).selectinload(ScheduleSession.trainer))
    )
    if cohort_id is not None:
        query = query.where(Cohort.id == cohort_id)
    blocks = []
    for number, (cohort, programme, enrolled) in enumerate(session.execute(query), start=1):
        entries = sorted(cohort.sessions, key=lambda s: (s.day, s.start_time, s.id))
        blocks.append(CohortBlock(
            number, cohort.code, programme.title(lang), gettext_in(lang, _KINDS[programme.kind]),
            programme.academic_hours, cohort.start_date, cohort.end_date,
            gettext_in(lang, _LANGUAGES[cohort.language]), cohort.location, cohort.capacity, int(enrolled),
            _status(cohort, lang), tuple(_session_line(entry, lang) for entry in entries),
        ))
    return tuple(blocks)


def schedule_document(session: Session, start: date | None, end: date | None, lang: str, *,
                      cohort_id: int | None = None) -> ScheduleDocument:
    """The office's cohorts that overlap ``start``..``end`` with their timetables, in ``lang`` (kk or ru); with
    ``cohort_id``, that one cohort of the office, over its own dates (``start`` and ``end`` are then ignored).

    Refused (``ValidationError``) when the period is missing or reversed, the language is not kk or ru,
    the office is not set up, or no cohort of the office falls in the period.
    """
    if cohort_id is not None:
        cohort = get_cohort(session, cohort_id)
        start, end = cohort.start_date, cohort.end_date
    raise_if(_check(start, end, lang))
    assert start is not None and end is not None
    office = own_office(session)
    blocks = _blocks(session, office.id, start, end, lang, cohort_id)
    if cohort_id is not None and not blocks:
        raise ValidationError.single("cohort", _("The cohort is not one of this office's; its schedule is "
                                                 "kept by the office that holds it."))
    if not blocks:
        raise ValidationError.single("period", _(
            "No cohorts of the office fall between {start} and {end}. Choose another period."
        ).format(start=format_date(start), end=format_date(end)))
    period = gettext_in(lang, "Period: {start} – {end}").format(
        start=format_date(start, "long", lang), end=format_date(end, "long", lang))
    return ScheduleDocument(
        lang=lang,
        title=TITLES[lang],
        office=office.name(lang),
        period=period,
        cohort_headers=tuple(gettext_in(lang, header) for header in COHORT_HEADERS),
        session_headers=tuple(
            (gettext_in(lang, label) if label else "", first, last) for label, first, last in SESSION_HEADERS
        ),
        no_sessions=gettext_in(lang, "No sessions in the timetable yet."),
        blocks=blocks,
    )
