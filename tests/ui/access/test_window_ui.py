"""The start and the main window with users: the sign-in comes first (Quit ends the app), the status bar names
the user and the roles, File has Change password and Sign out (which closes the window and asks again), a
database without users opens as before, and a shared one says that it is still open to anyone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from pedesk.main import show_main_window
from pedesk.models.database import Database
from pedesk.models.schema import open_database
from pedesk.services import access
from pedesk.services.access import Role
from pedesk.ui.access.sign_in import SignInDialog
from pedesk.ui.context import AppContext
from pedesk.ui.main_window import SECTIONS, MainWindow
from pedesk.ui.shell import Shell
from tests.builders import PASSWORD, add_users, sign_in

LEFT = Qt.MouseButton.LeftButton
USERS_ROW = [key for key, _label in SECTIONS].index("users")


@pytest.fixture
def users(database: Database) -> Database:
    add_users(database, {"aigerim.s": {Role.HEAD, Role.REGISTRAR}, "dana.k": {Role.REGISTRAR}})
    return database


def _signed_in(qtbot: Any, dialog: SignInDialog, name: str, password: str = PASSWORD) -> None:
    dialog.name.setText(name)
    dialog.password.setText(password)
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000):
        qtbot.mouseClick(dialog.sign_in_button, LEFT)


def _window(qtbot: Any, shell: Shell) -> MainWindow:
    window = shell.window
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)
    return window


def _file_menu(window: MainWindow) -> list[str]:
    return [action.text() for action in window.file_menu.actions() if action.isVisible() and action.text()]


def test_the_sign_in_comes_first_and_quit_ends_the_app(qtbot: Any, users: Database) -> None:
    shell = show_main_window(AppContext(users))
    dialog = shell.sign_in_dialog
    assert shell.window is None and dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(shell.quit_requested, timeout=5_000):
        qtbot.mouseClick(dialog.quit_button, LEFT)
    assert shell.window is None and users.actor is None


def test_the_window_names_the_user_and_signs_out(qtbot: Any, users: Database) -> None:
    context = AppContext(users)
    shell = show_main_window(context)
    assert shell.sign_in_dialog is not None
    _signed_in(qtbot, shell.sign_in_dialog, "aigerim.s")
    window = _window(qtbot, shell)
    assert window.user_label.text() == "aigerim.s — head of the office, registrar"
    assert not window.open_warning.isVisible()
    assert _file_menu(window) == ["Back up the database…", "Change password…", "Sign out", "Quit"]
    assert window.navigation.item(USERS_ROW).isHidden()  # the Users page is the administrators'
    window.sign_out_action.trigger()
    again = shell.sign_in_dialog
    assert again is not None and again.isVisible() and not window.isVisible()
    assert users.actor is None and context.actor is None and shell.window is None
    qtbot.addWidget(again)
    _signed_in(qtbot, again, "admin")
    second = _window(qtbot, shell)
    assert second is not window and second.user_label.text() == "admin — administrator"
    assert not second.navigation.item(USERS_ROW).isHidden()
    assert second.open_section("users").isVisible()


def test_change_password_from_the_file_menu(qtbot: Any, users: Database) -> None:
    context = AppContext(users)
    context.set_actor(sign_in(users, "dana.k"))
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.password_action.trigger()
    dialog = window.password_dialog
    assert dialog is not None and dialog.isVisible() and dialog.current is not None
    dialog.current.setText("not the password in use")
    dialog.password.setText("a-new-password-for-dana")
    dialog.repeat.setText("a-new-password-for-dana")
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Save), LEFT)
    assert dialog.isVisible() and "current password is wrong" in dialog.errors["current"].text()
    dialog.current.setText(PASSWORD)
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Save), LEFT)
    assert window.statusBar().currentMessage() == "Your password was changed."
    assert context.actor is not None and context.actor.name == "dana.k"
    assert access.sign_in(users, "dana.k", "a-new-password-for-dana").name == "dana.k"


def test_a_database_without_users_opens_as_before(qtbot: Any, database: Database) -> None:
    shell = show_main_window(AppContext(database))
    window = _window(qtbot, shell)
    assert shell.sign_in_dialog is None and database.actor is None
    assert _file_menu(window) == ["Back up the database…", "Quit"]
    assert window.user_label.text() == ""
    assert window.open_warning.isVisible() is not database.is_sqlite  # one PC's own file is not warned of
    assert not window.navigation.item(USERS_ROW).isHidden()  # to add the first administrator


@pytest.fixture
def shared(postgres_url: str) -> Iterator[Database]:
    database, _report = open_database(postgres_url)
    yield database
    database.dispose()


def test_a_shared_database_without_users_says_it_is_open_to_anyone(qtbot: Any, shared: Database,
                                                                   tmp_path: Path) -> None:
    window = _window(qtbot, show_main_window(AppContext(shared)))
    window.resize(1366, 768)
    qtbot.wait(50)
    window.grab().save(str(tmp_path / "open-warning.png"))
    assert window.open_warning.isVisible()
    assert "open to anyone" in window.open_warning.text()
    assert "pedesk users add NAME --role admin --password-stdin" in window.open_warning.text()


def test_the_first_administrator_added_in_the_window_is_signed_in(qtbot: Any, database: Database) -> None:
    window = _window(qtbot, show_main_window(AppContext(database)))
    page = window.open_section("users")
    dialog = page.add_user()  # type: ignore[attr-defined]
    dialog.name.setText("aigerim.s")
    dialog.password.setText(PASSWORD)
    dialog.repeat.setText(PASSWORD)
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Save), LEFT)
    assert database.actor is not None and database.actor.name == "aigerim.s"
    assert window.user_label.text() == "aigerim.s — administrator"
    assert _file_menu(window) == ["Back up the database…", "Change password…", "Sign out", "Quit"]
    assert not window.navigation.item(USERS_ROW).isHidden()
