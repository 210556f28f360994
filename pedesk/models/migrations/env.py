"""Alembic environment: pedesk always passes an open connection (see pedesk.models.schema)."""

from __future__ import annotations

from alembic import context

from pedesk.models import Base
from pedesk.models.schema_names import in_models

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - pedesk never runs alembic without a connection
    raise RuntimeError("pedesk migrations run through pedesk.models.schema.upgrade_database")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_name=in_models,  # search and collated indexes are kept by raw SQL, not in the models
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
