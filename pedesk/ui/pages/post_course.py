"""The Post-course section (Курстан кейінгі қолдау / Посткурсовое сопровождение, п.35-37): the certified
listeners with their works and monitoring, one listener's detail, and the worklist of what is due this month
or overdue (the same service as `pedesk support due`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_date
from pedesk.services.rules import MONITORING_YEARS, WORKS_REQUIRED
from pedesk.services.support_due import DueItem, support_due
from pedesk.services.support_queries import SupportedRow, page_supported
from pedesk.ui.context import AppContext
from pedesk.ui.paged_model import Column, Index, PagedTableModel
from pedesk.ui.pages.post_course_detail import OVERDUE_COLOUR, SupportDetail
from pedesk.ui.widgets import ListPage

__all__ = ["PostCoursePage"]


def _next(row: SupportedRow) -> str:
    return format_date(row.next_monitoring) if row.next_monitoring else _("all done")


SUPPORTED_COLUMNS = (
    Column(N_("Listener"), lambda row: row.holder),
    Column(N_("IIN"), lambda row: row.iin),
    Column(N_("Certificate"), lambda row: row.number),
    Column(N_("Course ended"), lambda row: format_date(row.course_end)),
    Column(N_("Works"), lambda row: f"{row.works_done} / {WORKS_REQUIRED}",
           align_right=True),
    Column(N_("Works due"), lambda row: format_date(row.works_due)),
    Column(N_("Monitoring"), lambda row: f"{row.monitoring_done} / {MONITORING_YEARS}", align_right=True),
    Column(N_("Next monitoring"), _next),
)


def _what(item: DueItem) -> str:
    if item.kind == "works":
        return _("works: {done} of {required}").format(done=item.works_done, required=WORKS_REQUIRED)
    return _("monitoring, year {n}").format(n=item.year_no)


DUE_COLUMNS = (
    Column(N_("Due"), lambda item: format_date(item.due)),
    Column(N_("Listener"), lambda item: item.teacher),
    Column(N_("IIN"), lambda item: item.iin),
    Column(N_("Certificate"), lambda item: item.certificate),
    Column(N_("What is due"), _what),
    Column(N_("Overdue"), lambda item: _("overdue") if item.overdue else ""),
)


class OverdueModel(PagedTableModel):
    """Rows whose ``overdue`` is true are painted red."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            row = self.row_at(index.row()) if index.isValid() else None
            return QColor(OVERDUE_COLOUR) if row is not None and row.overdue else None
        if role == Qt.ItemDataRole.UserRole and index.isValid():
            row = self.row_at(index.row())
            return getattr(row, "certificate_id", getattr(row, "id", None)) if row is not None else None
        return super().data(index, role)


class PostCoursePage(QWidget):
    """Two tabs: the certified listeners with a detail panel, and the worklist of this month and the overdue."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.heading = QLabel()
        self.tabs = QTabWidget()
        self.listeners = ListPage(context, N_("Certified listeners"), OverdueModel(
            context.database, self._supported, SUPPORTED_COLUMNS), ("support", "certificate"))
        self.detail = SupportDetail(context)
        self.listeners.table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_selected())
        self.listeners.model.modelReset.connect(self._show_selected)
        self.detail.changed.connect(self._refresh)
        splitter = QSplitter()
        splitter.addWidget(self.listeners)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.worklist = ListPage(context, N_("Due this month or overdue"), OverdueModel(
            context.database, self._due, DUE_COLUMNS), ("support", "certificate"))
        self.worklist.search.hide()
        self.worklist.activated.connect(self.open_listener)
        self.tabs.addTab(splitter, "")
        self.tabs.addTab(self.worklist, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    def _supported(self, session: Session, text: str, offset: int, limit: int) -> list[SupportedRow]:
        return page_supported(session, text, offset, limit, today=self.context.today())

    def _due(self, session: Session, _text: str, offset: int, _limit: int) -> list[DueItem]:
        return support_due(session, today=self.context.today()) if offset == 0 else []

    def retranslate(self, _lang: str = "") -> None:
        self.heading.setText("<h2>{}</h2>".format(_("Post-course support")))
        self.tabs.setTabText(0, _("Listeners"))
        self.tabs.setTabText(1, _("Due this month or overdue ({n})").format(n=self.worklist.model.rowCount()))
        self.detail.retranslate()

    def _show_selected(self) -> None:
        selected = self.listeners.selected_id()
        if selected is not None:  # a refresh loses the selection; the detail keeps its listener
            self.detail.show_certificate(selected)

    def _refresh(self) -> None:
        shown = self.detail.certificate_id
        self.listeners.model.refresh()
        self.worklist.model.refresh()
        self.retranslate()
        self.detail.show_certificate(shown)

    def open_listener(self, certificate_id: int | None) -> None:
        """From the worklist to the listener's detail (the list is searched for the certificate)."""
        if certificate_id is None:
            return
        self.tabs.setCurrentIndex(0)
        self.detail.show_certificate(certificate_id)

    def worklist_dates(self) -> list[tuple[str, date, bool]]:
        """The worklist as (kind, due, overdue), for tests and the status line."""
        return [(item.kind, item.due, item.overdue) for item in self.worklist.model.rows]
