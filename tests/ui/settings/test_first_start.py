"""The first start after installing (issue 15 point 9): the window opens on a short setup of the office when the
database has none; Save checks it as Settings does and closes; Later leaves it unset; Kazakh and Russian."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pedesk import i18n
from pedesk.main import show_main_window
from pedesk.models.database import Database
from pedesk.models.schema import open_database
from pedesk.services.reference.settings import load_office_settings
from pedesk.ui.app import install_qt_translations
from pedesk.ui.context import AppContext
from pedesk.ui.settings.first_start import FirstStartDialog, needs_first_start
from tests.backends import Backend
from tests.builders import own_office
from tests.ui.conftest import show
from tests.ui.settings.test_settings_ui import FORM, fill_form

LEFT = Qt.MouseButton.LeftButton


def test_the_setup_saves_the_office_and_closes(qtbot: Any, context: AppContext, database: Database) -> None:
    assert needs_first_start(context)
    dialog = show(qtbot, FirstStartDialog(context), 1366, 768)
    assert dialog.windowTitle() == "Set up the office" and "Welcome to pedesk" in dialog.welcome.text()
    assert dialog.form.save_button.text() == "Save and start"
    qtbot.mouseClick(dialog.form.save_button, LEFT)  # empty: every problem under its field, still open
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.form.errors["name_kk"].isVisible() and dialog.form.errors["head_name"].isVisible()
    fill_form(qtbot, dialog.form)  # type: ignore[arg-type]
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        qtbot.mouseClick(dialog.form.save_button, LEFT)
    with database.reading() as session:
        stored = load_office_settings(session)
    assert stored is not None and (stored.code, stored.name_ru) == ("KRG-MK", FORM["name_ru"])
    assert not needs_first_start(context)


def test_later_leaves_the_office_unset(qtbot: Any, context: AppContext) -> None:
    dialog = show(qtbot, FirstStartDialog(context), 1366, 768)
    with qtbot.waitSignal(dialog.rejected, timeout=5_000):
        qtbot.mouseClick(dialog.later, LEFT)
    assert needs_first_start(context)


def test_the_setup_speaks_kazakh_and_russian(qtbot: Any, context: AppContext, tmp_path: Path,
                                            english_afterwards: None) -> None:
    dialog = show(qtbot, FirstStartDialog(context), 1366, 768)
    for lang in ("kk", "ru"):
        i18n.set_language(lang)
        install_qt_translations(QApplication.instance(), lang)  # type: ignore[arg-type]
        context.language_changed.emit(lang)
        assert dialog.windowTitle() == i18n._("Set up the office") != "Set up the office"
        assert dialog.later.text() == i18n._("Later") != "Later"
        qtbot.wait(50)
        dialog.grab().save(str(tmp_path / f"first-start-{lang}.png"))


def _opened_dialogs(qtbot: Any, database: Database) -> list[str]:
    """What the start shows on top of the window before the user does anything."""
    shell = show_main_window(AppContext(database))  # a database without users: the window at once
    window = shell.window
    assert window is not None and shell.sign_in_dialog is None
    qtbot.addWidget(window)
    qtbot.wait(50)
    seen = [type(child).__name__ for child in window.findChildren(FirstStartDialog) if child.isVisible()]
    for child in window.findChildren(FirstStartDialog):
        child.reject()
    window.close()
    return seen


def test_the_window_opens_on_the_setup_only_while_there_is_no_office(qtbot: Any, backend: Backend,
                                                                     tmp_path: Path) -> None:
    empty, _report = open_database(backend.empty(tmp_path, "new.sqlite3"))
    ready, _report = open_database(backend.migrated(tmp_path, "ready.sqlite3"))
    try:
        assert _opened_dialogs(qtbot, empty) == ["FirstStartDialog"]
        with ready.transaction() as session:
            own_office(session)
        assert _opened_dialogs(qtbot, ready) == []
    finally:
        empty.dispose()
        ready.dispose()
