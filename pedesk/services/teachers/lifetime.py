"""Dates as a life allows them, for the questionnaire (Appendix 3) and a department's list of listeners: a
date of birth is not in the future (even when the IIN agrees with it), nobody has worked longer than their
age allows, and a listener under 18 at the start of a course is unusual enough to be pointed out.

Years of service are at most the age minus ``WORKING_AGE``: the Labour Code of Kazakhstan (art. 31) lets a
person of 14 work, with a parent's consent, and no younger. Pure functions, no Qt, no database.
"""

from __future__ import annotations

from datetime import date

from pedesk.i18n import _, format_date

WORKING_AGE = 14
"""The youngest age at which a person may work (Labour Code of Kazakhstan, art. 31)."""
ADULT_AGE = 18
"""A listener younger than this at the start of a course gets a warning (a teacher is rarely a minor)."""


def age_on(birth_date: date, day: date) -> int:
    """Full years of age on ``day``."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def future_birth_problem(birth_date: date | None, today: date) -> str | None:
    """A refusal (translated, lower case) of a date of birth after ``today``."""
    if birth_date is None or birth_date <= today:
        return None
    return _(
        "the date of birth {date} is in the future. Check the date of birth and the IIN against the identity "
        "document."
    ).format(date=format_date(birth_date))


def experience_problem(years: int | None, birth_date: date | None, on: date) -> str | None:
    """A refusal (translated, lower case) of more years of service than a person born on ``birth_date``
    can have on ``on``: their age minus ``WORKING_AGE``."""
    if years is None or birth_date is None or birth_date > on:
        return None
    age = age_on(birth_date, on)
    possible = max(0, age - WORKING_AGE)
    if years <= possible:
        return None
    return _(
        "{years} years of service is more than a person of {age} can have worked: work starts at {start} at "
        "the earliest, so at most {possible}. Check the years of service and the date of birth."
    ).format(years=years, age=age, start=WORKING_AGE, possible=possible)


def under_age_warning(birth_date: date | None, start: date) -> str | None:
    """A warning (translated, lower case) for a listener younger than ``ADULT_AGE`` on the course's
    ``start``."""
    if birth_date is None or birth_date > start:
        return None
    age = age_on(birth_date, start)
    if age >= ADULT_AGE:
        return None
    return _(
        "the teacher will be {age} at the start of the course on {date}, younger than {adult}. Check the date "
        "of birth and the IIN."
    ).format(age=age, date=format_date(start), adult=ADULT_AGE)
