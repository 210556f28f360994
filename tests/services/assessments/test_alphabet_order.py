"""The assessment sheet and the results file written from it list the listeners in the Kazakh alphabet."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from pedesk.models.database import Database
from pedesk.services.assessments.file_columns import write_results_template
from pedesk.services.assessments.sheet import assessment_sheet
from tests.builders import ALPHABETICAL, alphabet_cohort


def test_the_sheet_and_its_results_file_follow_the_alphabet(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        world = alphabet_cohort(session)
    with database.reading() as session:
        rows = assessment_sheet(session, world.cohort, lang="kk").rows
        path = write_results_template(session, world.cohort, tmp_path / "results.xlsx", lang="kk")
    assert [row.full_name.split(" ")[0] for row in rows] == list(ALPHABETICAL)
    sheet = load_workbook(path).active
    names = [sheet.cell(row=row, column=2).value for row in range(5, 5 + len(ALPHABETICAL))]
    assert [str(name).split(" ")[0] for name in names] == list(ALPHABETICAL)
