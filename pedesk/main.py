"""Wiring only: database -> translators -> main window. Called by ``pedesk`` with no command."""

from __future__ import annotations

import sys

from pedesk.models.database import Database


def run_gui(database: Database, lang: str) -> int:
    from PySide6.QtWidgets import QApplication

    from pedesk.ui.app import install_qt_translations
    from pedesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("pedesk")
    app.setOrganizationName("pedesk")
    install_qt_translations(app, lang)
    window = MainWindow(database)
    window.show()
    try:
        return int(app.exec())
    finally:
        database.dispose()
