"""The database guards what the Rules say must stay (issue 14 point 12), whichever program writes to it: the
triggers of migration 0007 refuse to delete a certificate that was issued (п.32: it is annulled or superseded
instead) and to change or delete the audit log, on SQLite and on PostgreSQL; pedesk turns the refusal into a
sentence. Every migration goes back cleanly where nothing would be lost, and refuses, changing nothing, where it
would delete what an office entered."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy.exc import IntegrityError

from pedesk.models import AuditEntry, Certificate, PrinterOffset
from pedesk.models.database import Database, sqlite_path
from pedesk.models.schema import SchemaError, alembic_config, current_revision, head_revision, open_database
from pedesk.services.common.faults import fault_message
from tests.backends import Backend
from tests.builders import TODAY, USER, certified, cohort, office_provider, programme, signing_office, teacher

SQLITE_TRIGGERS = {"certificate_kept", "audit_log_kept_update", "audit_log_kept_delete"}
POSTGRESQL_TRIGGERS = {"certificate_kept", "certificate_kept_truncate", "audit_log_kept", "audit_log_kept_truncate"}
CERTIFICATE_REFUSED = ("A certificate that was issued is never deleted (п.32 of the Rules): the database refused it. "
                       "Annul the certificate, or reissue it, instead; nothing was changed.")
AUDIT_REFUSED = "The audit log is never changed or deleted: the database refused it. Nothing was changed."


def _issued(database: Database) -> int:
    """One certificate issued by pedesk (which wrote audit entries on the way); its id."""
    with database.transaction(USER, immediate=True) as session:
        office = signing_office(session)
        course = programme(session, office, "P72", "Бағдарлама", "Программа", 72)
        group = cohort(session, office, course, "G-01", TODAY, host=office_provider(session, office), capacity=25)
        return certified(session, group, teacher(session, 1), TODAY, 1, USER)


def _count(connection: sa.Connection, table: str) -> int:
    return int(connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


@pytest.mark.sqlite_only("the SQLite guard triggers, seen from another program on the file")
def test_sqlite_refuses_deleting_an_issued_certificate_or_rewriting_the_audit_log(database: Database) -> None:
    certificate_id = _issued(database)
    path = sqlite_path(database.url)
    assert path is not None
    outside = sqlite3.connect(path)  # another program: a database browser, a script
    try:
        names = {row[0] for row in outside.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert names >= SQLITE_TRIGGERS
        for statement, guard in (
            (f"DELETE FROM certificate WHERE id = {certificate_id}", "certificate_kept"),
            ("UPDATE audit_log SET reason = 'тексерілді'", "audit_log_kept"),
            ("DELETE FROM audit_log", "audit_log_kept"),
        ):
            try:
                changed = outside.execute(statement).rowcount
            except sqlite3.IntegrityError as refused:
                assert guard in str(refused), (statement, str(refused))
            else:
                pytest.fail(f"{statement!r} changed {changed} rows: the guard {guard} did not refuse it")
            finally:
                outside.rollback()
        for status in ("annulled", "superseded"):  # an annulled certificate stays on record too
            outside.execute(f"UPDATE certificate SET status = '{status}' WHERE id = {certificate_id}")
            with pytest.raises(sqlite3.IntegrityError, match="certificate_kept"):
                outside.execute(f"DELETE FROM certificate WHERE id = {certificate_id}")
            outside.rollback()
    finally:
        outside.close()
    with database.reading() as session:
        assert session.get_one(Certificate, certificate_id).status == "issued"
        assert session.query(AuditEntry).count() > 0


def test_pedesk_says_the_refusal_in_words(database: Database) -> None:
    certificate_id = _issued(database)
    with pytest.raises(IntegrityError) as deleting, database.transaction(USER) as session:
        session.delete(session.get_one(Certificate, certificate_id))
    assert fault_message(deleting.value) == CERTIFICATE_REFUSED
    with pytest.raises(IntegrityError) as rewriting, database.transaction(USER) as session:
        session.execute(sa.update(AuditEntry).values(by="someone else"))
    assert fault_message(rewriting.value) == AUDIT_REFUSED
    with database.reading() as session:
        assert session.get(Certificate, certificate_id) is not None
        assert not session.query(AuditEntry).filter(AuditEntry.by == "someone else").count()


def test_postgresql_refuses_the_same_and_a_truncate(postgres_url: str) -> None:
    database, _report = open_database(postgres_url)
    try:
        certificate_id = _issued(database)
        for statement, guard in (
            (f"DELETE FROM certificate WHERE id = {certificate_id}", "certificate_kept"),
            ("TRUNCATE certificate CASCADE", "certificate_kept"),
            ("UPDATE audit_log SET reason = 'тексерілді'", "audit_log_kept"),
            ("DELETE FROM audit_log", "audit_log_kept"),
            ("TRUNCATE audit_log", "audit_log_kept"),
        ):
            with pytest.raises(IntegrityError, match=guard) as caught, database.engine.begin() as connection:
                connection.execute(sa.text(statement))
            assert fault_message(caught.value) in (CERTIFICATE_REFUSED, AUDIT_REFUSED)
        with database.engine.connect() as connection:
            assert _count(connection, "certificate") == 1 and _count(connection, "audit_log") > 0
    finally:
        database.dispose()


# --- going back ---------------------------------------------------------------------------------------------


def _revisions() -> list[str]:
    """Every revision, newest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [revision.revision for revision in script.walk_revisions()]


