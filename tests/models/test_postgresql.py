"""The schema on a real PostgreSQL server (tests/postgres.py): the migrations reach the head and agree with
the models there too."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from pedesk.models import Base
from pedesk.models.schema import current_revision, head_revision, open_database
from tests.models.test_schema import include_name


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
