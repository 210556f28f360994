"""One certified listener's post-course support: the works (add, correct) and the three monitoring years (record
a visit), overdue ones in red (п.36-37)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from pedesk.i18n import _, format_date
from pedesk.models.enums import SupportKind
from pedesk.models.support import MonitoringRecord
from pedesk.services.errors import ValidationError
from pedesk.services.rules import WORKS_REQUIRED
from pedesk.services.support import SupportStatus, support_status
from pedesk.services.support_queries import works_of
from pedesk.ui.context import AppContext
from pedesk.ui.pages.post_course_dialogs import KIND_LABELS, RESULT_LABELS, MonitoringDialog, WorkDialog
from pedesk.ui.widgets import ERROR_STYLE

__all__ = ["OVERDUE_COLOUR", "SupportDetail"]

OVERDUE_COLOUR = "#b00020"


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class SupportDetail(QWidget):
    """The panel beside the list; ``changed`` after a work or a visit is saved."""

    changed = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.certificate_id: int | None = None
        self.work_ids: list[int] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.works_caption, self.monitoring_caption = QLabel(), QLabel()
        self.works = _table(4)
        self.monitoring = _table(4)
        self.add_work_button, self.edit_work_button = QPushButton(), QPushButton()
        self.visit_button = QPushButton()
        self.add_work_button.clicked.connect(lambda: self.add_work())
        self.edit_work_button.clicked.connect(lambda: self.edit_work())
        self.visit_button.clicked.connect(lambda: self.record_visit())
        self.works.doubleClicked.connect(lambda _index: self.edit_work())
        self.monitoring.doubleClicked.connect(lambda _index: self.record_visit())
        work_buttons = QHBoxLayout()
        work_buttons.addWidget(self.add_work_button)
        work_buttons.addWidget(self.edit_work_button)
        work_buttons.addStretch(1)
        visit_buttons = QHBoxLayout()
        visit_buttons.addWidget(self.visit_button)
        visit_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for part in (self.summary, self.works_caption, self.works, work_buttons, self.monitoring_caption,
                     self.monitoring, visit_buttons):
            if isinstance(part, QHBoxLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        self.retranslate()
        self.show_certificate(None)

    def retranslate(self) -> None:
        self.works_caption.setText("<b>{}</b>".format(_("Works and other support (at least {n} independent works)")
                                                      .format(n=WORKS_REQUIRED)))
        self.monitoring_caption.setText("<b>{}</b>".format(_("Monitoring: once a year for three years")))
        self.works.setHorizontalHeaderLabels([_("Held on"), _("Kind"), _("Title"), _("Where held")])
        self.monitoring.setHorizontalHeaderLabels([_("Year"), _("Due"), _("Done on"), _("Result")])
        self.add_work_button.setText(_("Add a work…"))
        self.edit_work_button.setText(_("Correct the work…"))
        self.visit_button.setText(_("Record a visit…"))
        self.show_certificate(self.certificate_id)

    def show_certificate(self, certificate_id: int | None) -> None:
        self.certificate_id = certificate_id
        status = None
        if certificate_id is not None:
            with self.context.database.reading() as session:
                try:
                    status = support_status(session, certificate_id, self.context.today())
                except ValidationError:
                    status = None
                works = [(w.id, w.held_on, w.kind, w.title, w.place) for w in works_of(session, certificate_id)]
        for button in (self.add_work_button, self.edit_work_button, self.visit_button):
            button.setEnabled(status is not None)
        if status is None:
            self.certificate_id = None
            self.summary.setText(_("Choose a certified listener in the list."))
            self.works.setRowCount(0)
            self.monitoring.setRowCount(0)
            self.work_ids = []
            return
        self._show_summary(status)
        self._show_works(works)
        self._show_monitoring(status)

    def _show_summary(self, status: SupportStatus) -> None:
        text = _("Independent works: {done} of {required}, due by {due}.").format(
            done=status.works_done, required=WORKS_REQUIRED, due=format_date(status.works_due))
        if status.works_overdue:
            text += " " + _("Overdue: fewer than three works in the 12 months after the course.")
        self.summary.setText(text)
        self.summary.setStyleSheet(ERROR_STYLE if status.works_overdue else "")

    def _show_works(self, works: list[tuple[int, date, SupportKind, str, str]]) -> None:
        self.work_ids = [work[0] for work in works]
        self.works.setRowCount(len(works))
        for row, (_id, held_on, kind, title, place) in enumerate(works):
            texts = (format_date(held_on), _(KIND_LABELS[kind]), title, place)
            for column, text in enumerate(texts):
                self.works.setItem(row, column, QTableWidgetItem(text))
        self.works.resizeColumnsToContents()

    def _show_monitoring(self, status: SupportStatus) -> None:
        self.monitoring.setRowCount(len(status.monitoring))
        for row, year in enumerate(status.monitoring):
            result = _(RESULT_LABELS[year.result]) if year.result else ""
            done = format_date(year.done_on) if year.done_on else (_("overdue") if year.overdue else "")
            for column, text in enumerate((str(year.year_no), format_date(year.due), done, result)):
                item = QTableWidgetItem(text)
                if year.overdue:
                    item.setForeground(QColor(OVERDUE_COLOUR))
                self.monitoring.setItem(row, column, item)
        self.monitoring.resizeColumnsToContents()

    def add_work(self) -> None:
        if self.certificate_id is not None:
            self._run(WorkDialog(self.context, self.certificate_id, parent=self))

    def edit_work(self) -> None:
        row = self.works.currentRow()
        if self.certificate_id is None or not 0 <= row < len(self.work_ids):
            return
        with self.context.database.reading() as session:
            work = next(w for w in works_of(session, self.certificate_id) if w.id == self.work_ids[row])
            session.expunge(work)
        self._run(WorkDialog(self.context, self.certificate_id, work, parent=self))

    def record_visit(self) -> None:
        if self.certificate_id is None:
            return
        year_no = max(self.monitoring.currentRow(), 0) + 1
        with self.context.database.reading() as session:
            record = session.scalars(select(MonitoringRecord).where(
                MonitoringRecord.certificate_id == self.certificate_id, MonitoringRecord.year_no == year_no)).first()
            if record is not None:
                session.expunge(record)
        self._run(MonitoringDialog(self.context, self.certificate_id, year_no, record, parent=self))

    def _run(self, dialog: WorkDialog | MonitoringDialog) -> None:
        self.dialog = dialog  # tests reach the open dialog here
        if dialog.exec():
            self.context.changed("support")
            self.show_certificate(self.certificate_id)
            self.changed.emit()
