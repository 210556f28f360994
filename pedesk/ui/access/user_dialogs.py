"""The administrator's dialogs of the Users page: a new user (name, full name, roles, password twice), a user's
roles, and a new password the user must change at the next sign-in. The services check every rule (the name, the
first user an administrator, the last administrator kept, the password) and their refusals show under the fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout, QWidget

from pedesk.i18n import N_, _
from pedesk.services import access
from pedesk.services.access import Role
from pedesk.ui.access.passwords import PasswordForm, waiting
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import note_label
from pedesk.ui.widgets.forms import TranslatedForm

__all__ = ["AddUserDialog", "ResetPasswordDialog", "RoleChoice", "RolesDialog"]


class RoleChoice(QWidget):
    """A check box for each role with what the role does under it."""

    def __init__(self, chosen: tuple[Role, ...] | frozenset[Role] = ()) -> None:
        super().__init__()
        self.boxes: dict[Role, QCheckBox] = {}
        self.duties: dict[Role, Any] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for role in Role:
            self.boxes[role] = QCheckBox()
            self.boxes[role].setChecked(role in chosen)
            self.duties[role] = note_label()
            self.duties[role].setContentsMargins(24, 0, 0, 4)
            layout.addWidget(self.boxes[role])
            layout.addWidget(self.duties[role])
        self.retranslate()

    def roles(self) -> set[Role]:
        return {role for role, box in self.boxes.items() if box.isChecked()}

    def retranslate(self) -> None:
        for role in Role:
            self.boxes[role].setText(access.role_label(role))
            self.duties[role].setText(_(access.ROLE_DUTIES[role]))


class AddUserDialog(PasswordForm):
    """A new user. On a database without users the first one must be an administrator (the check box is ticked
    and the dialog says why); once saved, the database asks everyone to sign in."""

    PASSWORD_LABEL = N_("Password")
    ACTION = access.Action.USERS

    def __init__(self, context: AppContext, parent: QWidget | None = None, *, first: bool = False) -> None:
        self.first = first
        self.EXPLANATION = (N_("The first user must be an administrator. Once saved, the database is closed: "
                               "everyone signs in with a user name and a password, and you are signed in as this "
                               "user now.") if first else
                            N_("The user signs in with this name and password; give the password in person."))
        super().__init__(context, N_("Add a user"), parent)
        self.name = self.field("name", N_("User name"), QLineEdit(), N_("for example, aigerim.s"))
        self.full_name = self.field("full_name", N_("Full name"), QLineEdit())
        self.roles = self.field("roles", N_("Roles"), RoleChoice((Role.ADMIN,) if first else ()))
        self.add_password_fields()
        self.added: access.UserRow | None = None
        self.password_typed = ""
        self.retranslate()
        self.name.setFocus()

    def save(self) -> Any:
        password = self.typed_password()
        with waiting(), self.context.database.transaction() as session:
            self.added = access.add_user(session, self.name.text(), self.roles.roles(), password,
                                         self.full_name.text())
        self.password_typed = password
        self.context.changed("user")
        return self.added.name

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        roles = getattr(self, "roles", None)
        if isinstance(roles, RoleChoice):
            roles.retranslate()


class RolesDialog(TranslatedForm):
    """The roles of one user."""

    ACTION = access.Action.USERS

    def __init__(self, context: AppContext, user: access.UserRow, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Roles of the user"), parent)
        self.user = user
        self.about = note_label()
        self.form.addRow(self.about)
        self.roles = self.field("roles", N_("Roles"), RoleChoice(user.roles))
        self.setMinimumWidth(620)
        self.retranslate()

    def save(self) -> Any:
        with self.context.database.transaction() as session:
            access.set_roles(session, self.user.name, self.roles.roles())
        self.context.changed("user")
        return self.user.name

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        self.about.setText(_("{name} ({full_name}): the roles take effect at the user's next sign-in.").format(
            name=self.user.name, full_name=self.user.full_name or "—"))
        self.roles.retranslate()


class ResetPasswordDialog(PasswordForm):
    """A new password for a user who forgot theirs (or whose account was locked); the user must choose their own
    at the next sign-in, and the lock ends."""

    ACTION = access.Action.USERS
    EXPLANATION = N_("A new password for {name}. Give it to {name} in person: at the next sign-in pedesk asks "
                     "{name} to choose their own. A lock after wrong passwords ends as well.")

    def __init__(self, context: AppContext, user: access.UserRow, parent: QWidget | None = None) -> None:
        self.user = user
        super().__init__(context, N_("Reset the password"), parent)
        self.add_password_fields()
        self.retranslate()
        self.password.setFocus()

    def explanation_values(self) -> dict[str, Any]:
        return {"name": self.user.name}

    def save(self) -> Any:
        password = self.typed_password()
        with waiting(), self.context.database.transaction() as session:
            access.reset_password(session, self.user.name, password)
        self.context.changed("user")
        return self.user.name
