"""The Users page (Пайдаланушылар / Пользователи) of the administrators: who may sign in, with which roles, and
in which state (disabled, locked after wrong passwords, to change the password); Add user, Roles, Disable or
Enable, Unlock and Reset password. On a database without users anyone sees it, to add the first administrator;
the window then signs in as that administrator, so that the office is not locked out."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pedesk.i18n import N_, _
from pedesk.services import access
from pedesk.services.common import ValidationError
from pedesk.ui.access.passwords import waiting
from pedesk.ui.access.user_dialogs import AddUserDialog, ResetPasswordDialog, RolesDialog
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import ERROR_COLOUR, OK_COLOUR, note_label
from pedesk.ui.widgets.permissions import require
from pedesk.ui.widgets.records import RecordTableModel
from pedesk.ui.widgets.tables import MAX_LIST_COLUMN, fit_to_contents, list_table

__all__ = ["UsersPage", "state_text"]

DialogT = TypeVar("DialogT", bound=QDialog)
HEADERS = (N_("User name"), N_("Full name"), N_("Roles"), N_("State"), N_("Last sign-in"))
BUTTONS = (("add", N_("Add user…")), ("roles", N_("Roles…")), ("disable", N_("Disable")),
           ("unlock", N_("Unlock")), ("reset", N_("Reset password…")))


def state_text(user: access.UserRow) -> str:
    """Disabled, locked until a time, to change the password, or active."""
    parts = []
    if user.disabled:
        parts.append(_("disabled"))
    if user.locked_until is not None:
        parts.append(_("locked until {time}").format(time=access.local_time(user.locked_until)))
    if user.must_change_password:
        parts.append(_("must change the password"))
    return ", ".join(parts) or _("active")


class UsersPage(QWidget):
    """The users' table and the administrator's buttons; a refusal of the services goes to the line under it."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.users: list[access.UserRow] = []
        self.dialog: Any = None
        self.heading = QLabel()
        self.intro = note_label()
        self.model = RecordTableModel(HEADERS)
        self.table = list_table(self.model, wrap=False)
        self.table.doubleClicked.connect(lambda _index: self.edit_roles())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.update_buttons())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QPushButton] = {}
        slots = {"add": self.add_user, "roles": self.edit_roles, "disable": self.toggle_disabled,
                 "unlock": self.unlock, "reset": self.reset_password}
        row = QHBoxLayout()
        for key, _text in BUTTONS:
            button = self.buttons[key] = QPushButton()
            button.clicked.connect(lambda _checked=False, slot=slots[key]: slot())
            row.addWidget(button)
        row.addStretch(1)
        require(context, access.Action.USERS, *self.buttons.values())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        context.language_changed.connect(self.retranslate)
        context.data_changed.connect(self._data_changed)
        context.user_changed.connect(self.retranslate)
        self.retranslate()

    # the list -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        chosen = self.selected()
        with self.context.database.reading() as session:
            self.users = access.list_users(session)
        self.model.set_records((user.name, (
            user.name, user.full_name, user.roles_text, state_text(user),
            access.local_time(user.last_sign_in_at) if user.last_sign_in_at else "")) for user in self.users)
        if chosen is not None:
            self.select(chosen.name)
        fit_to_contents(self.table, MAX_LIST_COLUMN)
        self.update_buttons()

    def _data_changed(self, kind: str) -> None:
        if kind == "user":
            self.refresh()

    def selected(self) -> access.UserRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.users[rows[0].row()] if rows and rows[0].row() < len(self.users) else None

    def select(self, name: str) -> None:
        for row, user in enumerate(self.users):
            if user.name == name:
                self.table.selectRow(row)
                return

    def update_buttons(self) -> None:
        user = self.selected()
        for key in ("roles", "disable", "reset"):
            self.buttons[key].setEnabled(user is not None)
        self.buttons["unlock"].setEnabled(user is not None and user.locked_until is not None)
        self.buttons["disable"].setText(_("Enable") if user is not None and user.disabled else _("Disable"))

    def say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(f"color: {ERROR_COLOUR if error else OK_COLOUR};")
        self.status.setText(text)

    # the actions --------------------------------------------------------------------------------------
    def _open(self, dialog: DialogT) -> DialogT:
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_user(self) -> AddUserDialog:
        first = not access.database_has_users(self.context.database)
        dialog = AddUserDialog(self.context, self, first=first)
        dialog.accepted.connect(lambda: self._added(dialog, first))
        return self._open(dialog)

    def _added(self, dialog: AddUserDialog, first: bool) -> None:
        added = dialog.added
        if added is None:
            return
        self.refresh()
        self.select(added.name)
        if not first:
            self.say(_("{name} was added; {name} signs in with the password you typed.").format(name=added.name))
            return
        try:  # the first administrator: this window goes on as that user, or nobody could change anything
            with waiting():
                actor = access.sign_in(self.context.database, added.name, dialog.password_typed)
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return
        self.context.set_actor(actor)
        self.say(_("{name} was added, and you are signed in as {name}. From now on pedesk asks for the user name "
                   "and the password at the start.").format(name=added.name))

    def edit_roles(self) -> RolesDialog | None:
        user = self.selected()
        if user is None or not self.buttons["roles"].isEnabled():
            return None
        dialog = RolesDialog(self.context, user, self)
        dialog.accepted.connect(lambda: self.say(_("The roles of {name} were changed.").format(name=user.name)))
        return self._open(dialog)

    def reset_password(self) -> ResetPasswordDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = ResetPasswordDialog(self.context, user, self)
        dialog.accepted.connect(lambda: self.say(_("{name} has a new password and chooses their own at the next "
                                                   "sign-in.").format(name=user.name)))
        return self._open(dialog)

    def _change(self, change: Any, done: str) -> bool:
        """``change(session)`` in one transaction; the refusal (the last administrator, a role missing) is said."""
        try:
            with self.context.database.transaction() as session:
                change(session)
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return False
        self.context.changed("user")
        self.say(done)
        return True

    def toggle_disabled(self) -> bool:
        user = self.selected()
        if user is None:
            return False
        disable = not user.disabled
        done = (_("{name} is disabled and can no longer sign in; the audit trail keeps the name.") if disable
                else _("{name} is enabled and can sign in again.")).format(name=user.name)
        return self._change(lambda session: access.disable_user(session, user.name, disabled=disable), done)

    def unlock(self) -> bool:
        user = self.selected()
        if user is None:
            return False
        return self._change(lambda session: access.unlock_user(session, user.name),
                            _("{name} is unlocked and can sign in again.").format(name=user.name))

    # language -----------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        self.heading.setText("<h2>{}</h2>".format(_("Users")))
        if access.database_has_users(self.context.database):
            self.intro.setText(_("Who may sign in to pedesk, and what each user may do. Users are never deleted: "
                                 "the audit trail names them; disable a user who left."))
        else:
            self.intro.setText(_("This database has no users yet: anyone who opens it may change anything. Add "
                                 "the first user, an administrator; from then on everyone signs in."))
        for key, text in BUTTONS:
            self.buttons[key].setText(_(text))
        self.model.retranslate()
        self.refresh()
