"""Wiring only: database -> translators -> main window. Called by ``pedesk`` with no command."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from pedesk.models.database import Database

if TYPE_CHECKING:
    from pedesk.ui.context import AppContext
    from pedesk.ui.main_window import MainWindow


def run_gui(database: Database, lang: str, *, lang_chosen: bool = False) -> int:
    """Open the main window; the language last picked in its menu wins unless one was given."""
    from PySide6.QtWidgets import QApplication

    from pedesk.i18n import LANGUAGES
    from pedesk.ui.app import install_qt_translations
    from pedesk.ui.context import AppContext
    from pedesk.ui.window_settings import window_settings

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("pedesk")
    app.setOrganizationName("pedesk")
    saved = window_settings().value("language")
    if not lang_chosen and saved in LANGUAGES:
        lang = str(saved)
    install_qt_translations(app, lang)
    _window = show_main_window(AppContext(database))  # held: the window lives while the loop runs
    try:
        return int(app.exec())
    finally:
        database.dispose()


def show_main_window(context: AppContext) -> MainWindow:
    """The main window, shown; on a database without the office (a new install) the office's setup opens
    over it (Later leaves it for Settings)."""
    from pedesk.ui.main_window import MainWindow
    from pedesk.ui.settings.first_start import FirstStartDialog, needs_first_start

    window = MainWindow(context)
    window.show()
    if needs_first_start(context):
        FirstStartDialog(context, window).open()
    return window
