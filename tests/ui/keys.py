"""Typing as a user does, in any script."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type ``text`` as keystrokes; QTest types only ASCII, so Kazakh letters go as key events with text."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def retype(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Clear a field and type ``text`` into it as a user does; the field then holds exactly that."""
    edit.clear()
    type_text(qtbot, edit, text)
    assert edit.text() == text
