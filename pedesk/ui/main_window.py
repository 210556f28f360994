"""The main window: the office's sections beside the open section's page, a language menu, and the
window's geometry remembered between runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
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
)


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
        self._build_menus()
        self.navigation.currentRowChanged.connect(self._show_row)
        context.language_changed.connect(self.retranslate)
        context.data_changed.connect(lambda kind: kind == "office" and self._update_title())
        self._restore_geometry()
        self.navigation.setCurrentRow(0)
        self.retranslate()

    # sections ---------------------------------------------------------------------------------------
    def open_section(self, key: str) -> QWidget:
        """Open a section; "post_course/expiring" opens the section's page at that tab (``show_tab``)."""
        key, _slash, tab = key.partition("/")
        row = [k for k, _label in SECTIONS].index(key)
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
        self.file_menu.addActions([self.backup_action, self.quit_action])
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

    def set_language(self, lang: str) -> None:
        """Switch the whole window's language at run time, without a restart."""
        from pedesk.ui.app import install_qt_translations

        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_qt_translations(app, lang)
        self.language_actions[lang].setChecked(True)
        window_settings().setValue("language", lang)
        self.context.language_changed.emit(lang)

    def retranslate(self, _lang: str = "") -> None:
        for row, (_key, label) in enumerate(SECTIONS):
            item = self.navigation.item(row)
            if item is not None:
                item.setText(_(label))
        self.file_menu.setTitle(_("&File"))
        self.backup_action.setText(_("Back up the database…"))
        self.quit_action.setText(_("Quit"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("About pedesk"))
        self._update_title()
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
