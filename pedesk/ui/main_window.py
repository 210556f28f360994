"""The main window: a navigation of the office's sections beside the section's page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from pedesk.i18n import N_, _, current_language, format_date
from pedesk.models import Office
from pedesk.models.database import Database

SECTIONS = (
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

    def __init__(self, title: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{title}</h2>")
        note = QLabel(_("This section is not available in this version of pedesk yet."))
        note.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database
        self.setWindowTitle(self._title())
        self.resize(1200, 760)
        central = QWidget()
        row = QHBoxLayout(central)
        self.navigation = QListWidget()
        self.navigation.setFixedWidth(220)
        self.pages = QStackedWidget()
        for key, label in SECTIONS:
            item = QListWidgetItem(_(label))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigation.addItem(item)
            self.pages.addWidget(PlaceholderPage(_(label)))
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        row.addWidget(self.navigation)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(format_date(date.today(), "long"))

    def _title(self) -> str:
        with self.database.reading() as session:
            office = session.scalars(select(Office).where(Office.is_own.is_(True))).first()
            name = office.name(current_language()) if office else _("office not set up")
        return f"pedesk — {name}"
