"""teacher search: an FTS5 trigram index over teacher.search_key (SQLite)

Searching any fragment of a name ("әлі" in "Әлібеков") is a substring search, which LIKE answers only by
reading every teacher; over 100,000 teachers that misses the 50 ms a keystroke. The trigram index finds
the teachers holding every three-letter piece of the fragment directly. Triggers keep it in step with the
teacher table, whoever writes it. PostgreSQL keeps using LIKE (pg_trgm can serve it later).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

STATEMENTS = (
    "CREATE VIRTUAL TABLE teacher_fts USING fts5(search_key, content='teacher', content_rowid='id', "
    "tokenize='trigram case_sensitive 1')",
    "CREATE TRIGGER teacher_fts_insert AFTER INSERT ON teacher BEGIN "
    "INSERT INTO teacher_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER teacher_fts_delete AFTER DELETE ON teacher BEGIN "
    "INSERT INTO teacher_fts(teacher_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key); END",
    "CREATE TRIGGER teacher_fts_update AFTER UPDATE OF search_key ON teacher BEGIN "
    "INSERT INTO teacher_fts(teacher_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key); "
    "INSERT INTO teacher_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "INSERT INTO teacher_fts(teacher_fts) VALUES ('rebuild')",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("teacher_fts_insert", "teacher_fts_delete", "teacher_fts_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS teacher_fts")
