"""The schema on a real PostgreSQL server (tests/postgres.py): the migrations reach the head and agree with
the models there too; the server's zone does not shift the times the database stamps itself."""

from __future__ import annotations

from datetime import timedelta

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from pedesk.models import Base
from pedesk.models.base import utcnow
from pedesk.models.schema import current_revision, head_revision, open_database
from tests.models.test_schema import include_name
from tests.postgres import database_name


def test_migrations_reach_the_head_and_agree_with_the_models_on_postgresql(postgres_url: str) -> None:
    database, report = open_database(postgres_url)
    try:
        assert database.engine.dialect.name == "postgresql"
        assert report.to_revision == current_revision(database.engine) == head_revision()
        with database.engine.connect() as connection:
            opts = {"compare_type": True, "include_name": include_name}
            assert compare_metadata(MigrationContext.configure(connection, opts=opts), Base.metadata) == []
    finally:
        database.dispose()


def test_a_server_in_the_office_s_zone_stamps_times_in_utc_as_sqlite_does(postgres_url: str) -> None:
    """A row written by another program (no created_at given: the column's server default) is stamped in UTC,
    as pedesk stamps its own rows and as SQLite's CURRENT_TIMESTAMP does, whatever zone the server is set to."""
    database, _report = open_database(postgres_url)
    try:
        with database.engine.begin() as connection:
            connection.execute(text(f'ALTER DATABASE "{database_name(postgres_url)}" SET timezone TO \'Asia/Almaty\''))
        database.engine.dispose()  # a new connection takes the database's setting
        with database.engine.begin() as connection:
            connection.execute(text("INSERT INTO printer_offset (printer, x_mm, y_mm, blank_form) "
                                    "VALUES ('HP LaserJet', 0, 0, FALSE)"))
            stamped = connection.execute(text("SELECT created_at FROM printer_offset")).scalar_one()
        assert abs(stamped - utcnow()) < timedelta(minutes=1)
    finally:
        database.dispose()
