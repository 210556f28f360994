"""provider heads: a provider that delivers courses signs its own certificates (п.29, п.32)

A certificate names as issuer the organisation that delivered the course and is signed by that
organisation's head or, while the head is absent, the acting head. Providers therefore carry what the
office already carries: the head's position, the acting head and position, the city printed beside the
date, and the numbering pattern of the issuer's own series ("" = numbered in the office's series).

The certificate counter is kept per numbering series as well (``series``: "" for the office's own series, as
every counter so far; ``provider-<id>`` for a provider's own), so the numbers already issued keep counting
where they stood.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("head_position_kk", 300),
    ("head_position_ru", 300),
    ("acting_head_name", 200),
    ("acting_head_position_kk", 300),
    ("acting_head_position_ru", 300),
    ("city_kk", 100),
    ("city_ru", 100),
    ("numbering_pattern", 100),
)


_COUNTER = "certificate_counter"
_COUNTER_KEY = "pk_certificate_counter"


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch rebuild: rebuilding drops ``provider`` while cohorts and assessments
    # point at it, which foreign keys refuse on any database with data.
    for name, length in _COLUMNS:
        op.add_column("provider", sa.Column(name, sa.String(length=length), nullable=False, server_default=""))
    op.add_column("provider", sa.Column("head_absent", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table(_COUNTER) as batch:
        batch.add_column(sa.Column("series", sa.String(length=40), nullable=False, server_default=""))
        batch.drop_constraint(_COUNTER_KEY, type_="primary")
        batch.create_primary_key(_COUNTER_KEY, ["office_id", "series", "year"])


def downgrade() -> None:
    # a provider's own series goes with its numbering pattern: the office's series is what stays
    op.execute(sa.text(f"DELETE FROM {_COUNTER} WHERE series <> ''"))
    with op.batch_alter_table(_COUNTER) as batch:
        batch.drop_constraint(_COUNTER_KEY, type_="primary")
        batch.create_primary_key(_COUNTER_KEY, ["office_id", "year"])
        batch.drop_column("series")
    # Plain DROP COLUMN (SQLite 3.35 and later) for the same reason: no rebuild of a table others point at.
    op.drop_column("provider", "head_absent")
    for name, _length in reversed(_COLUMNS):
        op.drop_column("provider", name)
