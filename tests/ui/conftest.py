"""Shared by the UI tests: the application's context, message boxes answered without a window, a page shown as
a user sees it, and Qt put back into English after a test switches the language."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pedesk.models.database import Database
from pedesk.ui.app import install_qt_translations
from pedesk.ui.context import AppContext

W = TypeVar("W", bound=QWidget)


@pytest.fixture
def context(database: Database) -> AppContext:
    """The application's context on the test's database (a module needing a fixed day or a user has its own)."""
    return AppContext(database)


@pytest.fixture
def english_afterwards() -> Iterator[None]:
    yield
    install_qt_translations(QApplication.instance(), "en")  # type: ignore[arg-type]


@dataclass
class Messages:
    """QMessageBox calls recorded instead of shown; ``answer`` is what a question gets."""

    shown: list[str]
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.No


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> Messages:
    """Message boxes answered without a window: what they said is in ``shown``."""
    record = Messages([])

    def static(_parent: Any, _title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
        record.shown.append(text)
        return record.answer

    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(static))

    def exec_box(box: QMessageBox) -> int:
        record.shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return record


def show(qtbot: Any, widget: W, width: int = 1280, height: int = 800) -> W:
    """A page as a user sees it: added to qtbot, ``width`` x ``height`` (1280 x 800 unless told), shown."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    return widget


def settle(qtbot: Any, context: AppContext, timeout: int = 20_000) -> None:
    """Wait until every background job (lists read off the UI thread included) has ended and its answer shown."""
    qtbot.waitUntil(lambda: context.runner.idle, timeout=timeout)
