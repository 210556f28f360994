"""The background runner shows a fault of the machine (issue 14, point 10) as a warning that says what to do,
not as a crash or an error dialog with a traceback: a database locked by another program, a file that cannot be
written because its folder is gone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from pedesk.models.database import Database
from pedesk.models.schema import open_database
from pedesk.services.common import ProgressCallback, write_atomically
from pedesk.ui.widgets.tasks import TaskRunner
from tests.builders import locked
from tests.ui.conftest import Messages


def _run(qtbot: Any, work: Any, messages: Messages) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner()
    handle = runner.run(work, parent=parent, show_progress=False)
    qtbot.waitUntil(lambda: not handle.running, timeout=20_000)
    assert messages.shown


@pytest.mark.sqlite_only("a SQLite file locked by another program")
def test_a_locked_database_is_a_warning_that_says_what_to_do(
        qtbot: Any, messages: Messages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEDESK_BUSY_TIMEOUT", "0.2")
    path = tmp_path / "pedesk.sqlite3"
    open_database(f"sqlite:///{path}")[0].dispose()
    database = Database(f"sqlite:///{path}")

    def work(_progress: ProgressCallback) -> None:
        with database.transaction(immediate=True) as session:
            session.execute(text("SELECT 1"))

    try:
        with locked(path):
            _run(qtbot, work, messages)
    finally:
        database.dispose()
    assert messages.shown == ["Could not use the database: another program (another pedesk, a backup or a "
                              "synchronisation tool) kept it locked for longer than 0.2 s; close that program or "
                              "wait, then try again. Nothing was changed."]


def test_a_file_whose_folder_is_gone_is_a_warning(qtbot: Any, messages: Messages, tmp_path: Path) -> None:
    folder = tmp_path / "stick"

    def work(_progress: ProgressCallback) -> Path:
        return write_atomically(folder / "book.xlsx", lambda partial: partial.write_bytes(b"x"))

    _run(qtbot, work, messages)
    assert len(messages.shown) == 1 and messages.shown[0].startswith(f"Could not write {folder / 'book.xlsx'}: ")
    assert "Something went wrong" not in messages.shown[0]
