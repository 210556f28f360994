"""The Rules as code (pedesk.services.rules.paragraphs): one test per rule and per DECISION of RULES.md."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pedesk.services.rules import paragraphs as rules
from pedesk.services.rules.paragraphs import (
    CourseKind,
    PlanningDeadline,
    add_months,
    add_years_rule,
    certificate_is_expired,
    certificate_valid_until,
    half_year_of,
    hours_in_window,
    is_due_for_course,
    is_package_month,
    late_addition_needs_reason,
    list_formation_date,
    list_is_formed,
    monitoring_due_dates,
    parse_period,
    planning_deadlines,
    programme_duration_problem,
    reassessment_refusal,
    support_applies,
    upcoming_planning_deadlines,
    works_due_date,
    would_exceed_hours,
)


def test_constants() -> None:
    assert rules.ACADEMIC_HOUR_MINUTES == 45
    assert (rules.MIN_SHORT_HOURS, rules.MIN_LONG_HOURS) == (36, 108)
    assert rules.ABROAD_LONG_MAX_MONTHS == 12
    assert (rules.HOURS_WINDOW_YEARS, rules.MIN_HOURS_IN_WINDOW, rules.MAX_HOURS_IN_WINDOW) == (5, 36, 180)
    assert rules.CERTIFICATE_VALID_YEARS == 5
    assert rules.LIST_LEAD_MONTHS == 2
    assert rules.REASSESSMENT_INTERVAL_MONTHS == 12
    assert (rules.WORKS_REQUIRED, rules.WORKS_WINDOW_MONTHS) == (3, 12)
    assert rules.MONITORING_YEARS == 3


# --- Date arithmetic ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 12, 31), -2, date(2026, 10, 31)),
        (date(2026, 4, 30), -2, date(2026, 2, 28)),
        (date(2028, 4, 30), -2, date(2028, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 5, 17), 0, date(2026, 5, 17)),
        (date(2026, 5, 17), -25, date(2024, 4, 17)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2024, 2, 29), 5, date(2029, 3, 1)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2024, 2, 29), 1, date(2025, 3, 1)),
        (date(2024, 2, 29), -1, date(2023, 3, 1)),
        (date(2024, 2, 28), 1, date(2025, 2, 28)),
        (date(2026, 6, 15), -5, date(2021, 6, 15)),
    ],
)
def test_add_years_rule(start: date, years: int, expected: date) -> None:
    assert add_years_rule(start, years) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(-600, 600))
def test_add_months_never_overshoots_the_month(start: date, months: int) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == start.day or (result.day < start.day and (result + timedelta(days=1)).day == 1)


# --- Certificates (п.32) -----------------------------------------------------------------------------------


def test_certificate_issued_on_29_february() -> None:
    until = certificate_valid_until(date(2024, 2, 29))
    assert until == date(2029, 3, 1)
    assert certificate_is_expired(until, date(2029, 3, 1)) is True
    assert certificate_is_expired(until, date(2029, 2, 28)) is False


def test_certificate_ordinary_date() -> None:
    until = certificate_valid_until(date(2026, 6, 15))
    assert until == date(2031, 6, 15)
    assert certificate_is_expired(until, date(2031, 6, 14)) is False
    assert certificate_is_expired(until, date(2031, 6, 15)) is True
    assert certificate_is_expired(until, date(2035, 1, 1)) is True


# --- Durations (п.21-22) -----------------------------------------------------------------------------------


def _minimum_at_home(kind: CourseKind, enough: tuple[int, ...], too_few: int, problem: str) -> None:
    """Each of ``enough`` hours passes at home; ``too_few`` gets ``problem``."""
    for hours in enough:
        assert programme_duration_problem(kind, hours, abroad=False) is None
    assert programme_duration_problem(kind, too_few, abroad=False) == problem


def test_short_course_minimum() -> None:
    _minimum_at_home(CourseKind.SHORT, (36,), 35, "Academic hours: a short course must have at least 36 academic "
                     "hours (п.21 of the Rules), but this programme has 35. Enter at least 36.")


def test_long_course_minimum() -> None:
    too_few = ("Academic hours: a long course must have at least 108 academic hours (п.21 of the Rules), "
               "but this programme has 107. Enter at least 108.")
    _minimum_at_home(CourseKind.LONG, (108, 240), 107, too_few)


def test_short_course_abroad_minimum() -> None:
    assert programme_duration_problem(CourseKind.SHORT, 36, abroad=True) is None
    problem = programme_duration_problem(CourseKind.SHORT, 35, abroad=True)
    assert problem is not None and problem.startswith("Academic hours:") and "36" in problem


def test_long_course_abroad_length_in_months() -> None:
    assert programme_duration_problem(CourseKind.LONG, 20, abroad=True, months=12) is None
    assert programme_duration_problem(CourseKind.LONG, 1, abroad=True, months=1) is None
    assert programme_duration_problem(CourseKind.LONG, 500, abroad=True, months=13) == (
        "Length in months: a long course abroad may last at most 12 months (п.21 of the Rules), "
        "but this one is set to 13. Enter 12 or fewer."
    )
    missing = (
        "Length in months: a long course abroad lasts up to 12 months (п.21 of the Rules). "
        "Enter its length, from 1 to 12 months."
    )
    assert programme_duration_problem(CourseKind.LONG, 500, abroad=True) == missing
    assert programme_duration_problem(CourseKind.LONG, 500, abroad=True, months=0) == missing


def test_long_course_abroad_needs_some_hours() -> None:
    assert programme_duration_problem(CourseKind.LONG, 0, abroad=True, months=6) == (
        "Academic hours: enter the course's volume in academic hours; it must be more than 0."
    )
    # 107 hours would be too few at home, but abroad only the length in months is limited.
    assert programme_duration_problem(CourseKind.LONG, 107, abroad=True, months=6) is None


def test_course_kind_values() -> None:
    assert CourseKind("short") is CourseKind.SHORT
    assert CourseKind.LONG.value == "long"
    assert str(CourseKind.SHORT) == "short"


# --- List of teachers (п.12) -------------------------------------------------------------------------------


def test_list_formation_date() -> None:
    assert list_formation_date(date(2026, 12, 31)) == date(2026, 10, 31)
    assert list_formation_date(date(2026, 4, 30)) == date(2026, 2, 28)
    assert list_formation_date(date(2026, 1, 10)) == date(2025, 11, 10)


def test_list_is_formed_from_the_formation_date() -> None:
    start = date(2026, 12, 31)
    assert list_is_formed(start, date(2026, 10, 30)) is False
    assert list_is_formed(start, date(2026, 10, 31)) is True
    assert list_is_formed(start, date(2027, 1, 5)) is True
    assert late_addition_needs_reason(start, date(2026, 10, 30)) is False
    assert late_addition_needs_reason(start, date(2026, 10, 31)) is True


# --- Hours in the 5-year period (п.21) ---------------------------------------------------------------------


def test_hours_window_boundaries() -> None:
    today = date(2026, 6, 15)
    courses = [
        (date(2021, 6, 15), 1000),  # exactly 5 years ago: outside
        (date(2021, 6, 16), 72),  # inside
        (date(2024, 3, 1), 36),  # inside
        (date(2026, 6, 15), 18),  # ends today: inside
        (date(2026, 6, 16), 500),  # ends tomorrow: not yet
    ]
    assert hours_in_window(courses, today) == 72 + 36 + 18
    assert hours_in_window([], today) == 0
    assert hours_in_window(iter(courses), today) == 126


def test_hours_window_from_29_february() -> None:
    # Five years before 29 Feb 2028 is 1 March 2023 (DECISION): a course ending that day is outside.
    today = date(2028, 2, 29)
    assert hours_in_window([(date(2023, 3, 1), 36), (date(2023, 3, 2), 40)], today) == 40


def test_hours_limits() -> None:
    assert would_exceed_hours(144, 36) is False
    assert would_exceed_hours(144, 37) is True
    assert would_exceed_hours(0, 181) is True
    assert is_due_for_course(35) is True
    assert is_due_for_course(36) is False
    assert is_due_for_course(0) is True


# --- Re-assessment (п.30) ----------------------------------------------------------------------------------


def test_first_reassessment_is_allowed() -> None:
    assert reassessment_refusal([], date(2026, 5, 1)) is None


def test_second_reassessment_within_12_months_is_refused() -> None:
    refusal = reassessment_refusal([date(2025, 3, 10)], date(2026, 3, 9))
    assert refusal is not None
    message, possible_from = refusal
    assert possible_from == date(2026, 3, 10)
    assert message == (
        "A second re-assessment within 12 months is not allowed (п.30 of the Rules): the previous "
        "re-assessment was on Mar 10, 2025. The next one is possible from Mar 10, 2026."
    )
    assert reassessment_refusal([date(2025, 3, 10)], date(2026, 3, 10)) is None


def test_reassessment_counts_from_the_latest() -> None:
    previous = [date(2023, 1, 5), date(2025, 8, 31), date(2024, 2, 1)]
    refusal = reassessment_refusal(previous, date(2026, 2, 1))
    assert refusal is not None
    assert refusal[1] == date(2026, 8, 31)
    assert reassessment_refusal(previous, date(2026, 8, 31)) is None


def test_reassessment_on_the_same_day_is_refused() -> None:
    refusal = reassessment_refusal([date(2026, 5, 1)], date(2026, 5, 1))
    assert refusal is not None and refusal[1] == date(2027, 5, 1)


def test_reassessment_after_29_february_and_later_dates_ignored() -> None:
    refusal = reassessment_refusal([date(2024, 2, 29)], date(2025, 2, 27))
    assert refusal is not None and refusal[1] == date(2025, 2, 28)
    # A re-assessment recorded after the date asked about is not a "previous" one.
    assert reassessment_refusal([date(2027, 1, 1)], date(2026, 1, 1)) is None


# --- Planning (п.9-11) -------------------------------------------------------------------------------------


def test_planning_deadlines_of_a_year() -> None:
    deadlines = planning_deadlines(2026)
    assert [(d.key, d.due) for d in deadlines] == [
        ("school_applications", date(2026, 8, 1)),
        ("district_plan", date(2026, 9, 1)),
        ("region_plan", date(2026, 11, 1)),
    ]
    assert deadlines[0].label == "Schools send their applications for teachers' courses (п.9)"
    assert all(isinstance(d, PlanningDeadline) and d.label for d in deadlines)


def test_upcoming_planning_deadlines_window() -> None:
    # 1 September is 62 days after 1 July, 58 days after 5 July.
    assert [d.key for d in upcoming_planning_deadlines(date(2026, 7, 1))] == ["school_applications"]
    assert [d.key for d in upcoming_planning_deadlines(date(2026, 7, 5))] == [
        "school_applications",
        "district_plan",
    ]
    assert [d.due for d in upcoming_planning_deadlines(date(2026, 8, 1), within_days=0)] == [date(2026, 8, 1)]
    assert upcoming_planning_deadlines(date(2026, 8, 2), within_days=29) == []
    assert [d.due for d in upcoming_planning_deadlines(date(2026, 8, 2), within_days=30)] == [
        date(2026, 9, 1)
    ]


def test_upcoming_planning_deadlines_across_the_year_end() -> None:
    today = date(2026, 11, 2)
    assert upcoming_planning_deadlines(today) == []
    dues = [d.due for d in upcoming_planning_deadlines(today, within_days=300)]
    assert dues == [date(2027, 8, 1)]
    dues = [d.due for d in upcoming_planning_deadlines(date(2026, 10, 1), within_days=400)]
    assert dues == [date(2026, 11, 1), date(2027, 8, 1), date(2027, 9, 1), date(2027, 11, 1)]
    assert upcoming_planning_deadlines(today, within_days=-1) == []


# --- Reporting (п.17) --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-H1", (date(2026, 1, 1), date(2026, 6, 30))),
        ("2026-H2", (date(2026, 7, 1), date(2026, 12, 31))),
        (" 2027-h1 ", (date(2027, 1, 1), date(2027, 6, 30))),
        ("2027 - H2", (date(2027, 7, 1), date(2027, 12, 31))),
    ],
)
def test_parse_period(text: str, expected: tuple[date, date]) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["", "2026", "2026-H3", "2026-H0", "H1-2026", "26-H1", "2026H1", "0000-H1"])
def test_parse_period_rejects(text: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        parse_period(text)
    assert str(excinfo.value) == (
        f'"{text}" is not a half-year. Write the year, a dash and H1 or H2, for example '
        "2026-H1 (January to June) or 2026-H2 (July to December)."
    )


def test_half_year_round_trip() -> None:
    assert half_year_of(date(2026, 6, 30)) == "2026-H1"
    assert half_year_of(date(2026, 7, 1)) == "2026-H2"
    assert half_year_of(date(2026, 1, 1)) == "2026-H1"
    first, last = parse_period(half_year_of(date(2026, 9, 9)))
    assert first <= date(2026, 9, 9) <= last


def test_package_months() -> None:
    assert [m for m in range(1, 13) if is_package_month(date(2026, m, 1))] == [1, 6]


def test_messages_are_translated_before_the_values_are_filled_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "_", lambda message: "TR[" + message + "]")
    problem = programme_duration_problem(CourseKind.LONG, 100, abroad=False)
    assert problem is not None and problem.startswith("TR[Academic hours:") and "has 100." in problem
    refusal = reassessment_refusal([date(2025, 3, 10)], date(2025, 4, 1))
    assert refusal is not None and refusal[0].startswith("TR[A second re-assessment")
    assert planning_deadlines(2026)[2].label.startswith("TR[The regional")


# --- Post-course support (п.5, 36-37) ----------------------------------------------------------------------


def test_works_due_date() -> None:
    assert works_due_date(date(2026, 5, 20)) == date(2027, 5, 20)
    assert works_due_date(date(2024, 2, 29)) == date(2025, 2, 28)


def test_monitoring_due_dates() -> None:
    assert monitoring_due_dates(date(2024, 2, 29)) == [date(2025, 3, 1), date(2026, 3, 1), date(2027, 3, 1)]
    assert monitoring_due_dates(date(2026, 6, 15)) == [
        date(2027, 6, 15),
        date(2028, 6, 15),
        date(2029, 6, 15),
    ]


def test_support_does_not_apply_after_a_course_abroad() -> None:
    assert support_applies(abroad=False) is True
    assert support_applies(abroad=True) is False


def test_assessment_kind_and_the_modes_counted_as_reassessments() -> None:
    from pedesk.models.enums import AssessmentKind, CourseKind, RetakeMode
    from pedesk.services.rules.paragraphs import REASSESSMENT_MODES, assessment_kind

    assert assessment_kind(CourseKind.SHORT) == AssessmentKind.INTERNAL
    assert assessment_kind(CourseKind.LONG) == AssessmentKind.EXTERNAL
    assert set(REASSESSMENT_MODES) == {RetakeMode.REASSESSMENT, RetakeMode.NEXT_COHORT}


def test_a_reissued_certificate_keeps_the_old_validity() -> None:
    from pedesk.services.rules.paragraphs import reissued_valid_until

    assert reissued_valid_until(date(2031, 3, 1)) == date(2031, 3, 1)
