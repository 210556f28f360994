"""Application-wide Qt set-up: Qt's own catalogues so that standard buttons speak kk and ru, the language switch
every window shares, and refusals said in a message box."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from pedesk.i18n import _, set_language
from pedesk.services.common import ValidationError
from pedesk.ui.window_settings import window_settings

if TYPE_CHECKING:
    from pedesk.ui.context import AppContext

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


def switch_language(context: AppContext, lang: str) -> None:
    """The whole app in ``lang`` at once, without a restart (the main window's menu, the sign-in dialog); the
    choice is remembered for the next start."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_qt_translations(app, lang)
    else:
        set_language(lang)
    window_settings().setValue("language", lang)
    context.language_changed.emit(lang)


def say_refusals() -> None:
    """A refusal no page caught (a ValidationError: a rule not met, a role the user lacks) is said in a message
    box instead of a traceback on the console; any other error goes on to the hook installed before."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if isinstance(error, ValidationError) and QApplication.instance() is not None:
            QMessageBox.warning(QApplication.activeWindow(), _("Please check"), str(error))
            return
        previous(kind, error, trace)

    sys.excepthook = hook
