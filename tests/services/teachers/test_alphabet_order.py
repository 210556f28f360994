"""The registry, who is due for a course (п.21) and whose certificate runs out are listed in the Kazakh
alphabet, on every page."""

from __future__ import annotations

from datetime import date

from pedesk.models.database import Database
from pedesk.services.certificates.issuing import issue_for_cohort
from pedesk.services.teachers.course_due import certificates_expiring
from pedesk.services.teachers.history import teachers_due_for_course
from pedesk.services.teachers.search import page_teachers
from tests.builders import ALPHABETICAL, SCRAMBLED, TODAY, USER, alphabet_cohort, teacher


def test_the_registry_pages_through_the_alphabet(database: Database) -> None:
    with database.transaction() as session:
        for serial, surname in enumerate(SCRAMBLED, start=1):
            teacher(session, serial, surname, "Айгүл")
    with database.reading() as session:
        pages = [page_teachers(session, "", offset, 3) for offset in (0, 3, 6)]
        found = page_teachers(session, "айгүл")  # through the search index
        due = teachers_due_for_course(session, TODAY)
    assert [row.surname for page in pages for row in page] == list(ALPHABETICAL)
    assert [row.surname for row in found] == list(ALPHABETICAL)
    assert [row.surname for row in due] == list(ALPHABETICAL)


def test_expiring_certificates_of_one_day_are_in_the_alphabet(database: Database) -> None:
    with database.transaction(USER, immediate=True) as session:
        world = alphabet_cohort(session)
        issue_for_cohort(session, world.cohort, on=TODAY, today=TODAY, by=USER)
    with database.reading() as session:
        rows = certificates_expiring(session, date(2031, 6, 1))
    assert [row.holder.split(" ")[0] for row in rows] == list(ALPHABETICAL)
