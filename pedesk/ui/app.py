"""Application-wide Qt set-up: Qt's own catalogues so that standard buttons speak kk and ru."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from pedesk.i18n import set_language

_installed: list[QTranslator] = []


def install_qt_translations(app: QApplication, lang: str) -> bool:
    """Switch pedesk's and Qt's catalogues to ``lang``; returns whether Qt's catalogue was found."""
    set_language(lang)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(lang))
    if lang == "en":
        return True
    translator = QTranslator(app)
    found = translator.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if found:
        app.installTranslator(translator)
        _installed.append(translator)
    return found
