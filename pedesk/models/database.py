"""Engines and sessions. Built by main.py / cli.py, never at import time.

SQLite is the embedded default (WAL, foreign keys, a busy timeout, explicit BEGIN so that a writer can
take the lock up front with ``BEGIN IMMEDIATE``); a PostgreSQL URL goes through the same code path, where the
same writer's lock is a transaction-level advisory lock (:data:`WRITE_LOCK_KEY`) waited for as long as SQLite
waits for its lock.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from pedesk.models.access import install_access
from pedesk.models.audit import install_audit
from pedesk.models.collation import install_sqlite_functions

BUSY_TIMEOUT_MS = 15_000
#: PostgreSQL: the advisory lock an ``immediate`` transaction holds until it ends, as SQLite's write lock is held
WRITE_LOCK_KEY = 0x7065_6465_736B  # "pedesk"


def busy_timeout_ms() -> int:
    """How long a connection waits for another program's lock before it gives up with "database is locked":
    ``PEDESK_BUSY_TIMEOUT`` (seconds), else 15 s."""
    try:
        seconds = float(os.environ.get("PEDESK_BUSY_TIMEOUT", ""))
    except ValueError:
        return BUSY_TIMEOUT_MS
    return max(0, int(seconds * 1000))


def database_url(value: str | Path) -> str:
    """A SQLAlchemy URL from a file path or a URL (``postgresql+psycopg://...``, ``sqlite:///...``)."""
    text = str(value).strip()
    if "://" in text:
        make_url(text)  # raises ArgumentError for a malformed URL
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None (memory databases, other back-ends)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, echo=echo, pool_pre_ping=True)
        if parsed.get_backend_name() == "postgresql":
            _configure_postgresql(engine)
        return engine
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    timeout = busy_timeout_ms()
    engine = create_engine(url, echo=echo, connect_args={"timeout": timeout / 1000})
    _configure_sqlite(engine, path=path, timeout=timeout)
    return engine


def _configure_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "connect", insert=True)
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pedesk keeps times in UTC without a zone, as SQLite's CURRENT_TIMESTAMP gives them: the server's own
        # stamps (the columns' server defaults) must not take the zone the server or the database is set to.
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        cursor = dbapi_connection.cursor()
        cursor.execute("SET TIME ZONE 'UTC'")
        cursor.close()
        dbapi_connection.autocommit = autocommit


MOVED = "the database file was moved or deleted while it was open"


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


CACHE_KIB = 65536
"""Each SQLite connection keeps up to 64 MB of the database's pages (SQLite's own default: 2 MB)."""


def _configure_sqlite(engine: Engine, *, path: Path | None, timeout: int) -> None:
    wal = path is not None
    opened: list[tuple[int, int] | None] = []  # the file the first connection opened (device, inode)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        install_sqlite_functions(dbapi_connection)  # before any statement: indexes on names use them
        cursor = dbapi_connection.cursor()
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")  # a search walks index pages a 2 MB cache drops
        cursor.execute(f"PRAGMA busy_timeout={timeout}")
        cursor.close()
        if path is not None and not opened:
            opened.append(_identity(path))

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A file unlinked under an open connection (its network drive gone, its folder deleted) still answers from
        # the old copy, and takes writes that nobody will see: refuse instead, as SQLite does for a moved file.
        if path is not None and opened and _identity(path) != opened[0]:
            raise sqlite3.OperationalError(MOVED)
        mode = connection.get_execution_options().get("sqlite_begin", "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())


class Database:
    """An engine with its session factory; ``transaction()`` is the unit of work."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        install_audit(self.sessions)
        install_access(self.sessions)
        #: the signed-in user (pedesk.services.access.Actor); None where nobody signed in
        self.actor: Any = None

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self, user: str | None = None, *, immediate: bool = False) -> Iterator[Session]:
        """One change, one transaction: commits on success, rolls everything back on any error.

        ``immediate`` takes the writer's lock at BEGIN (see :meth:`_take_write_lock`), for read-then-write
        sequences that must not interleave with another writer (certificate numbers).
        """
        session = self.sessions()
        self._identify(session, user)
        try:
            if immediate:
                self._take_write_lock(session)
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _identify(self, session: Session, user: str | None) -> None:
        """Who works in ``session``: the signed-in user (or, where nobody signed in, ``user`` or the OS account)
        as ``user``, the OS account as ``os_account``, the signed-in user's record as ``actor``."""
        account = current_user()
        session.info["os_account"] = account
        session.info["actor"] = self.actor
        session.info["user"] = self.actor.name if self.actor is not None else (user or account)

    def _take_write_lock(self, session: Session) -> None:
        """SQLite: ``BEGIN IMMEDIATE``. PostgreSQL, whose row locks cannot hold back a reader nor guard a row not
        yet made (the first certificate counter of a year): the writers' advisory lock, so that two immediate
        transactions queue whole and the second reads what the first committed. Both wait for the lock as long as
        :func:`busy_timeout_ms` says, then fail as a locked database."""
        if self.is_sqlite:
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        elif self.engine.dialect.name == "postgresql":
            session.execute(text(f"SET LOCAL lock_timeout = {max(1, busy_timeout_ms())}"))
            session.execute(select(func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))

    @contextmanager
    def reading(self) -> Iterator[Session]:
        session = self.sessions()
        self._identify(session, None)
        try:
            yield session
        finally:
            session.close()  # ends the read transaction; loaded objects stay readable

    def dispose(self) -> None:
        self.engine.dispose()


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some Windows set-ups
        return "pedesk"
