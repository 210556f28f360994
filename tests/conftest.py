"""Every test gets its own data folder, no inherited database or language, and Qt offscreen; a test that
needs PostgreSQL takes ``postgres_url`` (a fresh database on a server started once per session)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pedesk import i18n  # noqa: E402
from pedesk.models.database import Database  # noqa: E402
from pedesk.models.schema import open_database  # noqa: E402
from tests.postgres import PostgresServer, PostgresUnavailable, find_binaries  # noqa: E402


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


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'pedesk.sqlite3'}"


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
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
