"""The main window: the office's sections beside the open section's page, a language menu, the signed-in user
in the status bar with Sign out and Change password in the File menu, and the window's geometry remembered
between runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from pedesk import __version__
from pedesk.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language, format_date
from pedesk.models import Office
from pedesk.paths import data_dir
from pedesk.services import access
from pedesk.ui.access.passwords import ChangePasswordDialog
from pedesk.ui.context import AppContext
from pedesk.ui.sections import FACTORIES
from pedesk.ui.window_settings import window_settings

PageFactory = Callable[[AppContext], QWidget]

SECTIONS: tuple[tuple[str, str], ...] = (
    ("dashboard", N_("Dashboard")),
    ("schedule", N_("Schedule")),
    ("listeners", N_("Listeners")),
    ("assessments", N_("Assessments")),
    ("certificates", N_("Certificates")),
    ("post_course", N_("Post-course")),
    ("planning", N_("Planning")),
    ("packages", N_("Packages")),
    ("reference", N_("Reference data")),
    ("settings", N_("Settings")),
    ("users", N_("Users")),
    ("audit", N_("Audit trail")),
)
#: the sections only some users see, and the action a user needs to see them
RESTRICTED: dict[str, access.Action] = {"users": access.Action.USERS}
WARNING_STYLE = "color: #9a3412; font-weight: bold;"


class PlaceholderPage(QWidget):
    """A section whose screens are not built yet says so plainly instead of showing invented data."""

    def __init__(self, context: AppContext, title: str) -> None:
        super().__init__()
        self.title = title
        self.heading = QLabel()
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addStretch(1)
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        self.heading.setText(f"<h2>{_(self.title)}</h2>")
        self.note.setText(_("This section is not available in this version of pedesk yet."))


def page_factories() -> dict[str, PageFactory]:
    """The sections that have screens; the others show a plain placeholder."""
    return FACTORIES


class MainWindow(QMainWindow):
    #: the user chose File > Sign out: whoever started the window closes it and asks for a sign-in again
    sign_out_requested = Signal()

    def __init__(self, context: AppContext, factories: dict[str, PageFactory] | None = None) -> None:
        super().__init__()
        self.context = context
        self.factories = page_factories() if factories is None else factories
        self.pages: dict[str, QWidget] = {}
        self.navigation = QListWidget()
        self.navigation.setMinimumWidth(200)
        self.stack = QStackedWidget()
        for key, label in SECTIONS:
            item = QListWidgetItem(_(label))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigation.addItem(item)
        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 1000])
        self.setCentralWidget(splitter)
        self.password_dialog: ChangePasswordDialog | None = None
        self._build_menus()
        self._build_status_bar()
        self.navigation.currentRowChanged.connect(self._show_row)
        context.language_changed.connect(self.retranslate)
        context.data_changed.connect(self._data_changed)
        context.user_changed.connect(self.update_user)
        self._restore_geometry()
        self.update_user()
        self.navigation.setCurrentRow(0)
        self.retranslate()

    def _data_changed(self, kind: str) -> None:
        if kind == "office":
            self._update_title()
        elif kind == "user":
            self.update_user()

    # sections ---------------------------------------------------------------------------------------
    def open_section(self, key: str) -> QWidget:
        """Open a section; "post_course/expiring" opens the section's page at that tab (``show_tab``)."""
        key, _slash, tab = key.partition("/")
        row = [k for k, _label in SECTIONS].index(key)
        item = self.navigation.item(row)
        current = self.stack.currentWidget()
        if item is not None and item.isHidden() and current is not None:  # not this user's: stay where they are
            return current
        self.navigation.setCurrentRow(row)
        page = self.pages[key]
        show_tab = getattr(page, "show_tab", None)
        if tab and show_tab is not None:
            show_tab(tab)
        return page

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key, label = SECTIONS[row]
        if key not in self.pages:
            factory = self.factories.get(key)
            page = factory(self.context) if factory else PlaceholderPage(self.context, label)
            self._connect_page(page)
            self.pages[key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(self.pages[key])

    def _connect_page(self, page: QWidget) -> None:
        """Pages ask for another section (or a cohort) through their signals, never through the window."""
        section_signal = getattr(page, "open_section", None)
        if section_signal is not None:
            section_signal.connect(self.open_section)
        cohort_signal = getattr(page, "open_cohort", None)
        if cohort_signal is not None:
            cohort_signal.connect(self._open_cohort)

    def _open_cohort(self, cohort_id: int) -> None:
        schedule = self.open_section("schedule")
        opener = getattr(schedule, "show_cohort", None)
        if opener is not None:
            opener(cohort_id)

    # menus ------------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.backup_action = QAction(self)
        self.backup_action.triggered.connect(self.backup)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.password_action = QAction(self)
        self.password_action.triggered.connect(self.change_password)
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(lambda _checked=False: self.sign_out_requested.emit())
        self.file_menu.addAction(self.backup_action)
        self.user_separator = self.file_menu.addSeparator()
        self.file_menu.addActions([self.password_action, self.sign_out_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.language_menu = self.menuBar().addMenu("")
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for lang in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[lang], self, checkable=True)
            action.setChecked(lang == current_language())
            action.triggered.connect(lambda _checked=False, code=lang: self.set_language(code))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[lang] = action
        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.about)
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        """The signed-in user and their roles on the right; on a shared database nobody closed yet, a warning."""
        self.open_warning = QLabel()
        self.open_warning.setStyleSheet(WARNING_STYLE)
        self.open_warning.setWordWrap(True)  # a long translation takes two lines rather than widening the window
        self.user_label = QLabel()
        self.statusBar().addPermanentWidget(self.open_warning)
        self.statusBar().addPermanentWidget(self.user_label)

    def set_language(self, lang: str) -> None:
        """Switch the whole window's language at run time, without a restart."""
        from pedesk.ui.app import switch_language

        switch_language(self.context, lang)

    def _language_changed(self, lang: str) -> None:
        action = self.language_actions.get(lang)
        if action is not None:
            action.setChecked(True)

    # the user ---------------------------------------------------------------------------------------
    def update_user(self) -> None:
        """The File menu's Sign out and Change password, the sections the user may see and the status bar
        follow who signed in (or that the database has no users yet)."""
        closed = access.database_has_users(self.context.database)
        for action in (self.password_action, self.sign_out_action, self.user_separator):
            action.setVisible(closed and self.context.actor is not None)
        for row, (key, _label) in enumerate(SECTIONS):
            needed = RESTRICTED.get(key)
            item = self.navigation.item(row)
            if item is not None and needed is not None:
                item.setHidden(not self.context.may(needed))
        current = self.navigation.currentItem()
        if current is not None and current.isHidden():
            self.navigation.setCurrentRow(0)
        self._update_user_texts(closed)

    def _update_user_texts(self, closed: bool | None = None) -> None:
        if closed is None:
            closed = access.database_has_users(self.context.database)
        actor = self.context.actor
        self.user_label.setText(f"{actor.name} — {actor.roles_text}" if actor is not None else "")
        self.user_label.setToolTip(actor.full_name if actor is not None else "")
        warn = not closed and not self.context.database.is_sqlite
        self.open_warning.setVisible(warn)
        self.open_warning.setText(_(
            "The database is open to anyone: add the first administrator (section Users, or "
            "pedesk users add NAME --role admin --password-stdin).") if warn else "")

    def change_password(self) -> ChangePasswordDialog | None:
        actor = self.context.actor
        if actor is None:
            return None
        dialog = ChangePasswordDialog(self.context, actor, self)
        dialog.changed.connect(self._password_changed)
        self.password_dialog = dialog
        dialog.open()
        return dialog

    def _password_changed(self, actor: access.Actor) -> None:
        self.context.set_actor(actor)
        self.statusBar().showMessage(_("Your password was changed."), 10_000)

    def retranslate(self, _lang: str = "") -> None:
        for row, (_key, label) in enumerate(SECTIONS):
            item = self.navigation.item(row)
            if item is not None:
                item.setText(_(label))
        self.file_menu.setTitle(_("&File"))
        self.backup_action.setText(_("Back up the database…"))
        self.quit_action.setText(_("Quit"))
        self.password_action.setText(_("Change password…"))
        self.sign_out_action.setText(_("Sign out"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("About pedesk"))
        self._update_title()
        self._language_changed(current_language())
        self._update_user_texts()
        self.statusBar().showMessage(format_date(self.context.today(), "full"))

    def _update_title(self) -> None:
        with self.context.database.reading() as session:
            office = session.scalars(select(Office).where(Office.is_own.is_(True))).first()
            name = office.name(current_language()) if office else _("office not set up")
        self.setWindowTitle(f"pedesk — {name}")

    # actions ----------------------------------------------------------------------------------------
    def backup(self) -> None:
        from pedesk.services.common import BackupError, backup_database

        stamp = self.context.today().isoformat()
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Back up the database"), str(data_dir() / f"pedesk-backup-{stamp}.sqlite3"),
            _("SQLite database (*.sqlite3)"),
        )
        if not path:
            return
        from pathlib import Path

        try:
            written = backup_database(self.context.database, Path(path))
        except BackupError as exc:
            QMessageBox.warning(self, _("Back up the database"), str(exc))
            return
        self.statusBar().showMessage(_("Backup written to {path}.").format(path=written), 10_000)

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About pedesk"),
            _("pedesk {version}\nTeachers' professional-development courses under Order No. 95 (2016) "
              "as amended by Order No. 137 (2020).").format(version=__version__),
        )

    # geometry ---------------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = window_settings().value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        settings = window_settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.sync()
        self.context.runner.wait(10_000)
        super().closeEvent(event)
