"""Shared by the UI tests: putting Qt back into English after a test switches the language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from pedesk.ui.app import install_qt_translations


@pytest.fixture
def english_afterwards() -> Iterator[None]:
    yield
    install_qt_translations(QApplication.instance(), "en")  # type: ignore[arg-type]
