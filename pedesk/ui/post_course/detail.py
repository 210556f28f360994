"""One certified listener's post-course support: the works (add, correct), the three monitoring years (record a
visit) and the final analysis, overdue ones in red (п.35-37), and the printable monitoring card."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import _, format_date, ngettext
from pedesk.models.enums import SupportKind
from pedesk.services.access import Action
from pedesk.services.common import ProgressCallback, ValidationError
from pedesk.services.rules import FINAL_ANALYSIS_YEAR, MONITORING_YEARS, WORKS_REQUIRED
from pedesk.services.support import (
    SupportStatus,
    final_analysis_refusal,
    monitoring_records,
    support_status,
    works_of,
)
from pedesk.ui.certificates.table import ask_save_path
from pedesk.ui.context import AppContext
from pedesk.ui.post_course.columns import OVERDUE_COLOUR
from pedesk.ui.post_course.dialogs import KIND_LABELS, RESULT_LABELS, MonitoringDialog, WorkDialog
from pedesk.ui.widgets.forms import ERROR_STYLE
from pedesk.ui.widgets.permissions import require
from pedesk.ui.widgets.tables import fit_columns

__all__ = ["SupportDetail"]


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fit(table: QTableWidget) -> None:
    """Columns fitted as in the other tables (``fit_columns``), each cell's whole text in its tooltip."""
    fit_columns(table)
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is not None:
                item.setToolTip(item.text())


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
        self.visit_button, self.final_button = QPushButton(), QPushButton()
        self.card_button = QPushButton()
        self.card_menu = QMenu(self.card_button)
        self.card_actions = {lang: self.card_menu.addAction("") for lang in ("kk", "ru")}
        for lang, action in self.card_actions.items():
            action.triggered.connect(lambda _checked=False, lang=lang: self.save_card(lang))
        self.card_button.setMenu(self.card_menu)
        require(context, Action.SUPPORT, self.add_work_button, self.edit_work_button, self.visit_button,
                self.final_button)
        self.final_button.clicked.connect(lambda: self.record_final())
        self.add_work_button.clicked.connect(lambda: self.add_work())
        self.edit_work_button.clicked.connect(lambda: self.edit_work())
        self.visit_button.clicked.connect(lambda: self.record_visit())
        self.works.doubleClicked.connect(lambda _index: self.edit_work())
        self.monitoring.doubleClicked.connect(lambda _index: self.record_visit())
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.card_button, 0, Qt.AlignmentFlag.AlignTop)
        work_buttons = QHBoxLayout()
        work_buttons.addWidget(self.add_work_button)
        work_buttons.addWidget(self.edit_work_button)
        work_buttons.addStretch(1)
        visit_buttons = QHBoxLayout()
        visit_buttons.addWidget(self.visit_button)
        visit_buttons.addWidget(self.final_button)
        visit_buttons.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        for part in (top, self.works_caption, self.works, work_buttons, self.monitoring_caption,
                     self.monitoring, visit_buttons, self.status):
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
        self.final_button.setText(_("Final analysis…"))
        self.card_button.setText(_("Monitoring card (PDF)"))
        self.card_actions["kk"].setText(_("In Kazakh…"))
        self.card_actions["ru"].setText(_("In Russian…"))
        self.show_certificate(self.certificate_id)

    def show_certificate(self, certificate_id: int | None) -> None:
        if certificate_id != self.certificate_id:
            self._say("")
        self.certificate_id = certificate_id
        status, refusal = None, None
        works: list[tuple[int, date, SupportKind, str, str]] = []
        if certificate_id is not None:
            with self.context.database.reading() as session:
                try:
                    status = support_status(session, certificate_id, self.context.today())
                except ValidationError:
                    status = None
                works = [(w.id, w.held_on, w.kind, w.title, w.place) for w in works_of(session, certificate_id)]
                refusal = final_analysis_refusal(session, certificate_id)
        for button in (self.add_work_button, self.edit_work_button, self.visit_button, self.card_button):
            button.setEnabled(status is not None)
        self.final_button.setEnabled(status is not None and refusal is None)
        self.final_button.setToolTip((refusal or "") if status is not None else "")
        if status is None:
            self.certificate_id = None
            self.summary.setText(_("Choose a certified listener in the list."))
            self.works.setRowCount(0)
            self.monitoring.setRowCount(0)
            self.work_ids = []
            return
        late = sum(1 for work in works if work[2] == SupportKind.INDEPENDENT_WORK and work[1] > status.works_due)
        self._show_summary(status, late)
        self._show_works(works)
        self._show_monitoring(status)

    def _show_summary(self, status: SupportStatus, late: int) -> None:
        text = _("Independent works: {done} of {required}, due by {due}.").format(
            done=status.works_done, required=WORKS_REQUIRED, due=format_date(status.works_due, "long"))
        if late:
            text += " " + ngettext("{n} work was held after that and does not count.",
                                   "{n} works were held after that and do not count.", late).format(n=late)
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
        _fit(self.works)

    def _show_monitoring(self, status: SupportStatus) -> None:
        years = list(status.monitoring) + ([status.final] if status.final is not None else [])
        self.monitoring.setRowCount(len(years))
        for row, year in enumerate(years):
            result = _(RESULT_LABELS[year.result]) if year.result else ""
            done = format_date(year.done_on) if year.done_on else (_("overdue") if year.overdue else "")
            label = _("final analysis") if year.year_no == FINAL_ANALYSIS_YEAR else str(year.year_no)
            for column, text in enumerate((label, format_date(year.due), done, result)):
                item = QTableWidgetItem(text)
                if year.overdue:
                    item.setForeground(QColor(OVERDUE_COLOUR))
                self.monitoring.setItem(row, column, item)
        _fit(self.monitoring)

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
        row = max(self.monitoring.currentRow(), 0)
        if row >= MONITORING_YEARS:
            self.record_final()
            return
        self._open_monitoring(row + 1)

    def record_final(self) -> None:
        """The final analysis (п.35), once the three yearly visits are recorded."""
        if self.certificate_id is None:
            return
        with self.context.database.reading() as session:
            refusal = final_analysis_refusal(session, self.certificate_id)
        if refusal is not None:
            self._say(refusal, error=True)
            return
        self._open_monitoring(FINAL_ANALYSIS_YEAR)

    def _open_monitoring(self, year_no: int) -> None:
        assert self.certificate_id is not None
        with self.context.database.reading() as session:
            record = monitoring_records(session, self.certificate_id).get(year_no)
            if record is not None:
                session.expunge(record)
        self._run(MonitoringDialog(self.context, self.certificate_id, year_no, record, parent=self))

    def save_card(self, lang: str, target: Path | None = None) -> None:
        """The printable monitoring card of the shown listener in ``lang``, written in the background."""
        certificate_id = self.certificate_id
        if certificate_id is None:
            return
        if target is None:
            target = ask_save_path(self, _("Monitoring card"), f"monitoring_card_{certificate_id}_{lang}.pdf", "pdf",
                                   _("PDF document (*.pdf)"))
            if target is None:
                return
        database, today, chosen = self.context.database, self.context.today(), target

        def work(progress: ProgressCallback) -> Path:
            progress(0, 0, _("Writing the monitoring card…"))
            from pedesk.services.support import write_monitoring_card

            with database.reading() as session:
                return write_monitoring_card(session, certificate_id, chosen, lang=lang, today=today)

        self.context.runner.run(work, on_done=lambda path: self._say(
            _("The monitoring card was saved to {path}").format(path=path)),
            on_problem=lambda problem: self._say(problem, error=True), parent=self,
            writes=False, title=_("Writing the monitoring card…"))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def _run(self, dialog: WorkDialog | MonitoringDialog) -> None:
        self.dialog = dialog  # tests reach the open dialog here
        if dialog.exec():
            self.context.changed("support")
            self.show_certificate(self.certificate_id)
            self.changed.emit()
