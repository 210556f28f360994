"""A results file with bad text (issue 14 point 7): mojibake, a control or invisible character, or a cell
longer than any result, each refused with its row and column and quoting at most 60 characters; the file is
then not imported at all. A column nobody reads is named, and a score computed by a formula is refused as a
formula in every format a school sends (issue 14 points 2, 4 and 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pedesk.models.database import Database
from pedesk.services.assessments.results_import import apply_results_import
from pedesk.services.common.errors import ValidationError
from tests.builders import CONTROL, HUGE, quotes
from tests.builders.spreadsheets import FORMATS, Formula, Sheet, spreadsheet
from tests.services.assessments.test_assessments import World
from tests.services.assessments.test_assessments import database as database  # noqa: F401 - the fixtures
from tests.services.assessments.test_assessments import template as template  # noqa: F401
from tests.services.assessments.test_assessments import world as world  # noqa: F401
from tests.services.assessments.test_results_import import END, TODAY, count_attempts, iins, preview, workbook
from tests.services.common.test_list_columns import FORMULA, NOT_READ, warned


def test_garbled_hidden_and_long_cells_are_refused_by_row_and_column(database: Database, world: World,
                                                                     tmp_path: Path) -> None:
    a, b, c, d = iins(database, world)
    path = workbook(tmp_path / "values.xlsx", [
        ["ЖСН", "Балл", "Нәтиже"],
        [a, 85, "өтті".encode().decode("cp1252", "replace")],  # "Ó©Ñ‚Ñ‚Ñ–"
        [b, 85, CONTROL],
        [f"{c}\u200b", 85, "өтті"],
        [d, HUGE, "өтті"],
    ])
    found = preview(database, world, path)
    assert [(p.row, p.column, p.field) for p in found.problems] == [
        (4, "C", "passed"), (5, "C", "passed"), (6, "A", "iin"), (7, "B", "score")]
    messages = [p.message for p in found.problems]
    assert messages[0] == ('Row 4, column C (Нәтиже): the text "Ó©Ñ‚Ñ‚Ñ–" is garbled: it was saved in one code '
                           'page and read in another, and probably reads "өтті". Type it anew, or save the file '
                           "again from the program that made it.")
    assert "hidden character (U+0007)" in messages[1] and "hidden character (U+200B) at position 13" in messages[2]
    assert "the text is too long (32767 characters); at most 100 fit" in messages[3]
    assert all(len(quoted) <= 60 for message in messages for quoted in quotes(message))
    with pytest.raises(ValidationError), database.transaction(user="aigul") as session:
        apply_results_import(session, found, held_on=END, assessor=None, today=TODAY)
    assert count_attempts(database) == 0


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_results_file_names_what_it_leaves_out_in_every_format(suffix: str, database: Database, world: World, tmp_path: Path) -> None:
    a, b, *_rest = iins(database, world)
    path = spreadsheet(tmp_path / f"results.{suffix}", [Sheet("Нәтижелер", [
        ["ЖСН", "Балл", "Ең жоғары балл", NOT_READ, "Нәтиже", None],
        [a, 85, 100, "1", "өтті", None],
        [b, Formula("40+45", 85), 100, "2", "өтті", "?"],
    ])])
    found = preview(database, world, path)
    unused = [column for column, message in warned(found.warnings) if NOT_READ in message]
    assert unused == ["D"] and any(column == "F" and "no heading" in message
                                   for column, message in warned(found.warnings))
    assert [(p.row, p.column) for p in found.problems] == [(3, "B")]
    assert f"cell B3 {FORMULA}" in found.problems[0].message
