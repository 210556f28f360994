"""The sign-in dialog: the right password signs in (off the UI thread), a wrong one is refused with the service's
words and the fifth locks the account; the language switches the dialog at once; a password the administrator
set is changed first (two different texts refused, a short one refused by the service)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from pedesk import i18n
from pedesk.models.database import Database
from pedesk.services import access
from pedesk.services.access import Role
from pedesk.ui.access.passwords import ChangePasswordDialog
from pedesk.ui.access.sign_in import SignInDialog
from pedesk.ui.context import AppContext
from pedesk.ui.window_settings import window_settings
from tests.builders import PASSWORD, add_users, sign_in
from tests.ui.conftest import show

LEFT = Qt.MouseButton.LeftButton
NEW_PASSWORD = "steppe-wind-2026"


@pytest.fixture
def users(database: Database) -> Database:
    """An administrator and aigerim.s, head of the office and registrar; nobody signed in."""
    add_users(database, {"aigerim.s": {Role.HEAD, Role.REGISTRAR}})
    return database


def _attempt(qtbot: Any, dialog: SignInDialog, name: str, password: str) -> None:
    dialog.name.setText(name)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, LEFT)
    handle = dialog.handle
    assert handle is not None
    qtbot.waitUntil(lambda: not handle.running, timeout=10_000)


def test_the_right_password_signs_in(qtbot: Any, users: Database) -> None:
    context = AppContext(users)
    dialog = show(qtbot, SignInDialog(context), 520, 360)
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    dialog.name.setText("aigerim.s")
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signed:
        qtbot.mouseClick(dialog.sign_in_button, LEFT)
        assert not dialog.sign_in_button.isEnabled()  # the check runs in the background meanwhile
    actor = signed.args[0]
    assert (actor.name, actor.roles) == ("aigerim.s", frozenset({Role.HEAD, Role.REGISTRAR}))
    assert users.actor == actor and context.actor == actor and context.user == "aigerim.s"
    assert dialog.result() == 1 and not dialog.isVisible()
    assert window_settings().value("sign_in/name") == "aigerim.s"
    assert SignInDialog(context).name.text() == "aigerim.s"  # the next sign-in offers the name


def test_a_wrong_password_is_refused_and_the_fifth_locks_the_account(qtbot: Any, users: Database) -> None:
    context = AppContext(users)
    dialog = show(qtbot, SignInDialog(context), 520, 360)
    qtbot.mouseClick(dialog.sign_in_button, LEFT)  # nothing typed: said at once, nothing asked
    assert dialog.handle is None and "Type your user name and password" in dialog.message.text()
    refused: list[str] = []
    dialog.signed_in.connect(lambda actor: refused.append(f"signed in as {actor.name}"))
    for attempt in range(1, access.MAX_FAILED + 1):
        _attempt(qtbot, dialog, "aigerim.s", f"wrong-password-{attempt}")
        assert dialog.message.isVisible() and dialog.sign_in_button.isEnabled()
        if attempt < access.MAX_FAILED:
            assert dialog.message.text().startswith("Wrong user name or password")
    assert "is locked until" in dialog.message.text() and "aigerim.s" in dialog.message.text()
    _attempt(qtbot, dialog, "aigerim.s", PASSWORD)  # the right password, too late
    assert "is locked after 5 wrong passwords" in dialog.message.text()
    _attempt(qtbot, dialog, "nobody.here", PASSWORD)  # an unknown name reads like a wrong password
    assert dialog.message.text().startswith("Wrong user name or password")
    assert refused == [] and users.actor is None and dialog.isVisible()


def test_the_language_switches_the_dialog_at_once(qtbot: Any, users: Database, english_afterwards: None) -> None:
    context = AppContext(users)
    dialog = show(qtbot, SignInDialog(context), 520, 360)
    assert (dialog.quit_button.text(), dialog.labels["language"].text()) == ("Quit", "Language")
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    assert i18n.current_language() == "ru" and window_settings().value("language") == "ru"
    assert (dialog.quit_button.text(), dialog.labels["language"].text()) == ("Выход", "Язык")
    dialog.language.setCurrentIndex(dialog.language.findData("kk"))
    assert i18n.current_language() == "kk"
    assert dialog.quit_button.text() == i18n.gettext_in("kk", "Quit") != "Quit"


def test_a_password_the_administrator_set_is_changed_first(qtbot: Any, users: Database) -> None:
    sign_in(users, "admin")
    with users.transaction() as session:
        access.reset_password(session, "aigerim.s", "given-by-admin-1")
    users.actor = None
    context = AppContext(users)
    dialog = show(qtbot, SignInDialog(context), 520, 360)
    signed: list[Any] = []
    dialog.signed_in.connect(signed.append)
    _attempt(qtbot, dialog, "aigerim.s", "given-by-admin-1")
    change = dialog.password_dialog
    assert isinstance(change, ChangePasswordDialog) and change.isVisible() and signed == []
    assert "the administrator set your password" in change.about.text()
    save = change.button_box.button(QDialogButtonBox.StandardButton.Save)
    change.password.setText(NEW_PASSWORD)
    change.repeat.setText(NEW_PASSWORD + "x")
    qtbot.mouseClick(save, LEFT)  # two different texts: refused here, nothing asked of the service
    assert change.isVisible() and "differ" in change.errors["repeat"].text()
    change.password.setText("short")
    change.repeat.setText("short")
    qtbot.mouseClick(save, LEFT)  # the service's rule
    assert change.isVisible() and "too short" in change.errors["password"].text()
    change.password.setText(NEW_PASSWORD)
    change.repeat.setText(NEW_PASSWORD)
    qtbot.mouseClick(save, LEFT)
    assert [actor.name for actor in signed] == ["aigerim.s"] and not signed[0].must_change_password
    assert users.actor == signed[0] and not dialog.isVisible()
    assert access.sign_in(users, "aigerim.s", NEW_PASSWORD).name == "aigerim.s"


def test_leaving_the_new_password_keeps_the_user_out(qtbot: Any, users: Database) -> None:
    sign_in(users, "admin")
    with users.transaction() as session:
        access.reset_password(session, "aigerim.s", "given-by-admin-1")
    users.actor = None
    dialog = show(qtbot, SignInDialog(AppContext(users)), 520, 360)
    _attempt(qtbot, dialog, "aigerim.s", "given-by-admin-1")
    change = dialog.password_dialog
    assert change is not None
    change.reject()
    assert users.actor is None and dialog.isVisible() and "chosen your own password" in dialog.message.text()
