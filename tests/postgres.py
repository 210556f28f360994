"""A real PostgreSQL server for the tests: started once per test session, a fresh database for each test.

:class:`PostgresServer` runs ``initdb`` into a temporary folder (in memory, /dev/shm, when there is room) and
starts ``postgres`` on a free port of 127.0.0.1 (TCP only, no Unix socket; fsync off: the data is thrown away),
owned by an unprivileged OS user when the tests run as root (``initdb`` refuses root): the ``postgres`` user
Debian's package makes, or a ``pedesk-pg`` system user made here when there is none.
:meth:`PostgresServer.new_database` makes an empty database with a name of its own (``CREATE DATABASE ...
TEMPLATE template0``, UTF-8), or a copy of a prepared one (``TEMPLATE prepared``: the server copies its files, in
a hundredth of a second), and gives its URL; :meth:`PostgresServer.drop_database` ends its connections and drops
it.

The fixtures in ``tests/conftest.py`` (``postgres_server``, ``postgres_url``, and the ``postgresql`` back-end of
``tests/backends.py``) use it. Without the server's programs the tests that need it are skipped with the way to
install them (``scripts/bootstrap.sh --test``), except under CI (``CI`` set), where a missing server is an error:
there it must be installed.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["PostgresServer", "PostgresUnavailable", "database_name", "find_binaries"]

_SUPERUSER = "pedesk"
_FALLBACK_OS_USER = "pedesk-pg"
_SETTINGS = ("-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off",
             "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=60",
             "-c", "shared_buffers=16MB", "-c", "log_min_messages=warning",
             "-c", "autovacuum=off")  # no worker on a template that is being copied; the databases live seconds
#: the data in memory when the machine has room there: a database is copied for each test, and on a virtual disk
#: the server's file creation and removal take tenths of a second where memory takes hundredths
_MEMORY = Path("/dev/shm")
_MEMORY_NEEDED = 2 * 1024**3


class PostgresUnavailable(Exception):
    """The server's programs are missing or the server would not start; the message says why."""


def find_binaries() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``: $PEDESK_PG_BIN, Debian's newest
    /usr/lib/postgresql/N/bin, or the PATH; None when there is none."""
    candidates: list[str] = []
    if os.environ.get("PEDESK_PG_BIN"):
        candidates.append(os.environ["PEDESK_PG_BIN"])
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).resolve().parent))
    for folder in candidates:
        if all((Path(folder) / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    return None


def _version(folder: str) -> int:
    name = Path(folder).parent.name
    return int(name) if name.isdigit() else 0


def _scratch() -> str | None:
    """Where the cluster goes: memory (/dev/shm) with 2 GB free, else the system's temporary folder."""
    with contextlib.suppress(OSError):
        if _MEMORY.is_dir() and os.access(_MEMORY, os.W_OK) and shutil.disk_usage(_MEMORY).free >= _MEMORY_NEEDED:
            return str(_MEMORY)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _os_user() -> str | None:
    """The OS user the server runs as: None for the current user, unless that is root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", _FALLBACK_OS_USER):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", _FALLBACK_OS_USER],
                   check=True, capture_output=True)
    return _FALLBACK_OS_USER


class PostgresServer:
    """One throw-away PostgreSQL cluster; :meth:`start` it, make databases, :meth:`stop` it."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.user = _os_user()
        self.folder = Path(tempfile.mkdtemp(prefix="pedesk-pg-", dir=_scratch()))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = 0
        self._names = itertools.count(1)
        self._connection: Any = None

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        return subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=60, check=False)

    def _tool(self, name: str) -> str:
        return str(self.binaries / name)

    def start(self) -> PostgresServer:
        if self.user:
            shutil.chown(self.folder, self.user)
        os.chmod(self.folder, 0o700)
        done = self._run(self._tool("initdb"), "-D", str(self.data), "-U", _SUPERUSER, "-A", "trust", "-E", "UTF8",
                         "--locale=C", "--no-sync", "--no-instructions")
        if done.returncode != 0:
            self.stop()
            raise PostgresUnavailable(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        for _attempt in range(3):  # another program may take the free port between looking and binding
            self.port = _free_port()
            options = " ".join(("-p", str(self.port), *_SETTINGS))
            done = self._run(self._tool("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                             "-w", "-t", "30", "start")
            if done.returncode == 0:
                return self
        log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
        self.stop()
        raise PostgresUnavailable(f"postgres did not start: {done.stderr.strip()}\n{log}")

    def stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if (self.data / "postmaster.pid").exists():
            self._run(self._tool("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{_SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _admin(self) -> Any:
        """The server's own connection for making and dropping databases (to ``postgres``), kept open."""
        if self._connection is None or self._connection.closed:
            import psycopg

            self._connection = psycopg.connect(host="127.0.0.1", port=self.port, user=_SUPERUSER, dbname="postgres",
                                               autocommit=True, connect_timeout=10)
        return self._connection

    def new_database(self, template: str | None = None) -> str:
        """A database of its own, empty (UTF-8) or, given the URL of another database of this server, a copy of
        that one (which must have no connection open); returns its SQLAlchemy URL."""
        name = f"test_{os.getpid()}_{next(self._names)}_{int(time.time() * 1000) % 100000}"
        source = "template0 ENCODING 'UTF8'" if template is None else f'"{database_name(template)}"'
        connection = self._admin()
        if connection.info.server_version >= 150000:
            source += " STRATEGY FILE_COPY"  # copies the files, faster than writing them all to the WAL (the default)
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE {source}')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        self._admin().execute(f'DROP DATABASE IF EXISTS "{database_name(url)}" WITH (FORCE)')


def database_name(url: str) -> str:
    """The database's name in a URL of :meth:`PostgresServer.url`."""
    return url.rsplit("/", 1)[1]
