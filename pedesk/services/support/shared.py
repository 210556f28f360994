"""What the monitoring card and the support report share (п.35-37): the document languages, the words for the
kinds of support and the monitoring results, and the certified listeners of a cohort or a period read in a few
queries with their works and monitoring. No Qt, no writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, or_
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, gettext_in
from pedesk.models import Certificate, Cohort, Programme, Teacher
from pedesk.models.enums import MonitoringResult, SupportKind
from pedesk.services.common import ValidationError, kazakh_key
from pedesk.services.rules import (
    FINAL_ANALYSIS_YEAR,
    WORKS_REQUIRED,
    final_analysis_due,
    monitoring_due_dates,
    works_due_date,
)
from pedesk.services.support.queries import (
    HOLDER,
    monitoring_done,
    monitoring_window,
    support_since,
    supported_certificates,
    works_held,
    works_window,
)

__all__ = [
    "DOCUMENT_LANGUAGES",
    "KIND_LABELS",
    "RESULT_LABELS",
    "Listener",
    "check_language",
    "listeners_of_cohort",
    "listeners_in_period",
    "percent",
    "result_label",
    "yes_no",
]

DOCUMENT_LANGUAGES = ("kk", "ru")

KIND_LABELS: dict[SupportKind, str] = {
    SupportKind.INDEPENDENT_WORK: N_("Independent work"),
    SupportKind.EXCHANGE_EVENT: N_("Experience-exchange event"),
    SupportKind.RECOGNITION: N_("Public recognition"),
    SupportKind.PROGRAMME_CORRECTION: N_("Programme correction"),
}
RESULT_LABELS: dict[MonitoringResult, str] = {
    MonitoringResult.POSITIVE: N_("Positive changes in practice"),
    MonitoringResult.PARTIAL: N_("Partial changes"),
    MonitoringResult.NO_CHANGE: N_("No change"),
}


def check_language(lang: str) -> None:
    """The card and the report are written in Kazakh or Russian, whatever the interface's language."""
    if lang not in DOCUMENT_LANGUAGES:
        raise ValidationError.single("lang", _("Language of the document: choose Kazakh or Russian."))


def yes_no(lang: str, flag: bool) -> str:
    return gettext_in(lang, "Yes") if flag else gettext_in(lang, "No")


def result_label(lang: str, result: MonitoringResult | None) -> str:
    return gettext_in(lang, RESULT_LABELS[result]) if result is not None else ""


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent with one decimal; None when there is nothing to count."""
    return round(100.0 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class Listener:
    """A certified listener with support (a valid certificate of ours, not after a course abroad): the works'
    dates (independent works only) and the monitoring done (``year_no`` -> ``done_on``; 0 is the final
    analysis), with those of the certificates it replaced; ``issued`` is the day the monitoring years count from
    (the first issue date after a reissue, see ``queries.Lineage``)."""

    certificate_id: int
    cohort_id: int
    cohort_code: str
    programme: str
    holder: str
    iin: str
    number: str
    issued: date
    course_end: date
    held: tuple[date, ...] = ()
    done: dict[int, date] = field(default_factory=dict)

    @property
    def works_due(self) -> date:
        return works_due_date(self.course_end)

    @property
    def works_done(self) -> int:
        """п.36.2: the independent works held by the deadline; later ones are recorded, not counted."""
        return sum(1 for day in self.held if day <= self.works_due)

    @property
    def works_late(self) -> int:
        return len(self.held) - self.works_done

    @property
    def works_complete(self) -> bool:
        return self.works_done >= WORKS_REQUIRED

    def years(self) -> list[tuple[int, date, date | None]]:
        """The yearly monitoring (п.37): ``(year_no, due, done_on)`` for the years 1 to 3."""
        return [(year_no, due, self.done.get(year_no))
                for year_no, due in enumerate(monitoring_due_dates(self.issued), 1)]

    @property
    def final_due(self) -> date:
        return final_analysis_due(self.issued)

    @property
    def final_done(self) -> date | None:
        return self.done.get(FINAL_ANALYSIS_YEAR)


def _supported(lang: str) -> Select[Any]:
    title = Programme.title_kk if lang == "kk" else Programme.title_ru
    return supported_certificates(Certificate.id, Cohort.id, Cohort.code, title, HOLDER, Teacher.iin,
                                  Certificate.number, Certificate.issue_date, Cohort.end_date)


def _listeners(session: Session, query: Select[Any]) -> list[Listener]:
    rows = session.execute(query).all()
    ids = [row[0] for row in rows]
    held, done = works_held(session, ids), monitoring_done(session, ids)
    since = support_since(session, ids, {row[0]: row[7] for row in rows})
    listeners = [Listener(certificate_id, cohort_id, code, programme, holder, iin, number, since[certificate_id],
                          end, tuple(sorted(held.get(certificate_id, ()))), done.get(certificate_id, {}))
                 for certificate_id, cohort_id, code, programme, holder, iin, number, _issued, end in rows]
    return sorted(listeners, key=lambda item: (item.cohort_code, kazakh_key(item.holder), item.number))


def listeners_of_cohort(session: Session, cohort_id: int, lang: str) -> list[Listener]:
    """The cohort's certified listeners with support, in Kazakh alphabetical order."""
    return _listeners(session, _supported(lang).where(Cohort.id == cohort_id))


def listeners_in_period(session: Session, start: date, end: date, lang: str) -> list[Listener]:
    """The certified listeners with support whose works deadline or a monitoring year (the final analysis is
    due with the third) may fall in ``start``-``end``; the caller makes the exact test."""
    windows = or_(works_window(start, end), monitoring_window(start, end),
                  Certificate.supersedes_id.is_not(None))  # a reissue counts from the first issue date: read, tested after
    return _listeners(session, _supported(lang).where(windows))
