"""`pedesk cohorts schedule` on demo data: a cohort's schedule (Кесте, п.13) or a period's, as PDF and Excel read
back, and the refusals of a wrong choice of cohort, period or file."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.backends import Backend
from tests.builders import demo_template, pdf_text
from tests.cli.test_certificates import DEMO_TODAY, _query
from tests.cli.test_core import run


@pytest.fixture(scope="module")
def db(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo itself: the commands here only read it."""
    return demo_template(backend, tmp_path_factory, "cli-schedule", DEMO_TODAY).url


def _cohorts(db: str) -> list[tuple[str, str, str]]:
    """(code, programme in Kazakh, programme in Russian) of the demo's cohorts with a timetable, by start."""
    rows = _query(db, "SELECT c.code, p.title_kk, p.title_ru FROM cohort c JOIN programme p ON p.id = c.programme_id "
                      "WHERE EXISTS (SELECT 1 FROM schedule_session s WHERE s.cohort_id = c.id) ORDER BY c.start_date")
    return [(str(code), str(kk), str(ru)) for code, kk, ru in rows]


def _schedule(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--lang", "en", "--db", db, "cohorts", "schedule", *argv)


def test_one_cohorts_schedule_as_pdf(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    (code, title_kk, _ru), (other, _kk, _ru2) = _cohorts(db)[:2]
    target = tmp_path / "schedule.pdf"
    status, out, err = _schedule(capsys, db, "--cohort", code, "--out", str(target), "--json")
    assert status == 0, err
    answer = json.loads(out)
    assert answer["path"] == str(target) and answer["format"] == "pdf" and answer["cohort"] == code
    start, end = _query(db, "SELECT start_date, end_date FROM cohort WHERE code = :code", code=code)[0]
    assert answer["lang"] == "kk" and (answer["from"], answer["to"]) == (start, end)
    text, _reader = pdf_text(target)
    assert code in text and title_kk.split(":")[0] in text
    assert other not in text  # only that cohort


def test_a_periods_schedule_as_a_workbook_in_russian(capsys: pytest.CaptureFixture[str], db: str,
                                                     tmp_path: Path) -> None:
    target = tmp_path / "schedule.xlsx"
    status, out, err = _schedule(capsys, db, "--period", "2026-H2", "--out", str(target), "--schedule-lang", "ru")
    assert status == 0 and str(target) in out, err
    cells = {str(cell.value) for row in openpyxl.load_workbook(target).active.iter_rows() for cell in row if cell.value}
    codes = [code for code, _kk, _ru in _cohorts(db)]
    assert any(code in cells for code in codes)
    assert any("2026" in value for value in cells)


@pytest.mark.parametrize(("argv", "message"), [
    (("--cohort", "NO-SUCH", "--out", "s.pdf"), "--cohort: There is no cohort with the code NO-SUCH"),
    (("--cohort", "X", "--out", "s.docx"), "--out: The schedule is written as .pdf or .xlsx"),
    (("--from", "2026-01-01", "--out", "s.pdf"), "Give the period with --from and --to"),
    (("--period", "2026-H1", "--to", "2026-03-01", "--out", "s.pdf"), "--to: Give --to only with --from"),
    (("--from", "2022-03-10", "--to", "2022-03-20", "--out", "s.pdf"), "No cohorts of the office fall between"),
])
def test_refusals_are_one_line_and_write_nothing(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...],
                                                 message: str) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = _schedule(capsys, db, *argv)
    assert status == 2 and message in err and out == "" and "Traceback" not in err, err
    assert list(tmp_path.iterdir()) == []
