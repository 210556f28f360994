"""The demo's bulk load into SQLite (services/demo/loading.py): the indexes and the full-text triggers are
dropped during the load and recreated exactly after it, the full-text index is rebuilt (search finds the
teachers), and the journal settings are back as they were."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from pedesk.models.database import Database
from pedesk.models.schema import open_database
from pedesk.services.demo import loading, region
from pedesk.services.demo.region import generate_demo
from pedesk.services.teachers.search import count_teachers
from tests.backends import Backend

SCHEMA = ("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger', 'table', 'view') "
          "ORDER BY type, name")


def _schema(database: Database) -> list[tuple[str, str, str, str | None]]:
    with database.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(SCHEMA))]  # type: ignore[misc]


@pytest.fixture
def sqlite_only(backend: Backend) -> Backend:
    if backend.server is not None:
        pytest.skip("the bulk load is SQLite's (PostgreSQL keeps its indexes)")
    return backend


def test_after_a_demo_the_schema_is_a_migrated_databases(sqlite_only: Backend, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    empty, _report = open_database(sqlite_only.migrated(tmp_path, "empty.sqlite3"))
    expected = _schema(empty)
    empty.dispose()
    dropped: list[str] = []
    original = loading.bulk_load

    @contextmanager
    def watched(conn: Connection) -> Iterator[None]:
        with original(conn):
            dropped.extend(row[0] for row in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')"))
            yield

    monkeypatch.setattr(region, "bulk_load", watched)
    database, _report = open_database(sqlite_only.migrated(tmp_path, "demo.sqlite3"))
    generate_demo(database, teachers=300, seed=3, today=date(2026, 11, 25))
    # during the load only the unique indexes (and the triggers that fill no search index) were left
    present = set(dropped)
    assert "ix_teacher_search_key" not in present and "teacher_fts_insert" not in present
    assert "uq_certificate_live_enrolment" in present and "certificate_kept" in present
    assert _schema(database) == expected
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        # the rebuilt search index holds what the triggers would have put in (raises when it does not)
        conn.exec_driver_sql("INSERT INTO teacher_fts(teacher_fts, rank) VALUES ('integrity-check', 1)")
        surname, iin, teachers = conn.exec_driver_sql(
            "SELECT surname, iin, (SELECT count(*) FROM teacher) FROM teacher ORDER BY id LIMIT 1 OFFSET 137").one()
    with database.sessions() as session:
        by_name = count_teachers(session, surname)
        assert 1 <= by_name < teachers
        assert count_teachers(session, iin) == 1
    database.dispose()


def test_the_indexes_come_back_when_the_load_fails(sqlite_only: Backend, tmp_path: Path) -> None:
    database, _report = open_database(sqlite_only.migrated(tmp_path))
    expected = _schema(database)
    with database.engine.connect() as conn, pytest.raises(RuntimeError), conn.begin(), loading.bulk_load(conn):
        raise RuntimeError("stop")
    assert _schema(database) == expected
    database.dispose()
