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

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("teacher", "school", "provider"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("origin_office", sa.String(length=20), nullable=False, server_default=""))
