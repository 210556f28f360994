"""Every test gets its own data folder, no inherited database or language, and Qt offscreen.

Every test that takes a database (``db_url``, ``database``, or a template of ``tests/builders/databases.py``
through ``backend``) runs twice, on SQLite and on PostgreSQL (ids ``sqlite`` and ``postgresql``; see
``tests/backends.py``), unless it is marked ``sqlite_only`` with its reason. A test about PostgreSQL alone takes
``postgres_url`` (a fresh database on the server started once per session)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pedesk import i18n  # noqa: E402
from pedesk.models.database import Database  # noqa: E402
from pedesk.models.schema import open_database  # noqa: E402
from tests.backends import BACKENDS, SQLITE, Backend, drop_test_databases  # noqa: E402
from tests.postgres import PostgresServer, PostgresUnavailable, find_binaries  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only(reason): the test is about SQLite itself; it runs on SQLite "
                                       "alone (tests/backends.py)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test whose fixtures need ``backend`` runs on each back-end, a ``sqlite_only`` one on SQLite alone."""
    if "backend" not in metafunc.fixturenames:
        return
    mark = metafunc.definition.get_closest_marker("sqlite_only")
    if mark is not None and not (mark.args and str(mark.args[0]).strip()):
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: sqlite_only needs the reason")
    names = [SQLITE] if mark is not None else list(BACKENDS)
    metafunc.parametrize("backend", names, indirect=True, scope="session")


_SQLITE_ONLY: Counter[str] = Counter()


def pytest_collection_finish(session: pytest.Session) -> None:
    _SQLITE_ONLY.clear()
    for item in session.items:  # the tests that will run (after -k and the like)
        mark = item.get_closest_marker("sqlite_only")
        if mark is not None:
            _SQLITE_ONLY[str(mark.args[0]) if mark.args else "(no reason)"] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """How many tests ran on SQLite alone, by reason (``sqlite_only``)."""
    if _SQLITE_ONLY:
        terminalreporter.section("tests on SQLite only (sqlite_only), by reason", sep="-")
        for reason, count in sorted(_SQLITE_ONLY.items()):
            terminalreporter.write_line(f"{count:5d}  {reason}")


@pytest.fixture(autouse=True)
def _fresh_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    data = tmp_path_factory.mktemp("pedesk-data")
    monkeypatch.setenv("PEDESK_DATA_DIR", str(data))
    monkeypatch.delenv("PEDESK_DB", raising=False)
    monkeypatch.delenv("PEDESK_LANG", raising=False)
    previous = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(previous)
    drop_test_databases()  # last: every other fixture of the test has disposed of its engines


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Backend:
    """The back-end of this run of the test (parametrised by ``pytest_generate_tests``): ``sqlite`` or
    ``postgresql`` (on the session's server)."""
    name = str(request.param)
    server = None if name == SQLITE else request.getfixturevalue("postgres_server")
    return Backend(name, tmp_path_factory.mktemp(f"backend-{name}"), server)


@pytest.fixture
def db_url(backend: Backend, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """The URL of the test's own database: an empty one (SQLite: a file not made yet), or, when the test takes
    ``database`` too, that one."""
    if "database" in request.fixturenames:
        return backend.migrated(tmp_path)
    return backend.empty(tmp_path)


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    """The test's own database at the schema's head (copied from one migrated once per session)."""
    db, _report = open_database(db_url)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of this test session (see tests/postgres.py). Skipped when its programs are not
    installed, except under CI, where they must be."""
    binaries = find_binaries()
    problem = "" if binaries else "PostgreSQL is not installed: run scripts/bootstrap.sh --test"
    server = None
    if binaries:
        try:
            server = PostgresServer(binaries).start()
        except PostgresUnavailable as error:
            problem = str(error)
    if server is None:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of an empty PostgreSQL database of this test, dropped afterwards."""
    url = postgres_server.new_database()
    yield url
    postgres_server.drop_database(url)
