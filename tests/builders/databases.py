"""Databases the tests start from: a demo office made once and copied for each test, a prepared template
copied likewise, and the SQL statements a piece of code sends.

A :class:`Template` is a database prepared once (by a module's fixture) on the test's back-end
(``tests/backends.py``): a SQLite file, or a PostgreSQL database that the server copies
(``CREATE DATABASE ... TEMPLATE``). :func:`demo_template` makes the demo office's, :func:`prepare` any other
(built by a function given the open database); :func:`copy_of` gives a test its own copy. :func:`stored` is
what a database holds, to compare before and after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import create_engine, event, inspect, text

from pedesk.models.database import Database, sqlite_path
from pedesk.models.schema import open_database
from pedesk.services.demo.region import generate_demo
from tests.backends import DEFAULT_NAME, Backend

T = TypeVar("T")


@dataclass(frozen=True)
class Template:
    """A prepared database on ``backend`` at ``url``; never opened while a copy is made of it."""

    backend: Backend
    url: str

    def copy(self, folder: Path, name: str = DEFAULT_NAME) -> str:
        """The URL of a new copy (SQLite: ``folder/name``), dropped after the test."""
        return self.backend.copy(self.url, folder, name)

    def copy_file(self, folder: Path, name: str = DEFAULT_NAME) -> Path:
        """A SQLite template's copy as a file, for the tests about SQLite files (marked ``sqlite_only``)."""
        path = sqlite_path(self.copy(folder, name))
        assert path is not None, "a PostgreSQL template has no file"
        return path

    def open(self) -> Database:
        """The template itself, for reading it; dispose of it before the next copy."""
        return Database(self.url)


def prepare(backend: Backend, tmp_path_factory: pytest.TempPathFactory, name: str,
            build: Callable[[Database], T]) -> tuple[Template, T]:
    """A database at the schema's head filled by ``build`` (given the open database), made once; with what
    ``build`` returned."""
    url = backend.migrated(tmp_path_factory.mktemp(name), keep=True)
    database, _report = open_database(url)
    try:
        built = build(database)
    finally:
        database.dispose()
    return Template(backend, url), built


def demo_template(backend: Backend, tmp_path_factory: pytest.TempPathFactory, name: str, today: date, *,
                  teachers: int = 300, seed: int = 3, **options: Any) -> Template:
    """The demo office (``teachers`` teachers, ``seed``, as on ``today``), made once."""
    made, _summary = prepare(backend, tmp_path_factory, name, lambda database: generate_demo(
        database, teachers=teachers, seed=seed, today=today, **options))
    return made


def copy_of(prepared: Template, folder: Path, name: str = DEFAULT_NAME) -> Database:
    """A database copied from a prepared one: migrating and seeding once per module keeps tests fast."""
    return Database(prepared.copy(folder, name))


def stored(url: str) -> object:
    """What the database at ``url`` holds, to prove that something left it as it was: a SQLite database byte for
    byte (its file and its write-ahead log); a PostgreSQL one row for row, with the values of its sequences
    (which a rolled-back insert moves on too)."""
    path = sqlite_path(url)
    if path is not None:
        return {candidate.name: candidate.read_bytes()
                for candidate in (path, path.with_name(path.name + "-wal")) if candidate.exists()}
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            held: dict[str, object] = {
                table: sorted(repr(tuple(row)) for row in connection.execute(text(f'SELECT * FROM "{table}"')))
                for table in inspect(connection).get_table_names()}
            held["(sequences)"] = connection.execute(text(
                "SELECT sequencename, last_value FROM pg_sequences ORDER BY sequencename")).all()
        return held
    finally:
        engine.dispose()


@contextmanager
def statements(database: Database) -> Iterator[list[str]]:
    """Every SQL statement sent to ``database`` inside the block, in order."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
