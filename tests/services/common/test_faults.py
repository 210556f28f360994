"""Faults of the machine in the services (issue 14, point 10): each becomes one sentence that names the file and
the reason; an atomic write leaves nothing behind; a database whose drive is gone is refused, not written into."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from pedesk.i18n import set_language
from pedesk.models.database import Database
from pedesk.models.schema import open_database
from pedesk.services.common import Fault, fault_message, write_atomically, write_fault
from tests.builders import locked, names_in


@pytest.mark.parametrize(("error", "words"), [
    (OSError(errno.ENOSPC, "No space left on device"), "the disk is full; free some space"),
    (OSError(errno.EFBIG, "File too large"), "larger than this disk allows"),
    (OSError(errno.EROFS, "Read-only file system"), "read-only; choose another folder"),
    (OSError(errno.EACCES, "Permission denied"), "may not write there, or the file is open in another program"),
    (OSError(errno.ENOENT, "No such file or directory"), "the network or removable drive it is on is not connected"),
    (OSError(errno.EIO, "Input/output error"), "input/output error"),
    (sqlite3.OperationalError("database or disk is full"), "the disk is full"),
    (sqlite3.OperationalError("database is locked"), "kept it locked for longer than"),
    (sqlite3.DatabaseError("file is not a database"), "not a database or it is damaged"),
])
def test_each_fault_says_its_reason_and_the_file(error: Exception, words: str, tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    message = fault_message(error, str(tmp_path / "pedesk.sqlite3"))
    assert message is not None and words in message and message.endswith("Nothing was changed.")
    assert str(tmp_path) in message
    written = Fault(message)
    assert written.problems[0].field == "path" and str(written) == message
    if isinstance(error, OSError):
        error.filename = str(tmp_path / ".book.xlsx.1234.part")
        fault = write_fault(target, error)
        assert fault is not None and fault.message.startswith(f"Could not write {target}: ")
        assert ".part" not in fault.message


def test_faults_are_said_in_kazakh_and_russian(tmp_path: Path) -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    set_language("kk")
    assert "диск толып қалды" in (fault_message(full, "x") or "")
    set_language("ru")
    assert "диск заполнен" in (fault_message(full, "x") or "")


def test_other_errors_are_no_fault() -> None:
    assert fault_message(ValueError("a bug")) is None
    assert fault_message(BrokenPipeError(errno.EPIPE, "Broken pipe")) is None
    assert fault_message(sqlite3.OperationalError("no such column: x")) is None


def test_a_folder_gone_before_the_write_is_a_fault_and_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    folder.rmdir()  # the memory stick was pulled out after the file was chosen
    with pytest.raises(Fault, match=r"Could not write .*stick/book\.xlsx: the folder is missing"):
        write_atomically(folder / "book.xlsx", lambda partial: partial.write_bytes(b"x"))


def test_whatever_stops_a_write_its_temporary_file_and_journal_are_removed(tmp_path: Path) -> None:
    def interrupted(partial: Path) -> None:
        connection = sqlite3.connect(partial)
        connection.execute("CREATE TABLE t (x)")
        connection.execute("BEGIN")
        connection.execute("INSERT INTO t VALUES (1)")  # a -journal beside the temporary file
        assert partial.with_name(partial.name + "-journal").exists()
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "copy.sqlite3", interrupted)
    assert names_in(tmp_path) == []


@pytest.mark.sqlite_only("the SQLite file unlinked under an open connection")
def test_a_database_whose_drive_is_gone_is_refused_not_written_into(tmp_path: Path) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    database, _report = open_database(f"sqlite:///{drive / 'pedesk.sqlite3'}")
    try:
        with database.reading() as session:
            session.execute(text("SELECT count(*) FROM teacher")).scalar_one()
        shutil.rmtree(drive)  # unlinked under the open connection, as a network drive that went away
        with pytest.raises(sqlite3.OperationalError) as raised, database.transaction() as session:
            session.execute(text("CREATE TABLE scratch (x)"))
        message = fault_message(raised.value, database.url)
        assert message is not None and "moved or deleted, or its drive was disconnected" in message
        assert str(drive / "pedesk.sqlite3") in message
    finally:
        database.dispose()


@pytest.mark.sqlite_only("the SQLite file locked by another program (PostgreSQL: the test below)")
def test_a_locked_database_is_said_after_the_busy_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEDESK_BUSY_TIMEOUT", "0.2")
    path = tmp_path / "pedesk.sqlite3"
    open_database(f"sqlite:///{path}")[0].dispose()
    database = Database(f"sqlite:///{path}")
    try:
        with locked(path), pytest.raises(Exception) as raised, database.transaction(immediate=True) as session:
            session.execute(text("SELECT 1"))
        message = fault_message(raised.value, database.url)
        assert message == (f"Could not use the database {path}: another program (another pedesk, a backup or a "
                           "synchronisation tool) kept it locked for longer than 0.2 s; close that program or wait, "
                           "then try again. Nothing was changed.")
    finally:
        database.dispose()


def test_a_writer_kept_waiting_past_the_busy_timeout_on_postgresql_is_said(
        postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL: another pedesk holds the writers' lock (it is issuing certificates) for longer than the busy
    timeout; the waiting writer gives up as SQLite does, in the same words."""
    monkeypatch.setenv("PEDESK_BUSY_TIMEOUT", "0.2")
    database, _report = open_database(postgres_url)
    other = Database(postgres_url)
    try:
        with other.transaction(immediate=True) as holding:
            holding.execute(text("SELECT 1"))
            with pytest.raises(OperationalError) as raised, database.transaction(immediate=True) as session:
                session.execute(text("SELECT 1"))
        message = fault_message(raised.value, database.url)
        assert message == (f"Could not use the database {postgres_url}: another program (another pedesk, a backup or "
                           "a synchronisation tool) kept it locked for longer than 0.2 s; close that program or wait, "
                           "then try again. Nothing was changed.")
        with database.transaction(immediate=True) as session:  # the lock is free again once the other one ends
            assert session.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        other.dispose()
        database.dispose()
