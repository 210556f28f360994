"""Alembic environment: pedesk always passes an open connection (see pedesk.models.schema)."""

from __future__ import annotations

from alembic import context

from pedesk.models import Base
from pedesk.models.schema_names import SEARCH_INDEX_PREFIXES

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - pedesk never runs alembic without a connection
    raise RuntimeError("pedesk migrations run through pedesk.models.schema.upgrade_database")



def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Search indexes kept by raw SQL (FTS5 tables and their shadow tables) are not in the models."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_INDEX_PREFIXES))


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_name=include_name,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
