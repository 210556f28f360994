"""Migrations: a new database, an upgrade from the first migration with a backup, refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from pedesk.models import Base, Office, Region, Teacher
from pedesk.models.database import Database
from pedesk.models.schema import (
    SchemaError,
    alembic_config,
    current_revision,
    head_revision,
    open_database,
    upgrade_database,
)
from pedesk.models.schema_names import in_models
from tests.backends import Backend
from tests.builders import stored

include_name = in_models  # alembic's include_name: what the models describe


def test_new_database_reaches_head_without_backup(backend: Backend, tmp_path: Path) -> None:
    db, report = open_database(backend.empty(tmp_path, "new.sqlite3"))
    assert report.from_revision is None and report.to_revision == head_revision() and report.backup is None
    assert not (tmp_path / "backups").exists()
    db.dispose()


def test_models_and_migrations_agree(database: Database) -> None:
    with database.engine.connect() as connection:
        opts = {"compare_type": True, "include_name": include_name}
        diff = compare_metadata(MigrationContext.configure(connection, opts=opts), Base.metadata)
    assert diff == []


@pytest.mark.sqlite_only("SQLite's pragmas")
def test_sqlite_pragmas(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 10_000


def test_upgrade_from_first_migration_backs_up_and_keeps_data(backend: Backend, tmp_path: Path) -> None:
    """The data stays on both back-ends; a SQLite file is copied to a dated backup first (PostgreSQL is backed up
    with its own tools)."""
    url = backend.empty(tmp_path, "old.sqlite3")
    old = Database(url)
    upgrade_database(old, target="0001")
    assert current_revision(old.engine) == "0001"
    with old.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO office (code, is_own, name_kk, name_ru, city_kk, city_ru, head_name, "
                 "head_position_kk, head_position_ru, head_absent, acting_head_name, acting_head_position_kk, "
                 "acting_head_position_ru, numbering_pattern, authorised_body_kk, authorised_body_ru) "
                 "VALUES ('OLD', TRUE, 'Ескі', 'Старый', '', '', '', '', '', FALSE, '', '', '', '{office}-{seq}', '', '')")
        )
        assert connection.execute(text("SELECT count(*) FROM region")).scalar() == 0
    old.dispose()

    db, report = open_database(url)
    try:
        assert report.from_revision == "0001" and report.to_revision == head_revision()
        if backend.is_sqlite:
            assert report.backup is not None and report.backup.parent == tmp_path / "backups"
            assert "before-upgrade-from-0001" in report.backup.name
            with sqlite3.connect(report.backup) as copy:
                assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
                assert copy.execute("SELECT code FROM office").fetchall() == [("OLD",)]
        else:
            assert report.backup is None
        with db.reading() as session:
            assert session.scalars(select(Office.code)).all() == ["OLD"]
            assert session.scalar(select(Region).where(Region.code == "ASTANA")) is not None
    finally:
        db.dispose()


def test_reference_data_loaded(database: Database) -> None:
    from datetime import date

    with database.reading() as session:
        regions = session.scalars(select(Region)).all()
        assert len([r for r in regions if r.kind == "oblys"]) == 17
        assert {r.code for r in regions if r.kind == "city"} == {"ASTANA", "ALMATY", "SHYMKENT"}
        astana = next(r for r in regions if r.code == "ASTANA")
        assert astana.name_on(date(2020, 5, 1), "kk") == "Нұр-Сұлтан қаласы"
        assert astana.name_on(date(2023, 1, 1), "ru") == "город Астана"
        assert astana.name_on(date(2010, 1, 1), "en") == "Astana"
        counts = {
            table: session.execute(text(f"SELECT count(*) FROM {table} WHERE name_kk <> '' AND name_ru <> '' "
                                        "AND name_en <> ''")).scalar()
            for table in ("education_level", "course_format", "qualification_category", "trainer_kind",
                          "provider_kind", "document_kind")
        }
    assert counts == {"education_level": 7, "course_format": 3, "qualification_category": 10,
                      "trainer_kind": 5, "provider_kind": 9, "document_kind": 5}


def test_newer_database_is_refused_and_untouched(database: Database, tmp_path: Path) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.dispose()
    before = stored(database.url)
    with pytest.raises(SchemaError, match="newer version of pedesk"):
        open_database(database.url)
    assert stored(database.url) == before
    assert not (tmp_path / "backups").exists()


def test_foreign_file_is_refused(db_url: str) -> None:
    other = Database(db_url)
    try:
        with other.engine.begin() as connection:
            connection.execute(text("CREATE TABLE notes (x INTEGER)"))
    finally:
        other.dispose()
    with pytest.raises(SchemaError, match="not a pedesk database"):
        open_database(db_url)


def test_postgresql_url_takes_the_same_code_path() -> None:
    db = Database("postgresql+psycopg://pedesk@localhost:5432/pedesk")
    try:
        assert db.engine.dialect.name == "postgresql"
        assert db.path is None and not db.is_sqlite
    finally:
        db.dispose()


def test_transaction_rolls_back_everything_on_error(database: Database) -> None:
    with pytest.raises(RuntimeError), database.transaction() as session:
        session.add(Office(code="X", is_own=True, name_kk="А", name_ru="А"))
        session.flush()
        raise RuntimeError("boom")
    with database.reading() as session:
        assert session.scalars(select(Office)).all() == []
        assert session.scalars(select(Teacher)).all() == []


@pytest.mark.sqlite_only("migration 0006 rebuilds a SQLite table (batch mode) that cohorts point at")
def test_upgrade_keeps_providers_that_cohorts_point_at(tmp_path: Path) -> None:
    """Migration 0006 adds the providers' signature block to a database full of data: a provider that a
    cohort points at (foreign keys on) is neither dropped nor refused."""
    path = tmp_path / "office.sqlite3"
    old = Database(f"sqlite:///{path}")
    upgrade_database(old, target="0005")
    old.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO provider (name_kk, name_ru, head_name, address, phone, "
                           "can_assess_externally, search_key, origin_office) "
                           "VALUES ('Өрлеу', 'Орлеу', 'Ахметова', '', '', 0, '', '')")
        columns = connection.execute("PRAGMA table_info(cohort)").fetchall()
        values = {name: ("2026-01-01" if "DATE" in kind.upper() else 1 if kind.upper() in {"INTEGER", "BOOLEAN"}
                         else "x")
                  for _cid, name, kind, notnull, default, pk in columns if notnull and default is None and not pk}
        values["provider_id"] = 1
        connection.execute(f"INSERT INTO cohort ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                           list(values.values()))
    database = Database(f"sqlite:///{path}")
    upgrade_database(database)
    assert current_revision(database.engine) == head_revision()
    with database.engine.connect() as connection:
        provider = connection.execute(text("SELECT name_kk, head_name, head_absent, numbering_pattern FROM provider")).one()
        assert tuple(provider) == ("Өрлеу", "Ахметова", 0, "")
        assert connection.execute(text("SELECT provider_id FROM cohort")).scalar() == 1
    config = alembic_config()
    with database.engine.begin() as connection:  # and back: the columns go, the provider and cohort stay
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    with database.engine.connect() as connection:
        assert current_revision(database.engine) == "0005"
        assert connection.execute(text("SELECT name_kk FROM provider")).scalar() == "Өрлеу"
        assert connection.execute(text("SELECT provider_id FROM cohort")).scalar() == 1
        columns = {row[1] for row in connection.execute(text("PRAGMA table_info(provider)"))}
        assert "head_absent" not in columns and "acting_head_name" not in columns
    database.dispose()
