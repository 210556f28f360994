"""name key: the registry's name order as one plain index SQLite walks without calling Python (issue 17 point 5)

The registry lists (and searches) teachers by surname, name and patronymic in the Kazakh alphabet. Through the
``KAZAKH`` collation (0008) every comparison is a call into Python, so sorting the few thousand teachers a
search finds costs tens of milliseconds a keystroke. ``teacher.name_key`` holds ``pedesk_name_key(surname,
name, patronymic)`` (``pedesk.models.collation.name_sort_key``: the same order as plain text), and the index
(name_key, id, search_key) gives a page of names in order with each one's folded ``search_key`` from the index
alone: the search reads a few thousand of them in a millisecond, and sorts what the trigram index found by
plain comparison.

SQLite only, like the trigram index (0003): the models do not map the column; triggers fill it on every
insert and on every change of a name, whoever writes (the ORM, Core ``executemany`` of the package import and
the demo, raw SQL), so it is never stale. PostgreSQL sorts in ICU's ``kk_icu`` collation in C and needs none
of this.

NOTE: as with 0008, a program other than pedesk (the sqlite3 shell, a database browser) can read the teacher
table but cannot write a teacher (it stops with "no such function: pedesk_name_key").

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

from pedesk.models.collation import SORT_KEY_FUNCTION, install_sqlite_functions

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

INDEX = "ix_teacher_name_key"
COLUMN = "name_key"
TRIGGERS = ("teacher_name_key_insert", "teacher_name_key_update")
_FILL = f"UPDATE teacher SET {COLUMN} = {SORT_KEY_FUNCTION}(new.surname, new.name, new.patronymic) WHERE id = new.id"
STATEMENTS = (
    f"ALTER TABLE teacher ADD COLUMN {COLUMN} TEXT",
    f"UPDATE teacher SET {COLUMN} = {SORT_KEY_FUNCTION}(surname, name, patronymic)",
    f"CREATE INDEX {INDEX} ON teacher ({COLUMN}, id, search_key)",
    f"CREATE TRIGGER {TRIGGERS[0]} AFTER INSERT ON teacher BEGIN {_FILL}; END",
    f"CREATE TRIGGER {TRIGGERS[1]} AFTER UPDATE OF surname, name, patronymic ON teacher BEGIN {_FILL}; END",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    install_sqlite_functions(bind.connection.dbapi_connection)  # pedesk's connections have it already
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    # a copy of the names in another order: taking it away loses nothing
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    op.execute(f"ALTER TABLE teacher DROP COLUMN {COLUMN}")
