"""`pedesk support due` on demo data: the JSON objects (iin, teacher, certificate, kind, due, overdue), the month
option, no course abroad nor annulled certificate listed, and the text form; `pedesk support card` and `support
report` on a small world: the files in the chosen language, and bad arguments named, with nothing written."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]
from pypdf import PdfReader
from sqlalchemy import text

from pedesk.models.schema import open_database
from tests.backends import Backend
from tests.builders import demo_template, prepare
from tests.cli.test_core import run
from tests.services.support.test_reports import World, build_world

DEMO_TODAY = date(2026, 11, 25)
KEYS = {"iin", "teacher", "certificate", "kind", "due", "overdue"}


@pytest.fixture(scope="module")
def db(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo itself: the commands here only read it."""
    return demo_template(backend, tmp_path_factory, "cli-support", DEMO_TODAY).url


def _excluded_numbers(db: str) -> set[str]:
    database, _report = open_database(db)
    try:
        with database.reading() as session:
            rows = session.execute(text(
                "SELECT c.number FROM certificate c JOIN enrolment e ON e.id = c.enrolment_id "
                "JOIN cohort k ON k.id = e.cohort_id JOIN programme p ON p.id = k.programme_id "
                "WHERE p.abroad OR c.status != 'issued' OR c.superseded_by_id IS NOT NULL")).all()
    finally:
        database.dispose()
    return {row[0] for row in rows}


def test_support_due_json(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "--lang", "en", "--db", db, "support", "due", "--today", "2026-11-25", "--json")
    assert code == 0, err
    items = json.loads(out)
    assert items and all(set(item) == KEYS | ({"year"} if item["kind"] == "monitoring" else set()) for item in items)
    assert {item["kind"] for item in items} == {"works", "monitoring"}
    assert {item["year"] for item in items if item["kind"] == "monitoring"} == {0, 1, 2, 3}  # 0: final analysis
    for item in items:
        due = date.fromisoformat(item["due"])
        assert item["overdue"] is (due < DEMO_TODAY)
        assert item["overdue"] or due.strftime("%Y-%m") == "2026-11"
        assert len(item["iin"]) == 12 and item["teacher"] and item["certificate"]
    assert not {item["certificate"] for item in items} & _excluded_numbers(db)
    code, out, _err = run(capsys, "--lang", "en", "--db", db, "support", "due", "--today", "2026-11-25",
                          "--month", "2027-01", "--json")
    january = json.loads(out)
    assert code == 0 and {i["due"][:7] for i in january if not i["overdue"]} <= {"2027-01"}
    assert [i for i in january if i["overdue"]] == [i for i in items if i["overdue"]]


