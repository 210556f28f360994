"""One form chosen by its short name, the teacher's IIN and the cohort (services.forms.print_form): the right
appendix for the cohort, a blank questionnaire, and refusals that name their field and write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from pedesk.models import Enrolment
from pedesk.models.database import Database
from pedesk.services.common.errors import ValidationError
from pedesk.services.forms import PRINTED_FORMS, print_form
from tests.builders import pdf_text
from tests.services.forms.test_forms import IIN, NAME, TODAY, World, build_world


@pytest.fixture
def world(database: Database) -> World:
    return build_world(database)


@pytest.fixture
def abroad(world: World, database: Database) -> int:
    """The cohort of the course abroad."""
    with database.reading() as session:
        return session.get_one(Enrolment, world.abroad_enrolment).cohort_id


def _refused(database: Database, tmp_path: Path, form: str, **options: object) -> dict[str, str]:
    target = tmp_path / f"refused-{form}.pdf"
    with pytest.raises(ValidationError) as caught, database.reading() as session:
        print_form(session, form, target, "kk", **options)  # type: ignore[arg-type]
    assert not target.exists()
    return {problem.field: problem.message for problem in caught.value.problems}


def test_the_cohort_decides_between_appendix_1_and_2(world: World, abroad: int, database: Database,
                                                      tmp_path: Path) -> None:
    with database.reading() as session:
        printed = print_form(session, "app2", tmp_path / "app2.pdf", "kk", iin=IIN, cohort_id=abroad)
    assert (printed.form, printed.holder, printed.cohort) == ("app2", NAME, "2026-A01")
    assert "2-қосымша" in pdf_text(printed.path)[0]
    problems = _refused(database, tmp_path, "app1", iin=IIN, cohort_id=abroad)
    assert "2026-A01 is a course abroad" in problems["form"]
    problems = _refused(database, tmp_path, "app2", iin=IIN, cohort_id=world.cohort)
    assert "2026-001 is a course in Kazakhstan" in problems["form"]


def test_a_teacher_on_two_lists_names_both(world: World, database: Database, tmp_path: Path) -> None:
    problems = _refused(database, tmp_path, "receipt", iin=IIN)
    assert "2026-001" in problems["cohort"] and "2026-A01" in problems["cohort"]
    assert "not on the list of cohort 2026-002" in _refused(database, tmp_path, "receipt", iin=IIN,
                                                              cohort_id=world.empty_cohort)["cohort"]


def test_a_blank_questionnaire_and_the_list(world: World, database: Database, tmp_path: Path) -> None:
    with database.reading() as session:
        blank = print_form(session, "app3", tmp_path / "blank.pdf", "ru")
        listed = print_form(session, "list", tmp_path / "list.pdf", "kk", cohort_id=world.cohort, on=TODAY)
    assert blank.iin == "" and IIN not in pdf_text(blank.path)[0]
    assert listed.cohort == "2026-001" and IIN in pdf_text(listed.path)[0]
    assert "unknown" not in PRINTED_FORMS
    assert "choose one of app1" in _refused(database, tmp_path, "unknown")["form"]
    assert "000000000000" in _refused(database, tmp_path, "app3", iin="000000000000")["iin"]
