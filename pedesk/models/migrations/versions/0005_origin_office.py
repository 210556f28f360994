"""origin office: which office a data package brought a shared record from (teacher, school, provider)

Teachers, schools and providers are shared between offices (an IIN is one person wherever she studies).
When a package brings one, ``origin_office`` keeps the sending office's code, so that a later package from
another office with different data is reported as a conflict instead of silently overwriting (п.17).
"" means the record was entered in this database.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pedesk.i18n import _
from pedesk.models.migrations.keep import refuse_losing

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


_TABLES = ("teacher", "school", "provider")


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("origin_office", sa.String(length=20), nullable=False, server_default=""))


def downgrade() -> None:
    refuse_losing("0005", [(table, "origin_office <> ''") for table in _TABLES],
                  _("which office sent the teachers, schools and providers that data packages brought"))
    for table in _TABLES:
        if op.get_bind().dialect.name == "sqlite":
            # dropped in place: rebuilding the table (batch mode) would drop the search index's triggers (0003)
            op.execute(f"ALTER TABLE {table} DROP COLUMN origin_office")
        else:
            op.drop_column(table, "origin_office")
