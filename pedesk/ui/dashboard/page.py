"""Dashboard (Басты бет / Сводка): what needs the office's attention now."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
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
from pedesk.services.common import ProgressCallback
from pedesk.services.reports import Dashboard, Worklist, dashboard, worklists
from pedesk.ui.context import AppContext

WARNING_COLOUR = "#9a3412"
CERTIFICATES = "certificates"
PACKAGES = "packages"
POST_COURSE = "post_course"
"""An item's data that opens that section instead of a cohort ("post_course/expiring": at that tab)."""


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
        for position, key in enumerate(("starting", "lists", "deadlines", "packages", "certificates", "support")):
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
        self.stale = False  # data changed while the page was hidden: read again when it is shown
        self.counting = self.counted_generation = 0  # the worklists' count asked for last, and shown last
        self.worklists: tuple[Worklist, ...] | None = None
        self.count_error = ""
        context.language_changed.connect(self._language_changed)
        context.data_changed.connect(self._data_changed)
        self.refresh()

    def _language_changed(self, _lang: str) -> None:
        self.worklists = None  # their sentences are in the old language until counted again
        self.refresh()

    def _data_changed(self, _kind: str = "") -> None:
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def refresh(self, _lang: str = "") -> None:
        """Read the dashboard again; the worklists, which read every certificate of the last years, are counted
        in the background and shown when ready (a newer refresh makes an older count's result moot)."""
        self.stale = False
        today = self.context.today()
        with self.context.database.reading() as session:
            data = dashboard(session, today, self.context.lang, with_worklists=False)
        self.data = data
        self.counting += 1
        generation, database = self.counting, self.context.database

        def count(_progress: ProgressCallback) -> tuple[Worklist, ...]:
            with database.reading() as session:
                return worklists(session, today)

        self.context.runner.run(count, on_done=lambda lines: self._counted(generation, lines),
                                on_error=lambda error: self._count_failed(generation, error), writes=False,
                                show_progress=False)
        self._show(data)

    def _counted(self, generation: int, lines: tuple[Worklist, ...]) -> None:
        if generation == self.counting:
            self.worklists, self.counted_generation, self.count_error = lines, generation, ""
            self._fill(self.data)

    def _count_failed(self, generation: int, error: BaseException) -> None:
        if generation == self.counting:
            self.worklists, self.counted_generation = (), generation
            self.count_error = _("The worklists could not be counted: {error}").format(error=error)
            self._fill(self.data)

    def counted(self) -> bool:
        """The worklists of the latest refresh are shown."""
        return self.counted_generation == self.counting

    def _show(self, data: Dashboard) -> None:
        today = data.today
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
            "support": _("Post-course support and teachers due for a course (п.21, 32, 35-37)"),
        }
        rows: dict[str, list[tuple[str, int | str | None, bool]]] = {
            "starting": [(f"{c.when}: {c.message}", c.cohort_id, False) for c in data.starting_soon],
            "lists": [(f"{w.when}: {w.message}", w.cohort_id, True) for w in data.lists_not_formed],
            "deadlines": [(f"{format_date(d.due)} ({d.when}): {d.label}", None, d.soon) for d in data.deadlines],
            "packages": [(data.package.message, PACKAGES, data.package.current)] if data.package else [],
            "certificates": [(a.message, CERTIFICATES, False) for a in data.awaiting_certificates],
            "support": [(w.message, f"{POST_COURSE}/{w.tab}", w.urgent > 0) for w in self.worklists or ()],
        }
        empty = {
            "starting": _("No cohort starts within 30 days."),
            "lists": _("Every list due by now is formed."),
            "deadlines": _("No planning deadline within 60 days."),
            "packages": _("No data package is due within 30 days."),
            "certificates": _("Every listener who passed holds a certificate."),
            "support": self.count_error or (
                _("No post-course work or monitoring is due, and no teacher is due for a course.")
                if self.worklists is not None else _("Counting…")),
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
        if isinstance(cohort_id, str):
            self.open_section.emit(cohort_id)
        elif isinstance(cohort_id, int):
            self.open_cohort.emit(cohort_id)
