"""`pedesk plan export` on a demo office: the workbook's sheets, headings and totals, and refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]

from pedesk.models.schema import open_database
from pedesk.services.planning.totals import region_plan
from tests.backends import Backend
from tests.builders import demo_template
from tests.cli.test_core import run

DEMO_TODAY = date(2026, 11, 20)  # the demo's applications, district and region plans for 2027 are all in


def _column(sheet: Any, index: int) -> list[Any]:
    return [row[index] for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.fixture(scope="module")
def demo(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_template(backend, tmp_path_factory, "plan-demo", DEMO_TODAY, teachers=120).url


def test_plan_export_writes_every_sheet(capsys: pytest.CaptureFixture[str], demo: str, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    code, stdout, err = run(capsys, "--lang", "en", "--db", demo, "plan", "export", "--year", "2027",
                            "--out", str(out), "--plan-lang", "ru")
    assert (code, err) == (0, "")
    assert "2027" in stdout and str(out) in stdout
    book = load_workbook(out)
    assert len(book.sheetnames) == 4
    applications, districts, region, facts = (book[name] for name in book.sheetnames)  # type: Any, Any, Any, Any
    assert applications.max_row > 1 and districts.max_row > 1
    planned = sum(_column(applications, 4))
    assert planned == sum(_column(districts, 3))
    database, _report = open_database(demo)
    with database.reading() as session:
        plan = region_plan(session, 2027)
    database.dispose()
    assert _column(region, 1) == [plan.short, plan.long]
    assert planned == plan.short + plan.long
    assert planned == sum(_column(facts, 2))
    assert not list(tmp_path.glob(".*.part"))


def test_plan_export_refusals(capsys: pytest.CaptureFixture[str], demo: str, tmp_path: Path) -> None:
    code, _out, err = run(capsys, "--lang", "en", "--db", demo, "plan", "export", "--year", "2027",
                          "--out", str(tmp_path / "plan.pdf"))
    assert code != 0 and ".xlsx" in err
    code, _out, err = run(capsys, "--lang", "en", "--db", demo, "plan", "export", "--year", "2027",
                          "--out", str(tmp_path / "missing" / "plan.xlsx"))
    assert code != 0 and "does not exist" in err
    assert not (tmp_path / "missing").exists()
