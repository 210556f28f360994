"""The Post-course section (Курстан кейінгі қолдау / Посткурсовое сопровождение, п.21, 32, 35-37): the certified
listeners with their works and monitoring and one listener's detail; the worklist of works and monitoring due
this month or overdue (the same service as `pedesk support due`); the teachers whose certificate runs out within
12 months and those under 36 academic hours in 5 years, both due for a course."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, ngettext
from pedesk.services.common import ProgressCallback
from pedesk.services.support import DueItem, SupportedRow, SupportReportSummary, page_supported, support_due
from pedesk.services.teachers import (
    DueTeacher,
    ExpiringCertificate,
    certificates_expiring,
    count_certificates_expiring,
    count_due_for_course,
    teachers_due_for_course,
)
from pedesk.ui.certificates.table import ask_save_path
from pedesk.ui.context import AppContext
from pedesk.ui.post_course.columns import (
    DUE_COLUMNS,
    EXPIRING_COLUMNS,
    HOURS_COLUMNS,
    SUPPORTED_COLUMNS,
    OverdueModel,
)
from pedesk.ui.post_course.detail import SupportDetail
from pedesk.ui.post_course.report import ReportRequest, SupportReportDialog, write_report
from pedesk.ui.widgets.forms import ERROR_STYLE, ListPage

__all__ = ["TABS", "PostCoursePage"]

TABS = ("listeners", "due", "expiring", "hours")
"""The tabs in order; ``show_tab`` takes one of these (the Dashboard opens them)."""
_KINDS = ("support", "certificate", "enrolment", "teacher")


class PostCoursePage(QWidget):
    """Four tabs: the certified listeners with a detail panel, the support worklist, the certificates running
    out and the teachers under 36 hours."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.hours_total = self.expiring_total = 0  # counted when a list's first page loads
        self.heading = QLabel()
        self.tabs = QTabWidget()
        self.listeners = ListPage(context, N_("Certified listeners"), OverdueModel(
            context.database, self._supported, SUPPORTED_COLUMNS, runner=context.runner), _KINDS)
        self.detail = SupportDetail(context)
        self.listeners.table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_selected())
        self.listeners.model.modelReset.connect(self._show_selected)
        self._select_later: int | None = None  # the listener to select once the list read in the background came
        self.listeners.model.modelReset.connect(self._select_pending)
        self.detail.changed.connect(self._refresh)
        splitter = QSplitter()
        splitter.addWidget(self.listeners)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 500])
        self.worklist = ListPage(context, N_("Due this month or overdue"), OverdueModel(
            context.database, self._due, DUE_COLUMNS, runner=context.runner), _KINDS)
        self.worklist.search.hide()
        self.worklist.activated.connect(self.open_listener)
        self.expiring = ListPage(context, N_("Certificates running out within 12 months: due for a course"),
                                 OverdueModel(context.database, self._expiring, EXPIRING_COLUMNS, runner=context.runner), _KINDS)
        self.hours = ListPage(context, N_("Under 36 academic hours in the last 5 years: due for a course"),
                              OverdueModel(context.database, self._under_hours, HOURS_COLUMNS, runner=context.runner), _KINDS)
        self.hours.search.hide()
        self.notes = {key: QLabel() for key in ("expiring", "hours")}
        for key, page in (("expiring", self.expiring), ("hours", self.hours)):
            self.notes[key].setWordWrap(True)
            cast(QVBoxLayout, page.layout()).insertWidget(1, self.notes[key])
            page.model.modelReset.connect(self.retranslate)
        self.worklist.model.modelReset.connect(self._update_titles)
        for widget in (splitter, self.worklist, self.expiring, self.hours):
            self.tabs.addTab(widget, "")
        self.report_button = QPushButton()
        self.report_button.clicked.connect(lambda: self.ask_report())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        context.language_changed.connect(self.retranslate)
        context.data_changed.connect(self._data_changed)  # after the lists' own refresh
        self.retranslate()

    # the lists' queries ------------------------------------------------------------------------------
    def _supported(self, session: Session, text: str, offset: int, limit: int) -> list[SupportedRow]:
        return page_supported(session, text, offset, limit, today=self.context.today())

    def _due(self, session: Session, _text: str, offset: int, _limit: int) -> list[DueItem]:
        return support_due(session, today=self.context.today()) if offset == 0 else []

    def _expiring(self, session: Session, text: str, offset: int, limit: int) -> list[ExpiringCertificate]:
        if offset == 0:
            self.expiring_total = count_certificates_expiring(session, self.context.today(), text)
        return certificates_expiring(session, self.context.today(), text, offset, limit)

    def _under_hours(self, session: Session, _text: str, offset: int, limit: int) -> list[DueTeacher]:
        if offset == 0:
            self.hours_total = count_due_for_course(session, self.context.today())
        return teachers_due_for_course(session, self.context.today(), limit, offset)

    # -------------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        self.heading.setText("<h2>{}</h2>".format(_("Post-course support")))
        self.report_button.setText(_("Support report (xlsx)…"))
        self._update_titles()
        self.notes["expiring"].setText(_(
            "A certificate is valid for five years (п.32). These teachers' certificates run out within 12 months and "
            "they hold no later one: include them in the plan. Red: runs out within 90 days and the teacher is on "
            "no cohort's list yet."))
        self.notes["hours"].setText(_(
            "A teacher takes 36 to 180 academic hours of courses in each five years (п.21). These teachers have "
            "fewer than 36 in the last five years, counting completed courses and those written in the "
            "questionnaire."))
        self.detail.retranslate()

    def _update_titles(self) -> None:
        """The tabs' titles with their counts (a list still being read shows its last count)."""
        self.tabs.setTabText(0, _("Listeners"))
        self.tabs.setTabText(1, _("Due this month or overdue ({n})").format(n=self.worklist.model.rowCount()))
        self.tabs.setTabText(2, _("Certificates running out ({n})").format(n=self.expiring_total))
        self.tabs.setTabText(3, _("Under 36 hours ({n})").format(n=self.hours_total))

    # the support report ----------------------------------------------------------------------------------
    def ask_report(self) -> None:
        dialog = SupportReportDialog(self.context, self)
        self.report_dialog = dialog  # tests reach the open dialog here
        if not dialog.exec():
            return
        request = dialog.request()
        today = self.context.today()
        target = ask_save_path(self, _("Support report"), request.file_name(today), "xlsx",
                               _("Excel workbook (*.xlsx)"))
        if target is not None:
            self.write_report(request, target)

    def write_report(self, request: ReportRequest, target: Path) -> None:
        """Write the report in the background; the status line says where it went and what it counts."""
        database, today = self.context.database, self.context.today()

        def work(progress: ProgressCallback) -> SupportReportSummary:
            progress(0, 0, _("Writing the support report…"))
            return write_report(database, today, request, target)

        self.context.runner.run(work, on_done=self._reported, on_problem=self._report_failed, parent=self,
                                writes=False, title=_("Writing the support report…"))

    def _reported(self, summary: SupportReportSummary) -> None:
        self.status.setStyleSheet("")
        self.status.setText(ngettext(
            "The support report was saved to {path}: {listeners} listener, {complete} with three works; monitoring "
            "done {done} of {due}.",
            "The support report was saved to {path}: {listeners} listeners, {complete} with three works; monitoring "
            "done {done} of {due}.", summary.listeners).format(
            path=summary.path, listeners=summary.listeners, complete=summary.works_complete,
            done=summary.monitoring_done, due=summary.monitoring_due))

    def _report_failed(self, problem: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(problem)

    def show_tab(self, key: str) -> None:
        """Open one of ``TABS`` (unknown keys open the first)."""
        self.tabs.setCurrentIndex(TABS.index(key) if key in TABS else 0)

    def _show_selected(self) -> None:
        selected = self.listeners.selected_id()
        if selected is not None:  # a refresh loses the selection; the detail keeps its listener
            self.detail.show_certificate(selected)

    def _data_changed(self, kind: str) -> None:
        if kind in _KINDS:
            self._refresh()

    def _refresh(self) -> None:
        """After a change (a work or a visit saved here, or data from elsewhere): the lists have been read again
        on the data change; the tab titles, the detail and the selection follow."""
        shown = self.detail.certificate_id
        self.retranslate()
        self.detail.show_certificate(shown)
        self._select_later = shown
        self._select_row(shown)

    def open_listener(self, certificate_id: int | None) -> None:
        """From the worklist to the listener: the list is searched for the certificate's number and its row
        selected, and the detail shows it."""
        if certificate_id is None:
            return
        number = next((item.certificate for item in self.worklist.model.rows if item.certificate_id == certificate_id),
                      "")
        self.tabs.setCurrentIndex(0)
        if number:
            self.listeners.search.setText(number)
            self.listeners.apply_filter()
        self._select_later = certificate_id  # selected once the list searched in the background is shown
        self._select_row(certificate_id)
        self.detail.show_certificate(certificate_id)

    def _select_pending(self) -> None:
        if self._select_later is not None:
            self._select_row(self._select_later)
            self._select_later = None

    def _select_row(self, certificate_id: int | None) -> None:
        model = self.listeners.model
        row = next((i for i, item in enumerate(model.rows) if item.id == certificate_id), None)
        if row is not None:
            self.listeners.table.setCurrentIndex(model.index(row, 0))

    def worklist_dates(self) -> list[tuple[str, date, bool]]:
        """The worklist as (kind, due, overdue), for tests and the status line."""
        return [(item.kind, item.due, item.overdue) for item in self.worklist.model.rows]

    def rows_of(self, key: str) -> list[Any]:
        """The rows loaded in one of ``TABS``' lists."""
        page = {"listeners": self.listeners, "due": self.worklist, "expiring": self.expiring,
                "hours": self.hours}[key]
        return list(page.model.rows)
