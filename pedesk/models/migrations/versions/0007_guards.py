"""guards: the database itself keeps what the Rules say must stay

Nothing that was issued is deleted (п.32: a certificate is annulled or superseded, with reason and who), and the
audit trail is never rewritten. pedesk never does either, but another program on the same database (a database
browser, a script, psql) could: triggers refuse

* DELETE of a certificate that is issued, annulled or superseded (every status a certificate has: an issued
  document stays on record whatever became of it), and
* UPDATE and DELETE of an audit_log row (and, on PostgreSQL, TRUNCATE of either table).

The error the trigger raises starts with the trigger's name ("certificate_kept: ..."), by which
:mod:`pedesk.services.common.guards` turns it into a translated refusal. SQLite raises it as a constraint
failure (RAISE(ABORT)), PostgreSQL as ``restrict_violation`` (SQLSTATE 23001): both reach SQLAlchemy as an
IntegrityError.

NOTE for later migrations: on SQLite a ``batch_alter_table`` that rebuilds ``certificate`` or ``audit_log``
(move and copy) drops their triggers with the old table; create them again after it (``STATEMENTS`` below), as
tests/models/test_guards.py checks at the head.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

KEPT_STATUSES = "('issued', 'annulled', 'superseded')"
CERTIFICATE_MESSAGE = ("certificate_kept: an issued, annulled or superseded certificate is never deleted "
                       "(Rules p.32); annul it instead")
AUDIT_MESSAGE = "audit_log_kept: the audit log is never changed or deleted"

SQLITE = (
    f"CREATE TRIGGER certificate_kept BEFORE DELETE ON certificate WHEN old.status IN {KEPT_STATUSES} "
    f"BEGIN SELECT RAISE(ABORT, '{CERTIFICATE_MESSAGE}'); END",
    f"CREATE TRIGGER audit_log_kept_update BEFORE UPDATE ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END",
    f"CREATE TRIGGER audit_log_kept_delete BEFORE DELETE ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END",
)
SQLITE_DROP = ("DROP TRIGGER IF EXISTS certificate_kept", "DROP TRIGGER IF EXISTS audit_log_kept_update",
               "DROP TRIGGER IF EXISTS audit_log_kept_delete")

POSTGRESQL = (
    f"""CREATE FUNCTION pedesk_certificate_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' OR OLD.status IN {KEPT_STATUSES} THEN
            RAISE EXCEPTION '{CERTIFICATE_MESSAGE}' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
    END $$""",
    f"""CREATE FUNCTION pedesk_audit_log_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{AUDIT_MESSAGE}' USING ERRCODE = 'restrict_violation';
    END $$""",
    "CREATE TRIGGER certificate_kept BEFORE DELETE ON certificate FOR EACH ROW "
    "EXECUTE FUNCTION pedesk_certificate_kept()",
    "CREATE TRIGGER certificate_kept_truncate BEFORE TRUNCATE ON certificate FOR EACH STATEMENT "
    "EXECUTE FUNCTION pedesk_certificate_kept()",
    "CREATE TRIGGER audit_log_kept BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW "
    "EXECUTE FUNCTION pedesk_audit_log_kept()",
    "CREATE TRIGGER audit_log_kept_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT "
    "EXECUTE FUNCTION pedesk_audit_log_kept()",
)
POSTGRESQL_DROP = (
    "DROP TRIGGER IF EXISTS certificate_kept ON certificate",
    "DROP TRIGGER IF EXISTS certificate_kept_truncate ON certificate",
    "DROP TRIGGER IF EXISTS audit_log_kept ON audit_log",
    "DROP TRIGGER IF EXISTS audit_log_kept_truncate ON audit_log",
    "DROP FUNCTION IF EXISTS pedesk_certificate_kept()",
    "DROP FUNCTION IF EXISTS pedesk_audit_log_kept()",
)


def _statements(sqlite: tuple[str, ...], postgresql: tuple[str, ...]) -> tuple[str, ...]:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        return sqlite
    if dialect == "postgresql":
        return postgresql
    raise NotImplementedError(f"pedesk keeps its guards on SQLite and PostgreSQL only, not on {dialect}")


def upgrade() -> None:
    for statement in _statements(SQLITE, POSTGRESQL):
        op.execute(statement)


def downgrade() -> None:
    # the triggers only refuse; taking them away loses nothing
    for statement in _statements(SQLITE_DROP, POSTGRESQL_DROP):
        op.execute(statement)
