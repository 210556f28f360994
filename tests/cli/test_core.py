"""The command line: exit codes, JSON, one-line errors, help in the chosen language."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from pedesk import __version__
from pedesk.models.collation import install_sqlite_functions
from pedesk.models.database import Database
from tests.builders import run_main

run = run_main


def test_iin_check_known_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "en", "iin", "check", "061211600012", "791028302728")
    assert code == 0
    assert out.splitlines() == [
        "061211600012: valid, born 2006-12-11, female",
        "791028302728: valid, born 1979-10-28, male",
    ]


def test_iin_check_changed_digit_is_invalid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "en", "iin", "check", "061211600012", "791028302729")
    assert code == 1
    first, second = out.splitlines()
    assert first.startswith("061211600012: valid")
    assert second.startswith("791028302729: invalid:") and "check-digit" in second


def test_iin_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "iin", "check", "--json", "061211600012", "12345")
    assert code == 1
    data = json.loads(out)
    assert data[0] == {"iin": "061211600012", "valid": True, "birth_date": "2006-12-11", "sex": "female",
                       "reason": None}
    assert data[1]["valid"] is False and data[1]["birth_date"] is None and data[1]["sex"] is None
    assert data[1]["reason"]


def test_iin_check_needs_an_iin(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--lang", "en", "iin", "check")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "required" in err


def test_unknown_command_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "en", "frobnicate")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "invalid choice" in err


@pytest.mark.parametrize(
    ("lang", "line", "help_text"),
    [
        ("kk", "pedesk, нұсқасы {v}", "бағдарлама нұсқасын көрсетіп, шығу"),
        ("ru", "pedesk, версия {v}", "показать версию программы и выйти"),
        ("en", "pedesk {v}", "show program's version number and exit"),
    ],
)
def test_version_is_translated(capsys: pytest.CaptureFixture[str], lang: str, line: str, help_text: str) -> None:
    code, out, _ = run(capsys, "--lang", lang, "--version")
    assert code == 0 and out.strip() == line.format(v=__version__)
    assert out.split()[-1] == __version__  # scripts read the last word in every language
    code, out, _ = run(capsys, "--lang", lang, "--help")
    assert code == 0
    assert any(row.split()[:1] == ["--version"] and help_text in row for row in out.splitlines())


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "ЖСН-дерді тексеру"), ("ru", "проверить ИИН"), ("en", "check IINs")],
)
def test_help_in_chosen_language(capsys: pytest.CaptureFixture[str], lang: str, expected: str) -> None:
    code, out, _ = run(capsys, "--lang", lang, "iin", "--help")
    assert code == 0 and expected in out


def test_help_language_from_environment(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEDESK_LANG", "ru")
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "показать это сообщение и выйти" in out and "использование:" in out


@pytest.mark.sqlite_only("the database file: made, named by PEDESK_DB or found in the data folder")
def test_bad_number_names_the_argument(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    code, _, err = run(capsys, "--lang", "en", "--db", str(db), "demo", "--teachers", "zero")
    assert code == 2 and "--teachers" in err and "zero is not a whole number" in err
    assert not db.exists()


def test_db_upgrade_creates_then_reports_up_to_date(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    code, out, _ = run(capsys, "--lang", "en", "--db", db_url, "db", "upgrade")
    assert code == 0 and "new database was created" in out
    code, out, _ = run(capsys, "--lang", "en", "--db", db_url, "db", "upgrade")
    assert code == 0 and "up to date" in out


@pytest.mark.sqlite_only("the database file: made, named by PEDESK_DB or found in the data folder")
def test_pedesk_db_environment_variable(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.sqlite3"
    monkeypatch.setenv("PEDESK_DB", str(db))
    code, _, _ = run(capsys, "db", "upgrade")
    assert code == 0 and db.exists()


@pytest.mark.sqlite_only("the database file: made, named by PEDESK_DB or found in the data folder")
def test_default_database_lives_in_the_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    from pedesk.paths import default_database_path

    code, _, _ = run(capsys, "db", "upgrade")
    assert code == 0 and default_database_path().exists()


def test_newer_database_refused_by_cli(capsys: pytest.CaptureFixture[str], database: Database, db_url: str) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    database.dispose()
    code, out, err = run(capsys, "--lang", "en", "--db", db_url, "cohorts", "list")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "newer version of pedesk" in err


@pytest.mark.sqlite_only("the backup of the .sqlite3 file")
def test_backup_is_a_consistent_copy(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    out_file = tmp_path / "copy.sqlite3"
    run(capsys, "--db", str(db), "db", "upgrade")
    holder = sqlite3.connect(db)  # the app is open: a reader holds the database
    holder.execute("BEGIN")
    holder.execute("SELECT count(*) FROM region").fetchone()
    try:
        code, out, _ = run(capsys, "--lang", "en", "--db", str(db), "backup", "--out", str(out_file))
    finally:
        holder.close()
    assert code == 0 and "Backup written" in out
    with sqlite3.connect(out_file) as copy:
        install_sqlite_functions(copy)  # the teachers' indexes by name use pedesk's collation and name key (0008, 0010)
        assert copy.execute("SELECT count(*) FROM region").fetchone() == (20,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_postgresql_database_is_backed_up_with_its_own_tools(capsys: pytest.CaptureFixture[str],
                                                               postgres_url: str, tmp_path: Path) -> None:
    assert run(capsys, "--db", postgres_url, "db", "upgrade")[0] == 0
    code, out, err = run(capsys, "--lang", "en", "--db", postgres_url, "backup", "--out", str(tmp_path / "x.db"))
    assert code == 2 and out == "" and "back up a PostgreSQL database with pg_dump" in err
    assert not (tmp_path / "x.db").exists()


@pytest.mark.sqlite_only("the backup of the .sqlite3 file")
def test_backup_into_missing_folder_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    code, _, err = run(capsys, "--lang", "en", "--db", str(db), "backup", "--out", str(tmp_path / "no" / "x.db"))
    assert code == 2 and "does not exist" in err


def test_cohorts_list_empty(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    code, out, _ = run(capsys, "--db", db_url, "cohorts", "list", "--json")
    assert code == 0 and json.loads(out) == []
