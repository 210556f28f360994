"""A bulk load into a new SQLite database: the demo's rows without the per-row work of indexes and search.

:func:`bulk_load` runs inside the caller's one transaction. It drops the non-unique indexes and the
triggers that keep an external-content full-text index (FTS5 ``content=...``) up to date, as read from
``sqlite_master`` (whatever the migrations made, nothing named here), and recreates them from the same SQL
after the load; the full-text indexes are rebuilt from their tables (``'rebuild'``), which is what the
triggers would have written row by row. Unique indexes stay (they check the rows), and so do all other
triggers (whatever they fill is filled as the rows go in). :func:`relaxed_journal` turns the journal and
the syncing to disk down around the transaction (a half-made demo is thrown away whole) and restores them.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import Connection

__all__ = ["bulk_load", "relaxed_journal"]

_UNIQUE = re.compile(r"^\s*CREATE\s+UNIQUE\s", re.IGNORECASE)
_FTS = re.compile(r"USING\s+fts[345]\s*\((?P<options>.*)\)\s*$", re.IGNORECASE | re.DOTALL)
_CONTENT = re.compile(r"\bcontent\s*=\s*(?P<quote>['\"]?)(?P<table>[^'\",)\s]+)(?P=quote)", re.IGNORECASE)


def _driver_value(conn: Connection, statement: str) -> object:
    """Run a statement on the driver's connection (a PRAGMA outside SQLAlchemy's bookkeeping)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        row = cursor.execute(statement).fetchone()
    finally:
        cursor.close()
    return row[0] if row else None


@contextmanager
def relaxed_journal(conn: Connection) -> Iterator[None]:
    """No rollback journal on disk and no syncing while the block runs (outside any transaction), then the
    journal mode and the synchronous setting the connection had (WAL, NORMAL for pedesk's databases)."""
    journal = str(_driver_value(conn, "PRAGMA journal_mode"))
    synchronous = _driver_value(conn, "PRAGMA synchronous")
    with suppress(sqlite3.OperationalError):  # another connection has it open: the load goes through the WAL
        _driver_value(conn, "PRAGMA journal_mode=MEMORY")
    _driver_value(conn, "PRAGMA synchronous=OFF")
    try:
        yield
    finally:
        _driver_value(conn, f"PRAGMA synchronous={int(str(synchronous))}")
        _driver_value(conn, f"PRAGMA journal_mode={journal}")


def _fts_tables(conn: Connection) -> list[str]:
    """The full-text tables whose rows are those of a content table (and so can be rebuilt from it)."""
    found = []
    for name, sql in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"):
        match = _FTS.search(sql or "")
        if match and _CONTENT.search(match.group("options")) and not re.search(
                r"\bcontent\s*=\s*(''|\"\")", match.group("options"), re.IGNORECASE):
            found.append(str(name))
    return found


def _mentions(sql: str, names: list[str]) -> bool:
    return any(re.search(rf"(?<![\w\"]){re.escape(name)}(?![\w\"])|\"{re.escape(name)}\"", sql) for name in names)


@contextmanager
def bulk_load(conn: Connection) -> Iterator[None]:
    """Inside the caller's transaction: drop the non-unique indexes and the full-text triggers, run the
    block, recreate them exactly (the same SQL) and rebuild the full-text indexes."""
    fts = _fts_tables(conn)
    rows = conn.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL "
        "ORDER BY rowid").all()
    dropped = [(kind, name, sql) for kind, name, sql in rows
               if (kind == "index" and not _UNIQUE.match(sql)) or (kind == "trigger" and fts and _mentions(sql, fts))]
    quote = conn.dialect.identifier_preparer.quote
    for kind, name, _sql in dropped:
        conn.exec_driver_sql(f"DROP {kind.upper()} {quote(name)}")
    yield
    for table in fts:
        conn.exec_driver_sql(f"INSERT INTO {quote(table)}({quote(table)}) VALUES ('rebuild')")
    for _kind, _name, sql in dropped:
        conn.exec_driver_sql(sql)
