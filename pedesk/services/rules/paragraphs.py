"""The Rules (Order No. 95 of 28.01.2016 as amended by Order No. 137 of 09.04.2020), one named place per rule.

Each constant and function says which paragraph (п.N) it implements; where the text is ambiguous the
docstring quotes the DECISION of ``RULES.md``. When the law changes, change it here (and in the test).
Pure functions on ``datetime.date``: no Qt, no database.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from pedesk.i18n import _, format_date
from pedesk.models.enums import AssessmentKind, CourseKind, RetakeMode

__all__ = [
    "ABROAD_LONG_MAX_MONTHS",
    "ACADEMIC_HOUR_MINUTES",
    "CERTIFICATE_VALID_YEARS",
    "HOURS_WINDOW_YEARS",
    "LIST_LEAD_MONTHS",
    "MAX_HOURS_IN_WINDOW",
    "MIN_HOURS_IN_WINDOW",
    "MIN_LONG_HOURS",
    "MIN_SHORT_HOURS",
    "FINAL_ANALYSIS_YEAR",
    "MONITORING_YEARS",
    "REASSESSMENT_INTERVAL_MONTHS",
    "REASSESSMENT_MODES",
    "WORKS_REQUIRED",
    "WORKS_WINDOW_MONTHS",
    "CourseKind",
    "DeadlineKey",
    "PlanningDeadline",
    "add_months",
    "assessment_kind",
    "add_years_rule",
    "certificate_is_expired",
    "certificate_valid_until",
    "half_year_of",
    "hours_in_window",
    "is_due_for_course",
    "is_package_month",
    "late_addition_needs_reason",
    "list_formation_date",
    "list_is_formed",
    "final_analysis_due",
    "monitoring_due_dates",
    "parse_period",
    "planning_deadlines",
    "programme_duration_problem",
    "reassessment_refusal",
    "reissued_valid_until",
    "support_applies",
    "upcoming_planning_deadlines",
    "would_exceed_hours",
    "works_due_date",
]

# --- Constants ------------------------------------------------------------------------------------------

ACADEMIC_HOUR_MINUTES = 45
"""п.22: one academic hour is 45 minutes."""
MIN_SHORT_HOURS = 36
"""п.21: a short course (in the country or abroad) lasts at least 36 academic hours."""
MIN_LONG_HOURS = 108
"""п.21: a long course in the country lasts at least 108 academic hours."""
ABROAD_LONG_MAX_MONTHS = 12
"""п.4, п.21: a long course abroad lasts up to one year."""
HOURS_WINDOW_YEARS = 5
"""п.21: the inter-course period is 5 years."""
MAX_HOURS_IN_WINDOW = 180
"""п.21 DECISION: at most 180 academic hours per teacher in the 5-year inter-course period."""
MIN_HOURS_IN_WINDOW = 36
"""п.21 DECISION: at least 36 academic hours per teacher in the 5-year inter-course period."""
CERTIFICATE_VALID_YEARS = 5
"""п.32: a certificate is valid for 5 years from its issue date."""
LIST_LEAD_MONTHS = 2
"""п.12: the list of teachers for a course is formed two months before it starts."""
REASSESSMENT_INTERVAL_MONTHS = 12
"""п.30.1 DECISION: re-assessment not more than once in 12 months."""
WORKS_REQUIRED = 3
"""п.36.2: at least three independent works after the course."""
WORKS_WINDOW_MONTHS = 12
"""п.36.2 DECISION: the works are due within 12 months after the course's end date."""
MONITORING_YEARS = 3
"""п.37: monitoring of post-course support once a year for three years."""
FINAL_ANALYSIS_YEAR = 0
"""п.35: the final analysis of changes in the teacher's practice is stored as the monitoring record of year 0."""

