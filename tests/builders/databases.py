"""Databases the tests start from: a demo office made once and copied for each test, a prepared template
copied likewise, and the SQL statements a piece of code sends."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from pedesk.models.database import Database
from pedesk.models.schema import open_database
from pedesk.services.demo.region import generate_demo


def demo_file(tmp_path_factory: pytest.TempPathFactory, name: str, today: date, *, teachers: int = 300,
              seed: int = 3, **options: Any) -> Path:
    """A database file of the demo office (``teachers`` teachers, ``seed``, as on ``today``), made once."""
    path = tmp_path_factory.mktemp(name) / "demo.sqlite3"
    database, _report = open_database(f"sqlite:///{path}")
    try:
        generate_demo(database, teachers=teachers, seed=seed, today=today, **options)
    finally:
        database.dispose()
    return path


def copy_of(template: Path, folder: Path, name: str = "pedesk.sqlite3") -> Database:
    """A database copied from a prepared file: migrating and seeding once per module keeps tests fast."""
    path = folder / name
    shutil.copy(template, path)
    return Database(f"sqlite:///{path}")


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
