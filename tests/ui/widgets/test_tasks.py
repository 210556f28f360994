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


def test_a_job_ending_while_its_progress_is_shown_closes_the_dialog_without_an_error(qtbot: Any) -> None:
    """A modal progress dialog's setValue runs the event loop, where the job's end can arrive and close it."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QProgressDialog

    from pedesk.ui.widgets import tasks

    parent = QWidget()
    qtbot.addWidget(parent)
    handle = tasks.TaskHandle(QObject(parent))

    class EndsWhileShown(QProgressDialog):
        def setValue(self, value: int) -> None:  # noqa: N802 - Qt's name
            super().setValue(value)
            tasks._end(handle, lambda: None)  # the job's finished signal, handled inside setValue's event loop

    handle.dialog = EndsWhileShown("Working", "Cancel", 0, 10, parent)
    handle.dialog.canceled.connect(handle.cancel)
    tasks._update(handle, 3, 10, "the next stage")
    assert handle.dialog is None and not handle.running
