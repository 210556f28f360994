"""The two database back-ends every database test runs on: SQLite (a file in the test's folder) and PostgreSQL
(a database of its own on the server of ``tests/postgres.py``).

The ``backend`` fixture of ``tests/conftest.py`` is parametrised over :data:`BACKENDS` (test ids ``sqlite`` and
``postgresql``); every fixture that makes a database (``db_url``, ``database``, the templates of
``tests/builders/databases.py``) asks it, so every test that takes one of them runs on both. A :class:`Backend`
makes the databases:

* :meth:`Backend.empty`: a new database with nothing in it (SQLite: a file not made yet);
* :meth:`Backend.migrated`: a new database at the schema's head, copied from one migrated once per session;
* :meth:`Backend.copy`: a copy of a prepared database (a template): the file copied, or on PostgreSQL
  ``CREATE DATABASE new TEMPLATE prepared``, which copies the files of the database on the server and takes a
  few hundredths of a second.

A database made for one test is dropped after it (``keep=False``, the default); a template made by a module's
fixture is kept (``keep=True``) until the server stops with the session. A template must have no open
connection when it is copied: a fixture disposes of the engine it built it with.

A test that is by nature about SQLite (its file moved, a full disk under it, WAL, the backup of the .sqlite3
file, the SQLite guard triggers, a package file that is SQLite) says so with the mark
``@pytest.mark.sqlite_only("the reason")`` (a module with ``pytestmark``): ``tests/conftest.py`` then gives it the
``sqlite`` back-end alone, and the end of the run counts such tests by reason.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from pedesk.models.schema import open_database

if TYPE_CHECKING:
    from tests.postgres import PostgresServer

__all__ = ["BACKENDS", "POSTGRESQL", "SQLITE", "Backend", "drop_test_databases"]

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
BACKENDS = (SQLITE, POSTGRESQL)
DEFAULT_NAME = "pedesk.sqlite3"

#: (server, URL) of every database made for the running test, dropped after it by ``drop_test_databases``
_made_for_the_test: list[tuple[PostgresServer, str]] = []


def drop_test_databases() -> None:
    """Drop the PostgreSQL databases made for the test that just ended (its engines are disposed by then)."""
    while _made_for_the_test:
        server, url = _made_for_the_test.pop()
        server.drop_database(url)


class Backend:
    """Makes databases on one back-end; ``name`` is ``sqlite`` or ``postgresql``."""

    def __init__(self, name: str, folder: Path, server: PostgresServer | None = None) -> None:
        self.name = name
        self.folder = folder  # SQLite: where the back-end's own templates are
        self.server = server
        self._migrated: str | None = None

    def __repr__(self) -> str:
        return f"Backend({self.name})"

    @property
    def is_sqlite(self) -> bool:
        return self.name == SQLITE

    def _made(self, url: str, keep: bool) -> str:
        if self.server is not None and not keep:
            _made_for_the_test.append((self.server, url))
        return url

    def empty(self, folder: Path, name: str = DEFAULT_NAME, *, keep: bool = False) -> str:
        """The URL of a new, empty database (SQLite: ``folder/name``, made when first opened)."""
        if self.server is None:
            return f"sqlite:///{folder / name}"
        return self._made(self.server.new_database(), keep)

    def migrated(self, folder: Path, name: str = DEFAULT_NAME, *, keep: bool = False) -> str:
        """The URL of a new database at the schema's head (a copy of one migrated once per session)."""
        if self._migrated is None:
            source = self.empty(self.folder, "head.sqlite3", keep=True)
            database, _report = open_database(source)
            database.dispose()
            self._migrated = source
        return self.copy(self._migrated, folder, name, keep=keep)

    def copy(self, source: str, folder: Path, name: str = DEFAULT_NAME, *, keep: bool = False) -> str:
        """The URL of a copy of the prepared database at ``source`` (which must have no open connection)."""
        if self.server is None:
            target = folder / name
            shutil.copy(source.removeprefix("sqlite:///"), target)
            for suffix in ("-wal", "-shm"):  # a disposed database has none; a copy must not take another's
                with contextlib.suppress(FileNotFoundError):
                    (folder / f"{name}{suffix}").unlink()
            return f"sqlite:///{target}"
        return self._made(self.server.new_database(template=source), keep)
