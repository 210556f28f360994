"""Faults of the machine (issue 14, point 10), made for real in a child process: a file-size limit (``ulimit -f``),
a read-only folder, a full disk, a database locked by another program, a drive that is gone. Each writing command
ends with one line on stderr that names the file and the reason, exit 2, no traceback, and no file left behind.

On SQLite alone: the database is a file here, on the disk and under the locks that fail."""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest

from pedesk.models.schema import open_database
from tests.backends import Backend
from tests.builders import (
    Finished,
    Template,
    demo_template,
    held_open,
    locked,
    names_in,
    read_only,
    run_pedesk,
    small_disk,
)

pytestmark = pytest.mark.sqlite_only("faults of the machine under a SQLite file: its disk, its folder, its locks")

KB = 1024
PERIOD = ["--from", "2020-01-01", "--to", "2026-12-31"]
# each writing command: its arguments ({db}: the office's database, {out}: the folder written to) and a file-size
# limit that its output passes (the database itself, 1.7 MB, is read, not grown)
COMMANDS = {
    "backup": (["--db", "{db}", "backup", "--out", "{out}/copy.sqlite3"], 64 * KB),
    "demo": (["--db", "{out}/new.sqlite3", "demo", "--teachers", "300"], 200 * KB),
    "package export": (["--db", "{db}", "package", "export", "--period", "2025-H2", "--out", "{out}/package.zip"],
                       40 * KB),
    "certificates print": (["--db", "{db}", "certificates", "print", "--issued-from", "2000-01-01", "--issued-to",
                            "2100-12-31", "--out", "{out}/certificates.pdf"], 40 * KB),
    "certificates duplicate": (["--db", "{db}", "certificates", "duplicate", "{number}", "--reason", "lost",
                                "--out", "{out}/duplicate.pdf"], 40 * KB),
    "issue book xlsx": (["--db", "{db}", "certificates", "book", *PERIOD, "--out", "{out}/book.xlsx"], 8 * KB),
    "issue book pdf": (["--db", "{db}", "certificates", "book", *PERIOD, "--out", "{out}/book.pdf"], 16 * KB),
    "printer test page": (["--db", "{db}", "certificates", "calibrate", "--out", "{out}/calibration.pdf"], 8 * KB),
    "forms print app1": (["--db", "{db}", "forms", "print", "--form", "app1", "--iin", "{iin}", "--out",
                          "{out}/application.pdf"], 16 * KB),
    "forms print app3": (["--db", "{db}", "forms", "print", "--form", "app3", "--iin", "{iin}", "--out",
                          "{out}/questionnaire.pdf"], 16 * KB),
    "cohorts schedule pdf": (["--db", "{db}", "cohorts", "schedule", *PERIOD, "--out", "{out}/schedule.pdf"],
                             40 * KB),
    "cohorts schedule xlsx": (["--db", "{db}", "cohorts", "schedule", *PERIOD, "--out", "{out}/schedule.xlsx"],
                              8 * KB),
    "monitoring card": (["--db", "{db}", "support", "card", "--certificate", "{number}", "--out", "{out}/card.pdf"],
                        16 * KB),
    "support report": (["--db", "{db}", "support", "report", "--period", "2025-H2", "--out", "{out}/report.xlsx"],
                       8 * KB),
    "plan export": (["--db", "{db}", "plan", "export", "--year", "2026", "--out", "{out}/plan.xlsx"], 4 * KB),
    "results template": (["--db", "{db}", "assessments", "template", "--cohort", "{cohort}", "--out",
                          "{out}/results.xlsx"], 4 * KB),
}
@pytest.fixture(scope="module")
def template(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Template:
    return demo_template(backend, tmp_path_factory, "faults", date(2026, 3, 1))


@pytest.fixture
def office(template: Template, tmp_path: Path) -> Path:
    """A copy of the demo office's database, outside the folder that the command writes to."""
    (tmp_path / "office").mkdir()
    return template.copy_file(tmp_path / "office")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _argv(name: str, database: Path, out: Path) -> list[str]:
    """The command's arguments, with an issued certificate's number, an enrolled teacher's IIN and the latest
    cohort's code."""
    with sqlite3.connect(database) as connection:
        number = connection.execute("SELECT number FROM certificate WHERE status = 'issued' ORDER BY id").fetchone()
        iin = connection.execute("SELECT iin FROM teacher WHERE id = (SELECT teacher_id FROM enrolment GROUP BY "
                                 "teacher_id HAVING count(*) = 1 ORDER BY teacher_id LIMIT 1)").fetchone()
        cohort = connection.execute("SELECT code FROM cohort ORDER BY start_date DESC").fetchone()
    return [part.format(db=database, out=out, number=number[0], iin=iin[0], cohort=cohort[0])
            for part in COMMANDS[name][0]]


def _records(database: Path) -> tuple[int, int, int]:
    """What a failed command must not have recorded: duplicates, package log entries, audit records."""
    with sqlite3.connect(database) as connection:
        counts = [connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
                  for table in ("certificate_duplicate", "package_log", "audit_log")]
    return counts[0], counts[1], counts[2]


def _one_clear_line(finished: Finished, *words: str) -> str:
    """Exit 2, nothing on stdout, one line on stderr (no traceback) that says ``words``."""
    assert finished.code == 2, finished
    assert finished.stdout == "", finished
    assert len(finished.error_lines) == 1, finished.stderr
    line = finished.error_lines[0]
    assert line.startswith("pedesk: error: ") and "Traceback" not in finished.stderr
    for word in words:
        assert word in line, line
    assert line.endswith("Nothing was changed."), line
    return line


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_file_too_large_for_the_disk_is_said_and_leaves_nothing(name: str, office: Path, out: Path) -> None:
    before = _records(office)
    with held_open(office):
        finished = run_pedesk(*_argv(name, office, out), file_limit=COMMANDS[name][1])
    line = _one_clear_line(finished)
    assert _records(office) == before
    assert str(out) in line  # the file written (or the new database), not a temporary name
    assert ".part" not in line
    assert "larger than this disk allows" in line or "input/output error" in line or "disk is full" in line
    assert names_in(out) == []


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_read_only_folder_is_said_and_leaves_nothing(name: str, office: Path, out: Path) -> None:
    before = _records(office)
    finished = run_pedesk(*_argv(name, office, out), wrap=read_only(out))
    out.chmod(0o755)
    line = _one_clear_line(finished, str(out))
    assert "read-only" in line or "may not write there" in line
    assert names_in(out) == []
    assert _records(office) == before  # a duplicate or an export is recorded only with its file


@pytest.mark.parametrize("name", ["backup", "demo", "package export", "certificates print", "issue book pdf",
                                  "forms print app1", "cohorts schedule xlsx"])
def test_a_full_disk_is_said_and_leaves_nothing_on_it(name: str, office: Path, out: Path, tmp_path: Path) -> None:
    listing = tmp_path / "left-on-the-disk.txt"
    finished = run_pedesk(*_argv(name, office, out), wrap=small_disk(out, "16k", listing))
    # SQLite says a write that found the disk full an input/output error, which names a full disk as a cause
    _one_clear_line(finished, str(out), "disk is full" if name == "demo" else "the disk is full; free some space")
    assert listing.read_text() == ""


def test_a_database_locked_by_another_program_is_said_after_the_busy_timeout(office: Path, out: Path) -> None:
    started = time.monotonic()
    with locked(office):
        finished = run_pedesk(*_argv("package export", office, out))
    line = _one_clear_line(finished, f"the database {office}", "locked for longer than 0.3 s")
    assert "close that program or wait" in line
    assert time.monotonic() - started < 30
    assert names_in(out) == []


def test_demo_into_a_locked_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    database, _report = open_database(f"sqlite:///{path}")
    database.dispose()
    with locked(path):
        finished = run_pedesk("--db", str(path), "demo", "--teachers", "10")
    _one_clear_line(finished, f"the database {path}", "locked")
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM office").fetchone() == (0,)


def test_a_backup_is_taken_while_another_program_holds_the_write_lock(office: Path, out: Path) -> None:
    with locked(office):
        finished = run_pedesk(*_argv("backup", office, out))
    assert finished.code == 0 and finished.stderr == ""
    assert names_in(out) == ["copy.sqlite3"]


def test_a_database_on_a_drive_that_is_gone_is_refused_not_made_anew(tmp_path: Path) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    path = drive / "pedesk.sqlite3"
    database, _report = open_database(f"sqlite:///{path}")
    database.dispose()
    shutil.rmtree(drive)  # the network drive was disconnected
    finished = run_pedesk("--db", str(path), "certificates", "list")
    assert finished.code == 2 and len(finished.error_lines) == 1, finished
    assert f"The folder {drive} of the database does not exist" in finished.error_lines[0]
    assert "connect the drive" in finished.error_lines[0]
    assert not drive.exists()  # no new, empty database in its place


def test_an_output_folder_that_is_gone_is_said(office: Path, out: Path) -> None:
    out.rmdir()
    finished = run_pedesk(*_argv("certificates print", office, out))
    assert finished.code == 2 and len(finished.error_lines) == 1, finished
    assert f"The folder {out} does not exist" in finished.error_lines[0]
    assert not out.exists()
