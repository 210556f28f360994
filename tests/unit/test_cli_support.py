"""`pedesk support due` on demo data: the JSON objects (iin, teacher, certificate, kind, due, overdue), the month
option, no course abroad nor annulled certificate listed, and the text form."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from pedesk.models.schema import open_database
from pedesk.services.demo import generate_demo
from tests.unit.test_cli import run

DEMO_TODAY = date(2026, 11, 25)
KEYS = {"iin", "teacher", "certificate", "kind", "due", "overdue"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli-support") / "demo.sqlite3"
    database, _report = open_database(f"sqlite:///{path}")
    generate_demo(database, teachers=300, seed=3, today=DEMO_TODAY)
    database.dispose()
    return str(path)


def _excluded_numbers(db: str) -> set[str]:
    database, _report = open_database(f"sqlite:///{db}")
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
    assert items and all(set(item) == KEYS for item in items)
    assert {item["kind"] for item in items} == {"works", "monitoring"}
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
    assert code == 0 and "OVERDUE" in out and "monitoring, year" in out
    code, _out, err = run(capsys, "--lang", "en", "--db", db, "support", "due", "--month", "2026-13")
    assert code == 2 and "not a month in the form YYYY-MM" in err


def test_support_help_does_not_need_a_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _err = run(capsys, "--lang", "en", "support", "due", "--help")
    assert code == 0 and "--month" in out
