"""A cohort's list (the Listeners tab, the CLI's ``listeners list``) is in the Kazakh alphabet."""

from __future__ import annotations

from pedesk.models.database import Database
from pedesk.services.enrolment.lists import cohort_listeners
from tests.builders import ALPHABETICAL, alphabet_cohort


def test_a_cohorts_list_is_in_the_kazakh_alphabet(database: Database) -> None:
    with database.transaction() as session:
        world = alphabet_cohort(session)
    with database.reading() as session:
        rows = cohort_listeners(session, world.cohort)
    assert [row.surname for row in rows] == list(ALPHABETICAL)
    assert [row.teacher_id for row in rows] != sorted(row.teacher_id for row in rows)  # not the order of entry
