"""What the migrations' downgrades share: going back refuses, with a clear message, when it would throw away
what an office entered; only an empty part of the schema is taken down.

Each downgrade names the records it would lose (a table, or a column that is not empty) and why they matter; when
any is there, :func:`refuse_losing` raises :class:`~pedesk.models.schema.SchemaError` and alembic's transaction
is rolled back, so the database stays at the revision it had.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pedesk.i18n import _
from pedesk.models.schema import SchemaError

__all__ = ["Kept", "every_table", "refuse_losing"]

Kept = tuple[str, str]
"""A table and a condition on its rows ("" for every row): the records a downgrade would lose."""


def _holds(connection: sa.Connection, table: str, where: str) -> bool:
    if not sa.inspect(connection).has_table(table):
        return False
    query = f"SELECT 1 FROM {table}" + (f" WHERE {where}" if where else "") + " LIMIT 1"
    return connection.execute(sa.text(query)).first() is not None


def every_table(*skipped: str) -> list[Kept]:
    """Every table of the database (all its rows) but alembic's own and ``skipped``."""
    names = sa.inspect(op.get_bind()).get_table_names()
    return [(name, "") for name in sorted(names) if name != "alembic_version" and name not in skipped]


def refuse_losing(revision: str, kept: Sequence[Kept], what: str) -> None:
    """Refuse to undo ``revision`` when any of ``kept`` holds a row; ``what`` says, translated, what would be
    lost ("the printer offsets of the office")."""
    connection = op.get_bind()
    found = [table for table, where in kept if _holds(connection, table, where)]
    if found:
        raise SchemaError(_(
            "The database cannot go back to before schema {revision}: that would delete {what} (in {tables}). "
            "Going back never deletes records; keep this version of pedesk, or restore a backup made before "
            "the upgrade. Nothing was changed."
        ).format(revision=revision, what=what, tables=", ".join(found)))
