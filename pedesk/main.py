"""Wiring only: database -> translators -> sign-in (when the database has users) -> main window. Called by
``pedesk`` with no command."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from pedesk.models.database import Database

if TYPE_CHECKING:
    from pedesk.ui.context import AppContext
    from pedesk.ui.shell import Shell


def run_gui(database: Database, lang: str, *, lang_chosen: bool = False) -> int:
    """Open the main window; the language last picked in its menu wins unless one was given. Quit in the sign-in
    ends the app before any window opens."""
    from PySide6.QtWidgets import QApplication

    from pedesk.i18n import LANGUAGES
    from pedesk.ui.app import install_qt_translations, say_refusals
    from pedesk.ui.context import AppContext
    from pedesk.ui.window_settings import window_settings

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("pedesk")
    app.setOrganizationName("pedesk")
    saved = window_settings().value("language")
    if not lang_chosen and saved in LANGUAGES:
        lang = str(saved)
    install_qt_translations(app, lang)
    say_refusals()
    shell = show_main_window(AppContext(database))  # held: the window lives while the loop runs
    shell.quit_requested.connect(app.quit)
    try:
        return int(app.exec())
    finally:
        database.actor = None
        database.dispose()


def show_main_window(context: AppContext) -> Shell:
    """The sign-in on a database that has users, else the main window at once; on a database without the office
    (a new install) the office's setup opens over the window (Later leaves it for Settings)."""
    from pedesk.ui.shell import Shell

    return Shell(context).start()
