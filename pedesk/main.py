"""Wiring only: database -> translators -> main window. Called by ``pedesk`` with no command."""

from __future__ import annotations

import sys

from pedesk.models.database import Database


def run_gui(database: Database, lang: str, *, lang_chosen: bool = False) -> int:
    """Open the main window; the language last picked in its menu wins unless one was given."""
    from PySide6.QtWidgets import QApplication

    from pedesk.i18n import LANGUAGES
    from pedesk.ui.app import install_qt_translations
    from pedesk.ui.context import AppContext
    from pedesk.ui.main_window import MainWindow
    from pedesk.ui.settings.first_start import FirstStartDialog, needs_first_start
    from pedesk.ui.window_settings import window_settings

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("pedesk")
    app.setOrganizationName("pedesk")
    saved = window_settings().value("language")
    if not lang_chosen and saved in LANGUAGES:
        lang = str(saved)
    install_qt_translations(app, lang)
    context = AppContext(database)
    window = MainWindow(context)
    window.show()
    if needs_first_start(context):  # a new install: the office first (Later leaves it for Settings)
        FirstStartDialog(context, window).open()
    try:
        return int(app.exec())
    finally:
        database.dispose()
