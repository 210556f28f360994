"""What needs the office's attention today: the Dashboard screen's data (plain dataclasses, translated).

* cohorts of this office starting within 30 days;
* cohorts inside the two-month list window (п.12) whose list of teachers is not formed yet;
* planning deadlines (п.9-11: 1 August, 1 September, 1 November) within 60 days, across year ends;
* cohorts whose listeners passed the final assessment and wait for their certificates (п.29);
* the data-package month (п.17: January and June) when it is current or comes within 30 days, with the
  half-year its package concerns (January: July-December of the year before; June: January-June);
* post-course support (п.35-37): listeners whose 12 months for three works run out this month or ran out,
  monitoring (and final analyses) due this month or overdue;
* teachers due for a course: certificates running out within 12 months (п.32), teachers under 36 academic
  hours in the last 5 years (п.21).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date, ngettext
from pedesk.models import Office
from pedesk.services.certificates import AwaitingCohort, cohorts_awaiting_certificates
from pedesk.services.rules import (
    DeadlineKey,
    add_months,
    half_year_of,
    is_package_month,
    list_formation_date,
    list_is_formed,
    parse_period,
    upcoming_planning_deadlines,
)
from pedesk.services.schedule import CohortRow, cohorts_starting
from pedesk.services.support import support_due_counts
from pedesk.services.teachers import EXPIRY_HORIZON_MONTHS, count_certificates_expiring, count_due_for_course
from pedesk.services.teachers import SOON_DAYS as EXPIRY_SOON_DAYS

__all__ = [
    "AwaitingCertificates",
    "PACKAGE_NOTICE_DAYS",
    "PLANNING_HORIZON_DAYS",
    "SOON_DAYS",
    "STARTING_SOON_DAYS",
    "Dashboard",
    "DeadlineItem",
    "ListWarning",
    "PackageNotice",
    "StartingCohort",
    "Worklist",
    "dashboard",
    "package_notice",
    "when_label",
]

STARTING_SOON_DAYS = 30
"""Cohorts starting within this many days are listed."""
PACKAGE_NOTICE_DAYS = 30
"""A data-package month is announced this many days ahead."""
PLANNING_HORIZON_DAYS = 60
"""Planning deadlines this many days ahead are listed."""
SOON_DAYS = 30
"""A planning deadline this close is marked ``soon``."""


@dataclass(frozen=True)
class StartingCohort:
    cohort_id: int
    code: str
    programme: str
    start: date
    end: date
    days_until: int
    enrolled: int
    capacity: int
    when: str
    message: str


@dataclass(frozen=True)
class ListWarning:
    """п.12: the list of teachers was due on ``deadline`` and is not formed; ``days_left`` to the start."""

    cohort_id: int
    code: str
    programme: str
    start: date
    deadline: date
    days_left: int
    when: str
    message: str


@dataclass(frozen=True)
class DeadlineItem:
    """A planning deadline (п.9-11); ``label`` says who does what, ``when`` how soon."""

    key: DeadlineKey
    due: date
    days_left: int
    soon: bool
    label: str
    when: str


@dataclass(frozen=True)
class PackageNotice:
    """п.17: the package month starting on ``month_start`` (1 January or 1 June), current or coming,
    and the half-year its package concerns (``period`` "2025-H2", from ``period_start`` to ``period_end``)."""

    current: bool
    month_start: date
    days_until: int
    period: str
    period_start: date
    period_end: date
    period_label: str
    message: str


@dataclass(frozen=True)
class Dashboard:
    today: date
    office_set_up: bool
    starting_soon: tuple[StartingCohort, ...]
    lists_not_formed: tuple[ListWarning, ...]
    deadlines: tuple[DeadlineItem, ...]
    package: PackageNotice | None
    awaiting_certificates: tuple[AwaitingCertificates, ...] = ()
    worklists: tuple[Worklist, ...] = ()


@dataclass(frozen=True)
class Worklist:
    """A line of the Post-course worklists: ``tab`` is the Post-course section's tab that lists them (``works``
    and ``monitoring`` open "due"), ``count`` how many, ``urgent`` how many of them are overdue (or soon)."""

    key: str
    tab: str
    count: int
    urgent: int
    message: str


@dataclass(frozen=True)
class AwaitingCertificates:
    """A cohort with ``waiting`` listeners who passed and hold no certificate yet (п.29)."""

    cohort_id: int
    code: str
    end: date
    waiting: int
    message: str


def when_label(days: int) -> str:
    """"today", "in 1 day", "in 5 days" in the current language (``days`` >= 0)."""
    if days <= 0:
        return _("today")
    return ngettext("in {days} day", "in {days} days", days).format(days=days)


def _starting(row: CohortRow, today: date) -> StartingCohort:
    days = (row.start - today).days
    message = _(
        "Cohort {code} ({programme}) starts on {date}; {enrolled} of {capacity} places are taken."
    ).format(code=row.code, programme=row.programme, date=format_date(row.start), enrolled=row.enrolled,
             capacity=row.capacity)
    return StartingCohort(row.id, row.code, row.programme, row.start, row.end, days, row.enrolled,
                          row.capacity, when_label(days), message)


def _list_warning(row: CohortRow, today: date) -> ListWarning:
    days = (row.start - today).days
    message = _(
        "The list of teachers of cohort {code} was to be formed by {deadline} (п.12 of the Rules) and is "
        "not formed yet; the course starts on {start}. Form the list and mark it as formed."
    ).format(code=row.code, deadline=format_date(row.list_deadline), start=format_date(row.start))
    return ListWarning(row.id, row.code, row.programme, row.start, row.list_deadline, days,
                       when_label(days), message)


def _period_label(period: str) -> str:
    year = period[:4]
    if period.endswith("H1"):
        return _("January to June {year}").format(year=year)
    return _("July to December {year}").format(year=year)


def package_notice(today: date, within_days: int = PACKAGE_NOTICE_DAYS) -> PackageNotice | None:
    """п.17: the data-package month if ``today`` is in it or it starts within ``within_days``, else None.

    A January package concerns the second half of the year before; a June package the first half of
    the current year.
    """
    if is_package_month(today):
        month_start = today.replace(day=1)
    else:
        month_start = date(today.year, 6, 1) if today.month < 6 else date(today.year + 1, 1, 1)
        if (month_start - today).days > within_days:
            return None
    concerns = month_start - timedelta(days=1) if month_start.month == 1 else month_start
    period = half_year_of(concerns)
    first, last = parse_period(period)
    values = {"period": _period_label(period), "start": format_date(first), "end": format_date(last)}
    current = month_start <= today
    if current:
        message = _(
            "This month data on course listeners is sent to the unified database (п.17 of the Rules): "
            "export the data package for {period} ({start} – {end})."
        ).format(**values)
    else:
        message = _(
            "From {date} data on course listeners is sent to the unified database (п.17 of the Rules): "
            "prepare the data package for {period} ({start} – {end})."
        ).format(date=format_date(month_start), **values)
    message += " " + _("An office exports its package in the Packages section; the regional administration imports "
                       "its offices' packages there and exports the consolidated one.")
    return PackageNotice(current, month_start, max(0, (month_start - today).days), period, first, last,
                         values["period"], message)


def _deadlines(today: date, within_days: int) -> tuple[DeadlineItem, ...]:
    return tuple(
        DeadlineItem(item.key, item.due, (item.due - today).days, (item.due - today).days <= SOON_DAYS,
                     item.label, when_label((item.due - today).days))
        for item in upcoming_planning_deadlines(today, within_days)
    )


def dashboard(
    session: Session, today: date, lang: str, *, deadline_days: int = PLANNING_HORIZON_DAYS,
    with_worklists: bool = True,
) -> Dashboard:
    """Everything the Dashboard shows on ``today``; programme titles in ``lang`` (kk or ru).

    Cohorts are this office's (none when the office is not set up: ``office_set_up`` is False);
    planning deadlines are those within ``deadline_days``. The worklists (:func:`worklists`) read every
    certificate of the last years; ``with_worklists=False`` leaves them out, for a caller that counts them
    in the background.
    """
    office = session.scalars(select(Office).where(Office.is_own).limit(1)).first()
    starting: list[StartingCohort] = []
    lists: list[ListWarning] = []
    if office is not None:
        # One query up to the furthest start either list can need; the п.12 window is then exact.
        last = max(today + timedelta(days=STARTING_SOON_DAYS), add_months(today, 2) + timedelta(days=3))
        for row in cohorts_starting(session, today, last, lang, today=today, office_id=office.id):
            if (row.start - today).days <= STARTING_SOON_DAYS:
                starting.append(_starting(row, today))
            if row.list_formed_on is None and list_is_formed(row.start, today):
                lists.append(_list_warning(row, today))
    lists.sort(key=lambda item: (list_formation_date(item.start), item.code))
    awaiting = tuple(_awaiting(row) for row in cohorts_awaiting_certificates(session, lang=lang)) if office else ()
    return Dashboard(today, office is not None, tuple(starting), tuple(lists),
                     _deadlines(today, deadline_days), package_notice(today), awaiting,
                     worklists(session, today) if with_worklists else ())


def worklists(session: Session, today: date) -> tuple[Worklist, ...]:
    """The four worklists of the Post-course section as counts with a sentence each; a list with nobody on it
    is left out."""
    due = support_due_counts(session, today=today)
    works_late, visits_late = due.get(("works", True), 0), due.get(("monitoring", True), 0)
    works, visits = works_late + due.get(("works", False), 0), visits_late + due.get(("monitoring", False), 0)
    expiring = count_certificates_expiring(session, today)
    soon = count_certificates_expiring(session, today, within_days=EXPIRY_SOON_DAYS, unplanned=True) if expiring else 0
    under = count_due_for_course(session, today)
    lines = [
        Worklist("works", "due", works, works_late, ngettext(
            "{count} listener has fewer than three works and the 12 months after the course run out this month or "
            "have run out ({late} overdue).",
            "{count} listeners have fewer than three works and the 12 months after their course run out this month "
            "or have run out ({late} overdue).", works).format(count=works, late=works_late)),
        Worklist("monitoring", "due", visits, visits_late, ngettext(
            "{count} monitoring is due this month or overdue ({late} overdue).",
            "{count} monitorings are due this month or overdue ({late} overdue).",
            visits).format(count=visits, late=visits_late)),
        Worklist("expiring", "expiring", expiring, soon, ngettext(
            "{count} teacher's certificate runs out within {months} months ({soon} within {days} days and on no "
            "cohort's list): due for a course.",
            "{count} teachers' certificates run out within {months} months ({soon} within {days} days and on no "
            "cohort's list): due for a course.", expiring).format(count=expiring, months=EXPIRY_HORIZON_MONTHS, soon=soon, days=EXPIRY_SOON_DAYS)),
        Worklist("hours", "hours", under, 0, ngettext(
            "{count} teacher has under 36 academic hours of courses in the last 5 years: due for a course.",
            "{count} teachers have under 36 academic hours of courses in the last 5 years: due for a course.",
            under).format(count=under)),
    ]
    return tuple(line for line in lines if line.count)


def _awaiting(row: AwaitingCohort) -> AwaitingCertificates:
    message = ngettext(
        "{code} ({programme}), ended {end}: {count} listener passed and waits for the certificate.",
        "{code} ({programme}), ended {end}: {count} listeners passed and wait for their certificates.",
        row.waiting,
    ).format(code=row.code, programme=row.programme, end=format_date(row.end), count=row.waiting)
    return AwaitingCertificates(row.id, row.code, row.end, row.waiting, message)
