"""The Users page: the first user of a database must be an administrator, and the window goes on signed in as
them; an administrator adds a user, changes roles, disables and enables, unlocks and resets a password; the
services' refusals (the last administrator) are said on the page."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from pedesk.models.database import Database
from pedesk.services import access
from pedesk.services.access import Role
from pedesk.ui.access.user_dialogs import AddUserDialog
from pedesk.ui.access.users import HEADERS, UsersPage
from pedesk.ui.context import AppContext
from tests.builders import PASSWORD, add_users, sign_in
from tests.ui.conftest import Messages, show

LEFT = Qt.MouseButton.LeftButton
STATE = HEADERS.index("State")


def _save(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Save), LEFT)


def _fill(dialog: AddUserDialog, name: str, full_name: str, roles: set[Role], password: str = PASSWORD) -> None:
    dialog.name.setText(name)
    dialog.full_name.setText(full_name)
    for role, box in dialog.roles.boxes.items():
        box.setChecked(role in roles)
    dialog.password.setText(password)
    dialog.repeat.setText(password)


def _row(page: UsersPage, name: str) -> tuple[str, ...]:
    return next(row for row in page.model.rows if row[0] == name)


def _choose(page: UsersPage, name: str) -> None:
    page.select(name)
    assert page.selected() is not None and page.selected().name == name  # type: ignore[union-attr]


def test_the_first_user_is_an_administrator_and_the_window_signs_in_as_them(qtbot: Any, database: Database) -> None:
    context = AppContext(database)
    changes: list[bool] = []
    context.user_changed.connect(lambda: changes.append(True))
    page = show(qtbot, UsersPage(context), 1366, 768)
    assert page.model.rows == [] and "no users yet" in page.intro.text()
    dialog = page.add_user()
    assert dialog.first and dialog.roles.boxes[Role.ADMIN].isChecked()
    _fill(dialog, "aigerim.s", "Айгерім Сәрсенова", {Role.HEAD})
    _save(qtbot, dialog)  # no administrator: the service refuses, the dialog says why under the roles
    assert dialog.isVisible() and "must be an administrator" in dialog.errors["roles"].text()
    _fill(dialog, "Aigerim.S", "Айгерім Сәрсенова", {Role.ADMIN, Role.HEAD})
    _save(qtbot, dialog)
    assert not dialog.isVisible() and changes == [True]
    assert database.actor is not None and database.actor.name == "aigerim.s" and context.user == "aigerim.s"
    assert _row(page, "aigerim.s")[:3] == ("aigerim.s", "Айгерім Сәрсенова", "administrator, head of the office")
    assert "you are signed in as aigerim.s" in page.status.text()
    assert "never deleted" in page.intro.text()


def test_an_administrator_adds_a_user_and_disables_one(qtbot: Any, database: Database, messages: Messages) -> None:
    add_users(database, {})
    context = AppContext(database)
    context.set_actor(sign_in(database, "admin"))
    page = show(qtbot, UsersPage(context), 1366, 768)
    dialog = page.add_user()
    assert not dialog.first and not dialog.roles.boxes[Role.ADMIN].isChecked()
    _fill(dialog, "dana.k", "Дана Қасымова", {Role.REGISTRAR}, password="short")
    _save(qtbot, dialog)
    assert dialog.isVisible() and "too short" in dialog.errors["password"].text()
    dialog.password.setText(PASSWORD)
    _save(qtbot, dialog)
    assert "differ" in dialog.errors["repeat"].text()
    dialog.repeat.setText(PASSWORD)
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert _row(page, "dana.k")[2:4] == ("registrar", "active")
    _choose(page, "dana.k")
    assert page.buttons["disable"].text() == "Disable" and not page.buttons["unlock"].isEnabled()
    qtbot.mouseClick(page.buttons["disable"], LEFT)
    assert _row(page, "dana.k")[STATE] == "disabled" and page.buttons["disable"].text() == "Enable"
    assert "can no longer sign in" in page.status.text()
    qtbot.mouseClick(page.buttons["disable"], LEFT)
    assert _row(page, "dana.k")[STATE] == "active"
    _choose(page, "admin")
    qtbot.mouseClick(page.buttons["disable"], LEFT)  # the last administrator: the service refuses
    assert "last administrator" in page.status.text() and _row(page, "admin")[STATE] == "active"


def test_roles_unlock_and_a_new_password(qtbot: Any, database: Database) -> None:
    add_users(database, {"dana.k": {Role.REGISTRAR}})
    for attempt in range(access.MAX_FAILED):
        with contextlib.suppress(access.SignInRefused):
            access.sign_in(database, "dana.k", f"wrong-{attempt}")
    context = AppContext(database)
    context.set_actor(sign_in(database, "admin"))
    page = show(qtbot, UsersPage(context), 1366, 768)
    assert _row(page, "dana.k")[STATE].startswith("locked until")
    _choose(page, "dana.k")
    assert page.buttons["unlock"].isEnabled()
    qtbot.mouseClick(page.buttons["unlock"], LEFT)
    assert _row(page, "dana.k")[STATE] == "active"
    _choose(page, "dana.k")
    roles = page.edit_roles()
    assert roles is not None and roles.roles.roles() == {Role.REGISTRAR}
    roles.roles.boxes[Role.METHODOLOGIST].setChecked(True)
    _save(qtbot, roles)
    assert _row(page, "dana.k")[2] == "methodologist, registrar"
    _choose(page, "dana.k")
    reset = page.reset_password()
    assert reset is not None
    reset.password.setText("temporary-pass-1")
    reset.repeat.setText("temporary-pass-1")
    _save(qtbot, reset)
    assert _row(page, "dana.k")[STATE] == "must change the password"
    assert access.sign_in(database, "dana.k", "temporary-pass-1").must_change_password
