"""Signing in (Кіру / Вход) before the window opens on a database that has users: the user name, the password and
the language (which switches the dialog at once); a refusal says why (a wrong password, a locked or disabled
account). A password the administrator set is changed right after signing in, before anything else."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import LANGUAGE_NAMES, LANGUAGES, _, current_language
from pedesk.services import access
from pedesk.services.reference import load_office_settings
from pedesk.ui.access.passwords import ChangePasswordDialog, password_edit
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import ERROR_COLOUR, MUTED_COLOUR, in_language
from pedesk.ui.widgets.tasks import TaskHandle
from pedesk.ui.window_settings import window_settings

__all__ = ["SignInDialog"]

NAME_KEY = "sign_in/name"


class SignInDialog(QDialog):
    """User name, password, language; Sign in runs the check off the UI thread; ``signed_in`` brings the user
    (already the context's), Quit rejects."""

    signed_in = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.handle: TaskHandle | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.message_source = ""
        self.heading, self.office, self.intro = QLabel(), QLabel(), QLabel()
        self.office.setWordWrap(True)
        self.intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.password = password_edit()
        self.language = QComboBox()
        for lang in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)
        self.language.setCurrentIndex(LANGUAGES.index(current_language()))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.labels = {key: QLabel() for key in ("name", "password", "language")}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields: tuple[tuple[str, QWidget], ...] = (("name", self.name), ("password", self.password),
                                                   ("language", self.language))
        for key, field in fields:
            self.labels[key].setBuddy(field)
            form.addRow(self.labels[key], field)
        self.buttons = QDialogButtonBox()
        self.sign_in_button: QPushButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button: QPushButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.office, self.intro):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        remembered = str(window_settings().value(NAME_KEY, "") or "")
        self.name.setText(remembered)
        (self.password if remembered else self.name).setFocus()
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    # signing in ---------------------------------------------------------------------------------------
    def submit(self) -> TaskHandle | None:
        """Check the name and password in the background; the button waits meanwhile."""
        if self.handle is not None and self.handle.running:
            return self.handle
        name, password = self.name.text().strip(), self.password.text()
        if not name or not password:
            self.say(_("Type your user name and password."))
            (self.password if name else self.name).setFocus()
            return None
        self.say(_("Checking the password…"), error=False)
        self.sign_in_button.setEnabled(False)
        database = self.context.database
        self.handle = self.context.runner.run(
            lambda _progress: access.sign_in(database, name, password), on_done=self._signed_in,
            on_problem=self._refused, parent=self, show_progress=False)
        self.handle.done.connect(lambda: self.sign_in_button.setEnabled(True))
        return self.handle

    def _refused(self, text: str) -> None:
        self.say(text)
        self.password.selectAll()
        self.password.setFocus()

    def _signed_in(self, actor: access.Actor) -> None:
        window_settings().setValue(NAME_KEY, actor.name)
        self.password.clear()
        self.say("")
        if not actor.must_change_password:
            self._finish(actor)
            return
        dialog = ChangePasswordDialog(self.context, actor, self, required=True)
        dialog.changed.connect(self._finish)
        dialog.rejected.connect(lambda: self.say(_("pedesk opens once you have chosen your own password: sign in "
                                                   "again and choose it.")))
        self.password_dialog = dialog
        dialog.open()

    def _finish(self, actor: access.Actor) -> None:
        self.context.set_actor(actor)
        self.signed_in.emit(actor)
        self.accept()

    def say(self, text: str, *, error: bool = True) -> None:
        """A line under the form: a refusal in red, a note in grey ("" hides it)."""
        self.message.setStyleSheet(f"color: {ERROR_COLOUR if error else MUTED_COLOUR};")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # language -----------------------------------------------------------------------------------------
    def _language_chosen(self, index: int) -> None:
        from pedesk.ui.app import switch_language

        lang = self.language.itemData(index)
        if lang in LANGUAGES and lang != current_language():
            switch_language(self.context, str(lang))

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("pedesk — sign in"))
        self.heading.setText("<h2>{}</h2>".format(_("Sign in to pedesk")))
        with self.context.database.reading() as session:
            office = load_office_settings(session)
        name = in_language(office.name_kk, office.name_ru, self.context.lang) if office else ""
        self.office.setText(f"<b>{name}</b>" if name else "")
        self.office.setVisible(bool(name))
        self.intro.setText(_("Type the user name and the password the administrator gave you. Five wrong passwords "
                             "in a row lock the account for {minutes} minutes.").format(minutes=access.LOCK_MINUTES))
        self.labels["name"].setText(_("User name"))
        self.labels["password"].setText(_("Password"))
        self.labels["language"].setText(_("Language"))
        self.name.setPlaceholderText(_("for example, aigerim.s"))
        self.sign_in_button.setText(_("Sign in"))
        self.quit_button.setText(_("Quit"))
        index = self.language.findData(current_language())
        if index >= 0 and index != self.language.currentIndex():
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)
