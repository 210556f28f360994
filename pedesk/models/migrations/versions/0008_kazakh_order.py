"""kazakh order: names sort by the Kazakh alphabet in the database too (issue 14 point 17)

А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я: an ORDER BY on a name goes
through ``pedesk.models.collation.name_order``, which is ``COLLATE KAZAKH`` on SQLite (a collation pedesk
registers on every connection) and ``COLLATE "kk_icu"`` on PostgreSQL: ICU's Kazakh collation (locale kk-KZ),
made here. ICU's order is the alphabet above, І after Ы and Ё after Е included, and ``kazakh_key`` follows it.

The registry lists teachers by surname, name and patronymic a page at a time; an index in that order keeps the
first page of 100,000 teachers as quick as it was by the folded search key.

NOTE: on SQLite the index uses the KAZAKH collation, so a program other than pedesk (the sqlite3 shell, a
database browser) can read the teacher table but cannot change a teacher's name (it stops with "no such
collation sequence: KAZAKH"); pedesk's own connections always have it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

INDEX = "ix_teacher_name_order"
_COLUMNS = ("surname", "name", "patronymic")


def _index(collation: str) -> str:
    ordered = ", ".join(f"{column} COLLATE {collation}" for column in _COLUMNS)
    return f"CREATE INDEX {INDEX} ON teacher ({ordered}, id)"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(_index("KAZAKH"))
    elif dialect == "postgresql":
        op.execute("CREATE COLLATION IF NOT EXISTS kk_icu (provider = icu, locale = 'kk-KZ')")
        op.execute(_index('"kk_icu"'))
    else:
        raise NotImplementedError(f"pedesk sorts names on SQLite and PostgreSQL only, not on {dialect}")


def downgrade() -> None:
    # an index and a collation only order; taking them away loses nothing
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP COLLATION IF EXISTS kk_icu")