# --- Date arithmetic -------------------------------------------------------------------------------------


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months (``n`` may be negative); the day is clamped to the month's end.

    31 December - 2 months = 31 October; 30 April - 2 months = 28 (or 29) February.
    """
    total = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(total, 12)
    month = month0 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_years_rule(d: date, n: int) -> date:
    """п.32 DECISION: the same day and month ``n`` years later (``n`` may be negative).

    29 February becomes 1 March when the target year is not a leap year.
    """
    year = d.year + n
    if d.month == 2 and d.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return d.replace(year=year)


# --- Certificates (п.32) ----------------------------------------------------------------------------------


def certificate_valid_until(issue_date: date) -> date:
    """п.32 DECISION: a certificate is valid until the same day and month 5 years later (exclusive).

    Issued on 29 February -> valid until 1 March.
    """
    return add_years_rule(issue_date, CERTIFICATE_VALID_YEARS)


def reissued_valid_until(original_valid_until: date) -> date:
    """п.32 DECISION (ours): a certificate reissued after a correction keeps the validity of the one it
    replaces; correcting a misspelt name does not give another five years."""
    return original_valid_until


def certificate_is_expired(valid_until: date, today: date) -> bool:
    """п.32 DECISION: expired when ``today >= valid_until`` (the valid-until date is exclusive)."""
    return today >= valid_until


# --- Course kinds and durations (п.21-22) -----------------------------------------------------------------


def programme_duration_problem(
    kind: CourseKind, academic_hours: int, abroad: bool, months: int | None = None
) -> str | None:
    """п.21-22: a translated message when a programme's length breaks the Rules, else None.

    In the country: short >= 36 academic hours, long >= 108 academic hours. Abroad: short >= 36
    academic hours; long up to 1 year, so its length in months is required (1 to 12) and its academic
    hours only need to be more than 0.
    """
    if kind == CourseKind.LONG and abroad:
        if months is None or months <= 0:
            return _(
                "Length in months: a long course abroad lasts up to {maximum} months (п.21 of the Rules). "
                "Enter its length, from 1 to {maximum} months."
            ).format(maximum=ABROAD_LONG_MAX_MONTHS)
        if months > ABROAD_LONG_MAX_MONTHS:
            return _(
                "Length in months: a long course abroad may last at most {maximum} months "
                "(п.21 of the Rules), but this one is set to {months}. Enter {maximum} or fewer."
            ).format(maximum=ABROAD_LONG_MAX_MONTHS, months=months)
        if academic_hours <= 0:
            return _("Academic hours: enter the course's volume in academic hours; it must be more than 0.")
        return None
    if kind == CourseKind.LONG:
        if academic_hours < MIN_LONG_HOURS:
            return _(
                "Academic hours: a long course must have at least {minimum} academic hours "
                "(п.21 of the Rules), but this programme has {hours}. Enter at least {minimum}."
            ).format(minimum=MIN_LONG_HOURS, hours=academic_hours)
        return None
    if academic_hours < MIN_SHORT_HOURS:
        return _(
            "Academic hours: a short course must have at least {minimum} academic hours "
            "(п.21 of the Rules), but this programme has {hours}. Enter at least {minimum}."
        ).format(minimum=MIN_SHORT_HOURS, hours=academic_hours)
    return None


# --- List of teachers for a course (п.12) -----------------------------------------------------------------


def list_formation_date(start: date) -> date:
    """п.12: the list of teachers for a course is formed two months before the course starts."""
    return add_months(start, -LIST_LEAD_MONTHS)


def list_is_formed(start: date, today: date) -> bool:
    """п.12 DECISION: from ``start - 2 months`` on, the list of the course is "formed"."""
    return today >= list_formation_date(start)


def late_addition_needs_reason(start: date, today: date) -> bool:
    """п.12 DECISION: adding a teacher once the list is formed needs a stated reason."""
    return list_is_formed(start, today)


# --- Hours in the inter-course period (п.21) --------------------------------------------------------------


def hours_in_window(courses: Iterable[tuple[date, int]], today: date) -> int:
    """п.21 DECISION: academic hours of the courses that ended in the 5 years up to ``today``.

    ``courses`` holds ``(end_date, academic_hours)``; a course counts when
    ``add_years_rule(today, -5) < end_date <= today``.
    """
    window_start = add_years_rule(today, -HOURS_WINDOW_YEARS)
    return sum(hours for end, hours in courses if window_start < end <= today)


def would_exceed_hours(current: int, added: int) -> bool:
    """п.21 DECISION: True when adding ``added`` hours would pass 180 hours in the 5-year period."""
    return current + added > MAX_HOURS_IN_WINDOW


def is_due_for_course(hours: int) -> bool:
    """п.21 DECISION: a teacher with fewer than 36 academic hours in the 5-year period is due for a course."""
    return hours < MIN_HOURS_IN_WINDOW


# --- Re-assessment (п.30) ---------------------------------------------------------------------------------


REASSESSMENT_MODES = (RetakeMode.REASSESSMENT, RetakeMode.NEXT_COHORT)
"""п.30.1 DECISION (ours): attempts under п.30.1 (re-assessment) and п.30.2 (with the next cohort) both count
as re-assessments for the 12 months; a п.30.2 attempt itself waits for the next cohort to end instead."""


def assessment_kind(kind: CourseKind) -> AssessmentKind:
    """п.27-28: a short course ends with an internal final assessment by the provider itself; a long course
    with an external one by another organisation under a contract, done by certified experts."""
    return AssessmentKind.EXTERNAL if CourseKind(kind) == CourseKind.LONG else AssessmentKind.INTERNAL


def reassessment_refusal(previous_reassessments: Iterable[date], on: date) -> tuple[str, date] | None:
    """п.30.1 DECISION: a second re-assessment within 12 months of the previous one is refused.

    ``previous_reassessments`` are the listener's earlier re-assessment dates (dates after ``on`` are
    not "previous" and are ignored). Returns None when a re-assessment on ``on`` is allowed, else a
    translated message and the earliest date it becomes possible (``add_months(latest, 12)``).
    """
    earlier = [d for d in previous_reassessments if d <= on]
    if not earlier:
        return None
    latest = max(earlier)
    possible_from = add_months(latest, REASSESSMENT_INTERVAL_MONTHS)
    if on >= possible_from:
        return None
    message = _(
        "A second re-assessment within {months} months is not allowed (п.30 of the Rules): the previous "
        "re-assessment was on {previous}. The next one is possible from {date}."
    ).format(
        months=REASSESSMENT_INTERVAL_MONTHS, previous=format_date(latest), date=format_date(possible_from)
    )
    return message, possible_from


# --- Annual planning (п.9-11) -----------------------------------------------------------------------------

DeadlineKey = Literal["school_applications", "district_plan", "region_plan"]


@dataclass(frozen=True)
class PlanningDeadline:
    """One yearly planning deadline: ``key`` (stable), ``due`` date and a translated ``label``."""

    key: DeadlineKey
    due: date
    label: str


def planning_deadlines(year: int) -> list[PlanningDeadline]:
    """п.9-11: the planning deadlines of ``year``, in date order.

    п.9: schools send their applications by 1 August; п.10: district departments send their plans and
    the applications to the regional administration by 1 September; п.11: the regional administration
    forms the region's plan for the next financial year by 1 November.
    """
    return [
        PlanningDeadline(
            key="school_applications",
            due=date(year, 8, 1),
            label=_("Schools send their applications for teachers' courses (п.9)"),
        ),
        PlanningDeadline(
            key="district_plan",
            due=date(year, 9, 1),
            label=_(
                "District education departments send their plans and the schools' applications "
                "to the regional education administration (п.10)"
            ),
        ),
        PlanningDeadline(
            key="region_plan",
            due=date(year, 11, 1),
            label=_(
                "The regional education administration forms the region's plan of teachers' courses "
                "for the next financial year (п.11)"
            ),
        ),
    ]


def upcoming_planning_deadlines(today: date, within_days: int = 60) -> list[PlanningDeadline]:
    """п.9-11: the deadlines ``d`` with ``today <= d.due <= today + within_days``, across year ends."""
    if within_days < 0:
        return []
    last = today + timedelta(days=within_days)
    return [
        deadline
        for year in range(today.year, last.year + 1)
        for deadline in planning_deadlines(year)
        if today <= deadline.due <= last
    ]


# --- Reporting (п.17) -------------------------------------------------------------------------------------

_PERIOD = re.compile(r"^\s*([0-9]{4})\s*-\s*[Hh]([12])\s*$")


def parse_period(text: str) -> tuple[date, date]:
    """п.17 DECISION: a half-year period "2026-H1" (1 January-30 June) or "2026-H2" (1 July-31 December).

    Returns the first and last day (both inclusive). Raises ``ValueError`` with a translated message
    for anything else.
    """
    match = _PERIOD.match(text) if isinstance(text, str) else None
    year = int(match.group(1)) if match is not None else 0
    if match is None or year < 1:
        raise ValueError(
            _(
                '"{text}" is not a half-year. Write the year, a dash and H1 or H2, for example '
                "2026-H1 (January to June) or 2026-H2 (July to December)."
            ).format(text=text)
        )
    if match.group(2) == "1":
        return date(year, 1, 1), date(year, 6, 30)
    return date(year, 7, 1), date(year, 12, 31)


def is_package_month(d: date) -> bool:
    """п.17: data on listeners is sent twice a year, in January and June."""
    return d.month in (1, 6)


def half_year_of(d: date) -> str:
    """п.17 DECISION: the half-year containing ``d``, as "2026-H1" or "2026-H2" (see :func:`parse_period`)."""
    return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"


# --- Post-course support (п.5, 35-37) ---------------------------------------------------------------------


def works_due_date(course_end: date) -> date:
    """п.36.2 DECISION: the three independent works are due within 12 months after the course's end date."""
    return add_months(course_end, WORKS_WINDOW_MONTHS)


def monitoring_due_dates(issue_date: date) -> list[date]:
    """п.37 DECISION: one monitoring record per year for 3 years, counted from the certificate's issue date."""
    return [add_years_rule(issue_date, k) for k in range(1, MONITORING_YEARS + 1)]


def final_analysis_due(issue_date: date) -> date:
    """п.35 DECISION: the final analysis closes the three years; it is due with the third monitoring, and may
    be recorded once the three yearly visits are."""
    return monitoring_due_dates(issue_date)[-1]


def support_applies(abroad: bool) -> bool:
    """п.5: there is no post-course support or monitoring after a course abroad."""
    return not abroad
