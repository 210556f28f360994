"""users: people who sign in, with roles; the audit trail names them beside the OS account; certificates record
each printing; teachers and cohorts count their saves

* ``app_user``: a user name, full name, argon2id password hash, roles (space-separated), disabled, the failed
  sign-ins in a row and the time the account is locked until, whether the password must be changed, the last
  sign-in. A database with no row here stays open, as before.
* ``audit_log.os_account``: the operating-system account beside the signed-in user in ``by``.
* ``certificate_print``: each printing of a certificate (who, when, which printer).
* ``teacher.version`` and ``cohort.version``: a seat saving over another seat's change is refused.

Plain ADD COLUMN only (no batch rebuild), so that the guard triggers of ``audit_log`` stay in place.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pedesk.i18n import _
from pedesk.models.migrations.keep import refuse_losing

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("roles", sa.String(length=200), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("failed_sign_ins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("last_sign_in_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("name", name=op.f("uq_app_user_name")),
    )
    op.create_index(op.f("ix_app_user_created_at"), "app_user", ["created_at"])
    op.create_index(op.f("ix_app_user_updated_at"), "app_user", ["updated_at"])
    op.create_table(
        "certificate_print",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.Column("os_account", sa.String(length=100), nullable=False),
        sa.Column("printer", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["certificate_id"], ["certificate.id"],
                                name=op.f("fk_certificate_print_certificate_id_certificate")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_print")),
    )
    op.create_index(op.f("ix_certificate_print_certificate_id"), "certificate_print", ["certificate_id"])
    op.create_index(op.f("ix_certificate_print_printed_at"), "certificate_print", ["printed_at"])
    op.add_column("audit_log", sa.Column("os_account", sa.String(length=100), nullable=False, server_default=""))
    op.add_column("teacher", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("cohort", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    # going back with users would open a closed database to anyone, and lose who printed what
    refuse_losing("0009", [("app_user", ""), ("certificate_print", "")], _("the users of the office and the record of printed certificates"))
    op.drop_column("cohort", "version")
    op.drop_column("teacher", "version")
    op.drop_column("audit_log", "os_account")
    op.drop_index(op.f("ix_certificate_print_printed_at"), table_name="certificate_print")
    op.drop_index(op.f("ix_certificate_print_certificate_id"), table_name="certificate_print")
    op.drop_table("certificate_print")
    op.drop_index(op.f("ix_app_user_updated_at"), table_name="app_user")
    op.drop_index(op.f("ix_app_user_created_at"), table_name="app_user")
    op.drop_table("app_user")
