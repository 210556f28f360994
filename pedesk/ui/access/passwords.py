"""Passwords typed twice: the form every password dialog shares, and the signed-in user's own new password
(File > Change password, and at once after signing in with a password the administrator set)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

from pedesk.i18n import N_, _
from pedesk.services import access
from pedesk.services.common import ValidationError
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import note_label
from pedesk.ui.widgets.forms import TranslatedForm

__all__ = ["ChangePasswordDialog", "PasswordForm", "password_edit", "waiting"]

T = TypeVar("T")
REPEAT_FIELD = "repeat"


def password_edit() -> QLineEdit:
    """A line edit that shows dots for what is typed."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(200)
    return edit


@contextmanager
def waiting() -> Iterator[None]:
    """The wait cursor while a password is hashed (a few tenths of a second by design)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class PasswordForm(TranslatedForm):
    """A form with an explanation on top and a new password typed twice; ``typed_password()`` refuses two
    different texts. Subclasses add their fields, then call ``add_password_fields``; ``EXPLANATION`` (English)
    is the text on top, formatted with ``explanation_values()``."""

    EXPLANATION = ""
    PASSWORD_LABEL = N_("New password")

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(context, title, parent)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.about.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.about)
        layout.insertStretch(layout.count() - 1, 1)  # spare height above the buttons, not inside the texts
        self.hint = note_label()
        self.setMinimumWidth(620)

    def add_password_fields(self) -> None:
        self.password = self.field("password", self.PASSWORD_LABEL, password_edit())
        self.repeat = self.field(REPEAT_FIELD, N_("The same password again"), password_edit())
        self.form.addRow(self.hint)

    def typed_password(self) -> str:
        if self.password.text() != self.repeat.text():
            raise ValidationError.single(REPEAT_FIELD, _("The two passwords differ: type the same password "
                                                         "twice."))
        return str(self.password.text())

    def explanation_values(self) -> dict[str, Any]:
        return {}

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        self.about.setText(_(self.EXPLANATION).format(**self.explanation_values()) if self.EXPLANATION else "")
        self.about.setVisible(bool(self.EXPLANATION))
        self.hint.setText(_("At least {count} characters. A few words with a digit are easy to remember and hard "
                            "to guess; do not reuse the password of your e-mail.").format(count=access.MIN_LENGTH))


class ChangePasswordDialog(PasswordForm):
    """The signed-in user's own new password; ``changed`` brings the user to go on with. ``required``: right after
    signing in with a password the administrator set, before anything else."""

    changed = Signal(object)

    def __init__(self, context: AppContext, actor: access.Actor, parent: QWidget | None = None, *,
                 required: bool = False) -> None:
        self.actor = actor
        self.required = required
        self.EXPLANATION = (N_("{name}, the administrator set your password. Choose your own now: nobody else, the "
                               "administrator included, should know it.") if required else
                            N_("A new password for {name}. From the next sign-in, only the new password opens "
                               "pedesk."))
        super().__init__(context, N_("Change password"), parent)
        # asked for from the menu, the password in use is typed first (a PC left signed in stays safe)
        self.current = None if required else self.field("current", N_("Current password"), password_edit())
        self.add_password_fields()
        self.new_actor: access.Actor | None = None
        self.button_box.button(self.button_box.StandardButton.Save).setDefault(True)
        self.retranslate()
        (self.current or self.password).setFocus()

    def explanation_values(self) -> dict[str, Any]:
        return {"name": self.actor.name}

    def save(self) -> Any:
        password = self.typed_password()
        current = None if self.current is None else str(self.current.text())
        with waiting():
            self.new_actor = as_actor(self.context, self.actor, lambda session: access.change_own_password(
                session, password, current))
        self.changed.emit(self.new_actor)
        return self.actor.id


def as_actor(context: AppContext, actor: access.Actor, change: Callable[[Any], T]) -> T:
    """``change(session)`` in one transaction acting as ``actor`` (who may not be signed in yet: a password the
    administrator set is changed before the window opens); the database's user is left as it was."""
    database = context.database
    before = database.actor
    database.actor = actor
    try:
        with database.transaction() as session:
            return change(session)
    finally:
        database.actor = before