def _downgrade(database: Database, target: str) -> None:
    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, target)


@pytest.fixture
def fresh(backend: Backend, tmp_path: Path) -> Iterator[Database]:
    database, _report = open_database(backend.empty(tmp_path, "fresh.sqlite3"))
    yield database
    database.dispose()


def _triggers(connection: sa.Connection) -> set[str]:
    if connection.dialect.name == "sqlite":
        found = connection.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    else:
        found = connection.execute(sa.text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
    return {row[0] for row in found}


def test_every_migration_goes_back_on_a_fresh_database_and_up_again(fresh: Database) -> None:
    revisions = _revisions()
    assert revisions[0] == head_revision() and revisions[-1] == "0001"
    for older in [*revisions[1:], "base"]:
        _downgrade(fresh, "-1")  # one step at a time, so that each downgrade is run
        assert current_revision(fresh.engine) == (None if older == "base" else older)
    with fresh.engine.connect() as connection:
        assert sa.inspect(connection).get_table_names() == ["alembic_version"]
    config = alembic_config()
    with fresh.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert current_revision(fresh.engine) == head_revision()


def test_going_back_refuses_to_delete_what_the_office_entered_and_changes_nothing(fresh: Database) -> None:
    with fresh.transaction(USER) as session:
        session.add(PrinterOffset(printer="Canon LBP", x_mm=1.5, y_mm=-0.5))
    with pytest.raises(SchemaError) as caught:
        _downgrade(fresh, "0003")
    assert str(caught.value) == (
        "The database cannot go back to before schema 0004: that would delete the printer offsets of the office "
        "(in printer_offset). Going back never deletes records; keep this version of pedesk, or restore a backup "
        "made before the upgrade. Nothing was changed.")
    assert current_revision(fresh.engine) == head_revision()  # not even the later steps were undone
    with fresh.engine.connect() as connection:
        assert _count(connection, "printer_offset") == 1
        triggers = _triggers(connection)
    assert triggers >= (SQLITE_TRIGGERS if fresh.is_sqlite else POSTGRESQL_TRIGGERS)


def test_going_back_to_nothing_refuses_while_there_are_records(fresh: Database) -> None:
    _issued(fresh)
    with pytest.raises(SchemaError, match="would delete") as caught:
        _downgrade(fresh, "base")
    assert "Nothing was changed." in str(caught.value)
    assert current_revision(fresh.engine) == head_revision()
    with fresh.engine.connect() as connection:
        assert _count(connection, "certificate") == 1
