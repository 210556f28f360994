"""The sign-in dialog, the Users page and the Audit page (in the window at 1366 x 768), the new user's and the new
password's dialogs in Kazakh and Russian: every button wide enough for its text, and a picture of each in the
test's folder to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from pedesk import i18n
from pedesk.models.database import Database
from pedesk.services import access
from pedesk.services.access import Role
from pedesk.ui.access.sign_in import SignInDialog
from pedesk.ui.app import install_qt_translations
from pedesk.ui.context import AppContext
from pedesk.ui.main_window import MainWindow
from tests.builders import add_users, own_office, sign_in
from tests.ui.conftest import show


def _buttons_fit(widget: QWidget) -> None:
    for button in widget.findChildren(QPushButton):
        if button.isVisible() and button.text():
            assert button.width() >= button.sizeHint().width(), button.text()


@pytest.fixture
def office(database: Database) -> Database:
    with database.transaction() as session:
        own_office(session)
    add_users(database, {"aigerim.s": {Role.HEAD, Role.REGISTRAR}, "dana.k": {Role.REGISTRAR},
                         "marat.b": {Role.METHODOLOGIST}})
    sign_in(database, "admin")
    with database.transaction() as session:
        access.disable_user(session, "marat.b")
        access.reset_password(session, "dana.k", "temporary-pass-1")
        access.set_roles(session, "aigerim.s", {Role.HEAD})
    database.actor = None
    return database


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_screens_in_kazakh_and_russian(qtbot: Any, office: Database, tmp_path: Path, lang: str,
                                           english_afterwards: None) -> None:
    install_qt_translations(QApplication.instance(), lang)  # type: ignore[arg-type]
    assert i18n.current_language() == lang
    context = AppContext(office)
    dialog = show(qtbot, SignInDialog(context), 560, 340)
    dialog.name.setText("aigerim.s")
    dialog.say(i18n._("Wrong user name or password. Check the keyboard layout and Caps Lock, and try again."))
    dialog.adjustSize()
    qtbot.wait(50)
    _buttons_fit(dialog)
    dialog.grab().save(str(tmp_path / f"sign-in-{lang}.png"))
    context.set_actor(sign_in(office, "admin"))
    window = show(qtbot, MainWindow(context), 1366, 768)
    for key in ("users", "audit"):
        page = window.open_section(key)
        if key == "users":
            page.select("dana.k")  # type: ignore[attr-defined]
        else:
            page.table.selectRow(0)  # type: ignore[attr-defined]
        qtbot.wait(50)
        _buttons_fit(page)
        window.grab().save(str(tmp_path / f"{key}-{lang}.png"))
    users = window.open_section("users")
    for name, dialog in (("add-user", users.add_user()), ("password", window.change_password())):  # type: ignore[attr-defined]
        assert dialog is not None
        qtbot.wait(50)
        _buttons_fit(dialog)
        dialog.grab().save(str(tmp_path / f"{name}-{lang}.png"))
        dialog.reject()
