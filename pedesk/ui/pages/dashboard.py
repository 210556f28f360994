"""Dashboard (Басты бет / Сводка): what needs the office's attention now."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import _, format_date
from pedesk.services.dashboard import Dashboard, dashboard
from pedesk.ui.context import AppContext

WARNING_COLOUR = "#9a3412"
CERTIFICATES = "certificates"
PACKAGES = "packages"
"""An item's data that opens that section instead of a cohort."""


class DashboardPage(QWidget):
    open_section = Signal(str)
    open_cohort = Signal(int)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.heading = QLabel()
        self.setup_banner = QLabel()
        self.setup_banner.setWordWrap(True)
        self.setup_banner.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;")
        self.setup_button = QPushButton()
        self.setup_button.clicked.connect(lambda: self.open_section.emit("settings"))
        self.boxes: dict[str, tuple[QGroupBox, QListWidget]] = {}
        grid = QGridLayout()
        for position, key in enumerate(("starting", "lists", "deadlines", "packages", "certificates")):
            box = QGroupBox()
            items = QListWidget()
            items.setWordWrap(True)
            items.itemActivated.connect(self._activated)
            QVBoxLayout(box).addWidget(items)
            grid.addWidget(box, position // 2, position % 2)
            self.boxes[key] = (box, items)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.setup_banner)
        layout.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(grid, 1)
        context.language_changed.connect(self.refresh)
        context.data_changed.connect(lambda _kind: self.refresh())
        self.refresh()

    def refresh(self, _lang: str = "") -> None:
        today = self.context.today()
        with self.context.database.reading() as session:
            data = dashboard(session, today, self.context.lang)
        title = _("Dashboard")
        self.heading.setText(f"<h2>{title}</h2><p>{format_date(today, 'full')}</p>")
        self.setup_banner.setText(
            _("The office is not set up yet: fill in its name, head and certificate numbering in Settings.")
        )
        self.setup_button.setText(_("Open Settings"))
        self.setup_banner.setVisible(not data.office_set_up)
        self.setup_button.setVisible(not data.office_set_up)
        self._fill(data)

    def _fill(self, data: Dashboard) -> None:
        titles = {
            "starting": _("Cohorts starting within 30 days"),
            "lists": _("Lists to form two months before the start (п.12)"),
            "deadlines": _("Planning deadlines (п.9-11)"),
            "packages": _("Data packages to the administration (п.17)"),
            "certificates": _("Certificates to issue (п.29)"),
        }
        rows: dict[str, list[tuple[str, int | str | None, bool]]] = {
            "starting": [(f"{c.when}: {c.message}", c.cohort_id, False) for c in data.starting_soon],
            "lists": [(f"{w.when}: {w.message}", w.cohort_id, True) for w in data.lists_not_formed],
            "deadlines": [(f"{format_date(d.due)} ({d.when}): {d.label}", None, d.soon) for d in data.deadlines],
            "packages": [(data.package.message, PACKAGES, data.package.current)] if data.package else [],
            "certificates": [(a.message, CERTIFICATES, False) for a in data.awaiting_certificates],
        }
        empty = {
            "starting": _("No cohort starts within 30 days."),
            "lists": _("Every list due by now is formed."),
            "deadlines": _("No planning deadline within 60 days."),
            "packages": _("No data package is due within 30 days."),
            "certificates": _("Every listener who passed holds a certificate."),
        }
        for key, (box, items) in self.boxes.items():
            box.setTitle(f"{titles[key]} ({len(rows[key])})")
            items.clear()
            for text, cohort_id, urgent in rows[key]:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, cohort_id)
                if urgent:
                    item.setForeground(Qt.GlobalColor.darkRed)
                items.addItem(item)
            if not rows[key]:
                placeholder = QListWidgetItem(empty[key])
                placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
                items.addItem(placeholder)

    def _activated(self, item: QListWidgetItem) -> None:
        cohort_id = item.data(Qt.ItemDataRole.UserRole)
        if cohort_id in (CERTIFICATES, PACKAGES):
            self.open_section.emit(cohort_id)
        elif isinstance(cohort_id, int):
            self.open_cohort.emit(cohort_id)