def test_support_due_text_and_a_bad_month(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _err = run(capsys, "--lang", "en", "--db", db, "support", "due", "--today", "2026-11-25")
    assert code == 0 and "OVERDUE" in out and "monitoring, year" in out and "final analysis after three years" in out
    assert "year 0" not in out
    code, _out, err = run(capsys, "--lang", "en", "--db", db, "support", "due", "--month", "2026-13")
    assert code == 2 and "not a month in the form YYYY-MM" in err


def test_support_help_does_not_need_a_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _err = run(capsys, "--lang", "en", "support", "due", "--help")
    assert code == 0 and "--month" in out


# --- support card, support report -------------------------------------------------------------------------


def _pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.fixture(scope="module")
def world_db(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, World]:
    prepared, world = prepare(backend, tmp_path_factory, "cli-support-world", build_world)
    return prepared.url, world


def test_support_card_writes_the_pdf_in_the_chosen_language(capsys: pytest.CaptureFixture[str],
                                                            world_db: tuple[str, World], tmp_path: Path) -> None:
    db, world = world_db
    out = tmp_path / "card.pdf"
    code, printed, err = run(capsys, "--lang", "en", "--db", db, "support", "card", "--certificate",
                             world.numbers["a"], "--out", str(out), "--card-lang", "ru", "--today", "2029-12-31")
    assert code == 0, err
    assert f"The monitoring card of certificate {world.numbers['a']} is written to {out}." in printed
    assert "ИИН" in _pdf_text(out) and "Самостоятельная работа" in _pdf_text(out)
    kazakh = tmp_path / "card-kk.pdf"  # no --card-lang: the interface's language, Kazakh when it is English
    code, _out, err = run(capsys, "--lang", "en", "--db", db, "support", "card", "--certificate",
                          world.numbers["b"], "--out", str(kazakh), "--today", "2029-12-31")
    assert code == 0, err
    assert "ЖСН" in _pdf_text(kazakh) and "Өзіндік жұмыс" in _pdf_text(kazakh)


def test_support_report_of_a_cohort_and_of_a_period(capsys: pytest.CaptureFixture[str], world_db: tuple[str, World],
                                                    tmp_path: Path) -> None:
    db, _world = world_db
    out = tmp_path / "c1.xlsx"
    code, printed, err = run(capsys, "--lang", "en", "--db", db, "support", "report", "--cohort", "C1", "--out",
                             str(out), "--report-lang", "kk", "--today", "2029-12-31")
    assert code == 0, err
    assert "listeners 3, with three works 1 (33.3 %), monitoring done 4 of 9" in printed
    sheet: Any = load_workbook(out).active
    assert sheet["C6"].value == "ЖСН"
    for scope in (("--period", "2027-H2"), ("--from", "2027-07-01", "--to", "2027-12-31")):
        out = tmp_path / f"{scope[0].strip('-')}.xlsx"
        code, printed, err = run(capsys, "--lang", "en", "--db", db, "support", "report", *scope, "--out", str(out),
                                 "--report-lang", "ru", "--today", "2029-12-31")
        assert code == 0, err
        assert "listeners 3, with three works 1 (33.3 %), monitoring done 2 of 3" in printed
        assert [sheet.max_row for sheet in load_workbook(out).worksheets] == [8, 9]  # 2 lines; 3 listeners


@pytest.mark.parametrize(("arguments", "named"), [
    (("card", "--certificate", "NO-SUCH", "--out", "{out}.pdf"), "--certificate"),
    (("card", "--certificate", "{abroad}", "--out", "{out}.pdf"), "--certificate"),
    (("card", "--certificate", "{a}", "--out", "{out}.txt"), "--out"),
    (("card", "--certificate", "{a}", "--out", "{out}.pdf", "--card-lang", "en"), "--card-lang"),
    (("card", "--certificate", "{a}", "--out", "{out}.pdf", "--today", "2029-02-30"), "--today"),
    (("report", "--cohort", "NOPE", "--out", "{out}.xlsx"), "--cohort"),
    (("report", "--cohort", "ABR", "--out", "{out}.xlsx"), "--cohort"),
    (("report", "--period", "2027-H3", "--out", "{out}.xlsx"), "--period"),
    (("report", "--from", "2027-07-01", "--out", "{out}.xlsx"), "--from"),
    (("report", "--to", "2027-07-01", "--out", "{out}.xlsx"), "--from"),  # argparse: one of ... is required
    (("report", "--from", "2027-07-01", "--to", "2027-01-01", "--out", "{out}.xlsx"), "--to"),
    (("report", "--cohort", "C1", "--period", "2027-H1", "--out", "{out}.xlsx"), "--period"),
    (("report", "--cohort", "C1", "--out", "{out}.csv"), "--out"),
    (("report", "--out", "{out}.xlsx"), "--cohort"),
])
def test_support_card_and_report_refuse_bad_arguments(capsys: pytest.CaptureFixture[str],
                                                      world_db: tuple[str, World], tmp_path: Path,
                                                      arguments: tuple[str, ...], named: str) -> None:
    db, world = world_db
    values = {"out": str(tmp_path / "file"), "a": world.numbers["a"], "abroad": world.numbers["abroad"]}
    code, printed, err = run(capsys, "--lang", "en", "--db", db, "support",
                             *(argument.format(**values) for argument in arguments))
    assert code == 2 and printed == ""
    assert len(err.strip().splitlines()) == 1 and named in err, err
    assert list(tmp_path.iterdir()) == []
