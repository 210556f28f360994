"""printing: per-printer offsets for pre-printed blank forms; one live certificate per enrolment

``printer_offset`` keeps, per printer of the office, how far it shifts the page (x and y in millimetres)
and whether certificates go onto pre-printed blank forms. The partial unique index on
``certificate(enrolment_id)`` for live certificates of ours is the database's own guard against two
issuing runs giving one listener two certificates.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pedesk.i18n import _
from pedesk.models.migrations.keep import refuse_losing

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "printer_offset",
        sa.Column("printer", sa.String(length=200), nullable=False),
        sa.Column("x_mm", sa.Float(), nullable=False),
        sa.Column("y_mm", sa.Float(), nullable=False),
        sa.Column("blank_form", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.PrimaryKeyConstraint("printer", name=op.f("pk_printer_offset")),
    )
    op.create_index(op.f("ix_printer_offset_created_at"), "printer_offset", ["created_at"], unique=False)
    op.create_index(op.f("ix_printer_offset_updated_at"), "printer_offset", ["updated_at"], unique=False)
    op.create_index(
        "uq_certificate_live_enrolment",
        "certificate",
        ["enrolment_id"],
        unique=True,
        sqlite_where=sa.text("status = 'issued' AND external = 0"),
        postgresql_where=sa.text("status = 'issued' AND external = false"),
    )


def downgrade() -> None:
    refuse_losing("0004", [("printer_offset", "")], _("the printer offsets of the office"))
    op.drop_index("uq_certificate_live_enrolment", table_name="certificate")
    op.drop_index(op.f("ix_printer_offset_updated_at"), table_name="printer_offset")
    op.drop_index(op.f("ix_printer_offset_created_at"), table_name="printer_offset")
    op.drop_table("printer_offset")
