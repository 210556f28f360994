"""Window geometry and last-used folders, kept between runs in window.ini beside the database (QSettings).

The office's own settings live in the database (services.reference.settings), never here.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from pedesk.paths import data_dir


def window_settings() -> QSettings:
    """Window geometry and last-used folders only; the office's settings live in the database."""
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)
