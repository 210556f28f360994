"""The first start after installing (issue 15 point 9): a database without the office opens on a short setup,
the Settings form itself (office names in Kazakh and Russian, code, region, city, head and acting head, the
certificate numbering) under a welcome, over the window. Save checks the whole form as Settings does and
closes; Later leaves the office unset, and the Dashboard keeps saying so."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from pedesk.i18n import _
from pedesk.services.reference import load_office_settings
from pedesk.ui.context import AppContext
from pedesk.ui.settings.page import SettingsPage

__all__ = ["FirstStartDialog", "needs_first_start"]


def needs_first_start(context: AppContext) -> bool:
    """The database has no office of its own yet."""
    with context.database.reading() as session:
        return load_office_settings(session) is None


class FirstStartDialog(QDialog):
    """Welcome, the office's settings and Later; accepted once the settings are saved."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.welcome = QLabel()
        self.welcome.setWordWrap(True)
        self.form = SettingsPage(context)
        self.form.heading.hide()  # the dialog's title and welcome say it
        self.form.save_button.clicked.disconnect()
        self.form.save_button.clicked.connect(self.save)
        self.buttons = QDialogButtonBox()
        self.later = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.welcome)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.buttons)
        self.resize(1100, 660)  # fits a 1366x768 screen with the taskbar
        context.language_changed.connect(self.retranslate)
        self.retranslate()
        self.form.edits["name_kk"].setFocus()

    def save(self) -> None:
        if self.form.save():
            self.accept()

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Set up the office"))
        self.welcome.setText("<h3>{}</h3><p>{}</p>".format(
            _("Welcome to pedesk"),
            _("First tell pedesk about your office: certificates, applications and data packages carry its "
              "names, its head and its numbering. Fill in the fields and save; everything can be changed "
              "later in Settings.")))
        self.form.save_button.setText(_("Save and start"))
        self.later.setText(_("Later"))
